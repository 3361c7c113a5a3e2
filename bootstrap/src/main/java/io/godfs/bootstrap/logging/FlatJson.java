package io.godfs.bootstrap.logging;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one JSON shape {@code /loggers} reads and {@code godfs admin log-level} reads back: an object
 * whose values are strings, like {@code {"level":"DEBUG","for":"15m"}}. Anything else is an {@link
 * IllegalArgumentException} saying where.
 */
public final class FlatJson {
  private final String text;
  private int at;

  private FlatJson(String text) {
    this.text = text;
  }

  /** The object's members, in order; a repeated name is refused. */
  public static Map<String, String> parse(String text) {
    return new FlatJson(text).object();
  }

  /** {@code text} as a JSON string literal, quotes included. */
  public static String quoted(String text) {
    return '"' + LogText.json(text) + '"';
  }

  private Map<String, String> object() {
    Map<String, String> members = new LinkedHashMap<>();
    expect('{');
    if (peek() == '}') {
      at++;
    } else {
      while (true) {
        String name = string();
        expect(':');
        if (members.put(name, string()) != null) {
          throw problem("\"" + LogText.escaped(name) + "\" given twice");
        }
        char next = next();
        if (next == '}') {
          break;
        }
        if (next != ',') {
          throw problem("expected , or }");
        }
      }
    }
    if (peek() != 0) {
      throw problem("text after the object");
    }
    return members;
  }

  private String string() {
    expect('"');
    StringBuilder out = new StringBuilder();
    while (at < text.length()) {
      char c = text.charAt(at++);
      if (c == '"') {
        return out.toString();
      }
      if (c == '\\') {
        if (at >= text.length()) {
          break;
        }
        char e = text.charAt(at++);
        switch (e) {
          case '"', '\\', '/' -> out.append(e);
          case 'n' -> out.append('\n');
          case 't' -> out.append('\t');
          case 'r' -> out.append('\r');
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'u' -> {
            if (at + 4 > text.length()) {
              throw problem("a short \\u escape");
            }
            try {
              out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
            } catch (NumberFormatException x) {
              throw problem("a bad \\u escape");
            }
            at += 4;
          }
          default -> throw problem("a bad escape");
        }
      } else if (c < 0x20) {
        throw problem("a control character in a string");
      } else {
        out.append(c);
      }
    }
    throw problem("an unterminated string");
  }

  private void expect(char c) {
    if (next() != c) {
      throw problem("expected " + c);
    }
  }

  /** The next character that is not white space (0 at the end), consumed. */
  private char next() {
    char c = peek();
    if (c != 0) {
      at++;
    }
    return c;
  }

  private char peek() {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
    return at < text.length() ? text.charAt(at) : 0;
  }

  private IllegalArgumentException problem(String what) {
    return new IllegalArgumentException(
        "not a JSON object of strings like {\"level\":\"DEBUG\",\"for\":\"15m\"}: "
            + what
            + " at character "
            + at);
  }
}
