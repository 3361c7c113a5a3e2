package io.godfs.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.bootstrap.cli.XattrValues.Encoding;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Values as getfattr(1) prints them and setfattr(1) reads them, and every byte round trip. */
class XattrValuesTest {
  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void autoIsTextWhenPrintableElseBase64() {
    assertThat(XattrValues.encode(utf8("hello wörld ✓"), Encoding.AUTO))
        .isEqualTo("\"hello wörld ✓\"");
    assertThat(XattrValues.encode(utf8("say \"hi\" \\o/"), Encoding.AUTO))
        .isEqualTo("\"say \\\"hi\\\" \\\\o/\"");
    assertThat(XattrValues.encode(new byte[] {0, 1, (byte) 0xff}, Encoding.AUTO))
        .isEqualTo("0sAAH/");
    assertThat(XattrValues.encode(utf8("a\nb"), Encoding.AUTO)).isEqualTo("0sYQpi");
    assertThat(XattrValues.encode(utf8("\u202eevil"), Encoding.AUTO)).startsWith("0s");
    assertThat(XattrValues.encode(new byte[0], Encoding.AUTO)).isEqualTo("\"\"");
  }

  @Test
  void forcedEncodings() {
    byte[] mixed = {'a', '\n', (byte) 0xc3, (byte) 0xa4, (byte) 0xff, '"'};
    assertThat(XattrValues.encode(mixed, Encoding.TEXT)).isEqualTo("\"a\\012\\303\\244\\377\\\"\"");
    assertThat(XattrValues.encode(utf8("a\nä"), Encoding.TEXT)).isEqualTo("\"a\\012ä\"");
    assertThat(XattrValues.encode(mixed, Encoding.HEX)).isEqualTo("0x610ac3a4ff22");
    assertThat(XattrValues.encode(mixed, Encoding.BASE64)).isEqualTo("0sYQrDpP8i");
    assertThat(Encoding.of("HEX")).isEqualTo(Encoding.HEX);
  }

  @Test
  void setfattrValues() {
    assertThat(XattrValues.decode("plain text")).isEqualTo(utf8("plain text"));
    assertThat(XattrValues.decode("0")).isEqualTo(utf8("0"));
    assertThat(XattrValues.decode("\"")).isEqualTo(utf8("\""));
    assertThat(XattrValues.decode("0X0aFf")).containsExactly(0x0a, 0xff);
    assertThat(XattrValues.decode("0x")).isEmpty();
    assertThat(XattrValues.decode("0SAAH/")).containsExactly(0, 1, 0xff);
    assertThat(XattrValues.decode("\"ä\\000\\\\\"")).isEqualTo(utf8("ä\0\\"));
    assertThatThrownBy(() -> XattrValues.decode("0x1")).hasMessageContaining("odd number");
    assertThatThrownBy(() -> XattrValues.decode("0xgg"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> XattrValues.decode("\"\\400\"")).hasMessageContaining("not a byte");
    assertThatThrownBy(() -> XattrValues.decode("\"a\\\""))
        .hasMessageContaining("starts no escape");
  }

  @Test
  void everyByteComesBackThroughEachEncoding() {
    byte[] all = new byte[256];
    for (int i = 0; i < all.length; i++) {
      all[i] = (byte) i;
    }
    for (Encoding e : Encoding.values()) {
      assertThat(XattrValues.decode(XattrValues.encode(all, e))).as(e.name()).isEqualTo(all);
    }
    byte[] text = utf8("tab\there \"q\" \\ ünï ✓ \u0000 end");
    for (Encoding e : Encoding.values()) {
      assertThat(XattrValues.decode(XattrValues.encode(text, e))).as(e.name()).isEqualTo(text);
    }
  }
}
