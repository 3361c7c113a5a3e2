package io.godfs.application.client;

import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.DfsPath;
import java.nio.charset.StandardCharsets;

/**
 * A multipart upload's {@code upload.json}: where the file goes and when the upload began, as
 * {@code {"path":"/a/b","created_at_ms":1764000000000}}. Written and read by hand (the application
 * has no JSON library) in the shape the gateway's Jackson wrote before, so uploads begun by an
 * older gateway complete on a newer one: a flat object of a string and a number; other fields are
 * skipped.
 */
record UploadManifest(String path, long createdAtMs) {

  byte[] toJson() {
    StringBuilder out = new StringBuilder("{\"path\":\"");
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append("\",\"created_at_ms\":")
        .append(createdAtMs)
        .append('}')
        .toString()
        .getBytes(StandardCharsets.UTF_8);
  }

  /** Parses a manifest; anything else is CORRUPT naming {@code file}. */
  static UploadManifest parse(byte[] json, DfsPath file) {
    Reader r = new Reader(new String(json, StandardCharsets.UTF_8), file);
    String path = null;
    Long created = null;
    r.expect('{');
    if (!r.peek('}')) {
      do {
        String key = r.string();
        r.expect(':');
        switch (key) {
          case "path" -> path = r.string();
          case "created_at_ms" -> created = r.number();
          default -> r.skipValue();
        }
      } while (r.peek(',') && r.expect(','));
    }
    r.expect('}');
    if (path == null || created == null) {
      throw r.bad("path or created_at_ms missing");
    }
    return new UploadManifest(path, created);
  }

  /** Just enough of JSON for a manifest. */
  private static final class Reader {
    private final String s;
    private final DfsPath file;
    private int pos;

    Reader(String s, DfsPath file) {
      this.s = s;
      this.file = file;
    }

    boolean peek(char c) {
      skipSpace();
      return pos < s.length() && s.charAt(pos) == c;
    }

    boolean expect(char c) {
      if (!peek(c)) {
        throw bad("expected '" + c + "' at " + pos);
      }
      pos++;
      return true;
    }

    String string() {
      expect('"');
      StringBuilder out = new StringBuilder();
      while (pos < s.length()) {
        char c = s.charAt(pos++);
        if (c == '"') {
          return out.toString();
        }
        if (c != '\\') {
          out.append(c);
          continue;
        }
        if (pos >= s.length()) {
          break;
        }
        char e = s.charAt(pos++);
        switch (e) {
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'u' -> {
            if (pos + 4 > s.length()) {
              throw bad("a \\u escape is cut short");
            }
            try {
              out.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
            } catch (NumberFormatException ex) {
              throw bad("bad \\u escape at " + pos);
            }
            pos += 4;
          }
          default -> out.append(e); // \" \\ \/
        }
      }
      throw bad("a string is not closed");
    }

    long number() {
      skipSpace();
      int start = pos;
      while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '-')) {
        pos++;
      }
      try {
        return Long.parseLong(s.substring(start, pos));
      } catch (NumberFormatException e) {
        throw bad("expected an integer at " + start);
      }
    }

    void skipValue() {
      if (peek('"')) {
        string();
        return;
      }
      // A number, true, false or null: nothing a manifest nests.
      while (pos < s.length() && ",}".indexOf(s.charAt(pos)) < 0) {
        pos++;
      }
    }

    private void skipSpace() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
        pos++;
      }
    }

    DfsException bad(String what) {
      return new DfsException(
          ErrorCode.CORRUPT, "the manifest " + file + " cannot be read: " + what);
    }
  }
}
