package io.godfs.bootstrap.cli;

import io.godfs.domain.file.DfsPath;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Extended attribute values (ADR 0028) as getfattr(1) prints them and setfattr(1) reads them: text
 * in double quotes (a backslash, a quote and each byte of an unprintable character escaped as
 * {@code \ooo}, octal), hexadecimal after {@code 0x}, base64 after {@code 0s}. What one prints the
 * other reads back to the same bytes.
 */
final class XattrValues {
  /** getfattr's {@code -e}: how values are printed; {@link #AUTO} is text when printable. */
  enum Encoding {
    AUTO,
    TEXT,
    HEX,
    BASE64;

    static Encoding of(String name) {
      return switch (name.toLowerCase(Locale.ROOT)) {
        case "text" -> TEXT;
        case "hex" -> HEX;
        case "base64" -> BASE64;
        default ->
            throw new IllegalArgumentException("expected: text, hex or base64, as getfattr -e");
      };
    }
  }

  private XattrValues() {}

  /** {@code value} as getfattr prints it after {@code name=}. */
  static String encode(byte[] value, Encoding encoding) {
    return switch (encoding) {
      case HEX -> "0x" + HexFormat.of().formatHex(value);
      case BASE64 -> "0s" + Base64.getEncoder().encodeToString(value);
      case TEXT -> text(value);
      case AUTO -> printable(value) ? text(value) : encode(value, Encoding.BASE64);
    };
  }

  /**
   * A setfattr VALUE: {@code 0x} and hexadecimal digits, {@code 0s} and base64, text in double
   * quotes with {@code \ooo}, {@code \\} and {@code \"} escapes, or any other text as it is
   * (UTF-8).
   *
   * @throws IllegalArgumentException naming what is wrong with it
   */
  static byte[] decode(String text) {
    if (text.length() >= 2 && text.charAt(0) == '0') {
      char kind = Character.toLowerCase(text.charAt(1));
      String rest = text.substring(2);
      if (kind == 'x') {
        if (rest.length() % 2 != 0) {
          throw new IllegalArgumentException("an odd number of hexadecimal digits after 0x");
        }
        return HexFormat.of().parseHex(rest); // IllegalArgumentException names a bad digit
      }
      if (kind == 's') {
        return Base64.getDecoder().decode(rest);
      }
    }
    if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
      return unquote(text.substring(1, text.length() - 1));
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Whether the bytes are UTF-8 text without a control or bidirectional formatting character. */
  static boolean printable(byte[] value) {
    String text = utf8(value);
    return text != null && text.codePoints().noneMatch(XattrValues::unsafe);
  }

  /** In double quotes; what is not printable as {@code \ooo} per byte. */
  private static String text(byte[] value) {
    StringBuilder out = new StringBuilder(value.length + 2).append('"');
    String text = utf8(value);
    if (text == null) { // -e text of bytes that are not UTF-8: ASCII as it is, the rest escaped
      for (byte b : value) {
        int c = b & 0xff;
        appendChar(out, c, c < 0x80 ? String.valueOf((char) c) : null, new byte[] {b});
      }
    } else {
      text.codePoints()
          .forEach(
              cp ->
                  appendChar(
                      out,
                      cp,
                      Character.toString(cp),
                      Character.toString(cp).getBytes(StandardCharsets.UTF_8)));
    }
    return out.append('"').toString();
  }

  private static void appendChar(StringBuilder out, int cp, String asText, byte[] bytes) {
    if (cp == '"' || cp == '\\') {
      out.append('\\').append((char) cp);
    } else if (asText != null && !unsafe(cp)) {
      out.append(asText);
    } else {
      for (byte b : bytes) {
        out.append(String.format(Locale.ROOT, "\\%03o", b & 0xff));
      }
    }
  }

  private static boolean unsafe(int cp) {
    return DfsPath.isUnsafe(cp) || Character.isISOControl(cp);
  }

  private static byte[] unquote(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); ) {
      char c = text.charAt(i);
      if (c != '\\') {
        int cp = text.codePointAt(i);
        out.writeBytes(Character.toString(cp).getBytes(StandardCharsets.UTF_8));
        i += Character.charCount(cp);
        continue;
      }
      if (i + 1 < text.length() && (text.charAt(i + 1) == '\\' || text.charAt(i + 1) == '"')) {
        out.write(text.charAt(i + 1));
        i += 2;
        continue;
      }
      if (i + 3 < text.length() && octal(text, i + 1)) {
        int b = Integer.parseInt(text.substring(i + 1, i + 4), 8);
        if (b > 0xff) {
          throw new IllegalArgumentException(
              "\\" + text.substring(i + 1, i + 4) + " is not a byte (expected: \\000 to \\377)");
        }
        out.write(b);
        i += 4;
        continue;
      }
      throw new IllegalArgumentException(
          "a backslash at "
              + i
              + " starts no escape (expected: \\\\, \\\" or \\ and three octal digits)");
    }
    return out.toByteArray();
  }

  private static boolean octal(String text, int from) {
    for (int i = from; i < from + 3; i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '7') {
        return false;
      }
    }
    return true;
  }

  /** The bytes as UTF-8, or null when they are not. */
  private static String utf8(byte[] value) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(value))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
