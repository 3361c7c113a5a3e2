package io.godfs.bootstrap.logging;

/**
 * Escaping for log lines: a message may quote what a caller sent (a path, a header), so no
 * character of it may end the line or drive a terminal (log injection). Control characters become
 * {@code \n}, {@code \r}, {@code \t} or {@code \}{@code uXXXX}; so do the bidirectional formatting
 * characters, which could make a line read differently from what it holds.
 */
final class LogText {
  private LogText() {}

  /** {@code text} with every control and bidirectional formatting character escaped. */
  static String escaped(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String replacement = replacement(c);
      if (replacement != null && out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (out != null) {
        if (replacement != null) {
          out.append(replacement);
        } else {
          out.append(c);
        }
      }
    }
    return out == null ? text : out.toString();
  }

  /** {@code text} as the inside of a JSON string: quotes and backslashes escaped too. */
  static String json(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else {
        String replacement = replacement(c);
        out.append(replacement != null ? replacement : String.valueOf(c));
      }
    }
    return out.toString();
  }

  private static String replacement(char c) {
    return switch (c) {
      case '\n' -> "\\n";
      case '\r' -> "\\r";
      case '\t' -> "\\t";
      default -> needsEscape(c) ? String.format("\\u%04x", (int) c) : null;
    };
  }

  private static boolean needsEscape(char c) {
    return Character.isISOControl(c)
        || (c >= '\u202a' && c <= '\u202e')
        || (c >= '\u2066' && c <= '\u2069')
        || c == '\u2028'
        || c == '\u2029'
        || c == '\u200e'
        || c == '\u200f'
        || c == '\u061c';
  }
}
