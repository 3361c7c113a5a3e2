package io.godfs.domain.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InlineWriteRequestTest {
  private static final DfsPath PATH = DfsPath.of("/f");
  private static final FileId FILE = new FileId(2);

  @Test
  void takesTheBytesOverWithoutCopying() {
    byte[] data = {1, 2, 3};
    assertThat(new InlineWriteRequest(PATH, FILE, 0, data, true).data()).isSameAs(data);
    assertThat(new InlineWriteRequest(PATH, FILE, 5, new byte[0], false).offset()).isEqualTo(5);
  }

  @Test
  void refusesANegativeOffsetNamingIt() {
    assertThatThrownBy(() -> new InlineWriteRequest(PATH, FILE, -1, new byte[1], false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("offset : -1 (expected: >= 0");
  }

  @Test
  void refusesNullsNamingTheField() {
    assertThatThrownBy(() -> new InlineWriteRequest(null, FILE, 0, new byte[1], false))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("path");
    assertThatThrownBy(() -> new InlineWriteRequest(PATH, null, 0, new byte[1], false))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("fileId");
    assertThatThrownBy(() -> new InlineWriteRequest(PATH, FILE, 0, null, false))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("data");
  }
}
