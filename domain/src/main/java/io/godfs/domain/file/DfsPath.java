package io.godfs.domain.file;

import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.IntPredicate;

/**
 * An absolute, normalised path in the goDFS namespace: {@code /} or {@code /a/b}. Segments are
 * never empty, {@code .} or {@code ..}, never contain NUL or {@code /}; a segment is at most
 * {@value #MAX_SEGMENT_BYTES} UTF-8 bytes and the whole path at most {@value #MAX_PATH_BYTES} (the
 * POSIX NAME_MAX and PATH_MAX that FUSE users will hit anyway).
 */
public record DfsPath(String value) implements Comparable<DfsPath> {
  public static final int MAX_SEGMENT_BYTES = 255;
  public static final int MAX_PATH_BYTES = 4096;
  public static final DfsPath ROOT = new DfsPath("/");

  public DfsPath {
    Objects.requireNonNull(value, "value");
    String problem = problemWith(value);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  /**
   * Parses user input. A single trailing slash is accepted ({@code /data/} means {@code /data});
   * anything else that is not normalised is refused with a message naming the problem.
   */
  public static Outcome<DfsPath> parse(String raw) {
    if (raw == null || raw.isEmpty()) {
      return Outcome.rejected(
          ErrorCode.INVALID_ARGUMENT, "path is empty (expected: an absolute path like /dir/file)");
    }
    // Only a non-root path may carry a trailing slash: "//" is an empty segment, not the root.
    String candidate =
        raw.length() > 2 && raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
    String problem = problemWith(candidate);
    if (problem == null) {
      problem = unsafeCharacterIn(candidate);
    }
    return problem == null
        ? Outcome.ok(new DfsPath(candidate))
        : Outcome.rejected(ErrorCode.INVALID_ARGUMENT, problem);
  }

  /** Parses trusted input or throws {@link io.godfs.domain.error.DfsException}. */
  public static DfsPath of(String raw) {
    return parse(raw).orThrow();
  }

  /**
   * What is wrong with {@code p}, or null. One pass without allocating (every path a call names is
   * checked, and a listing makes one per entry): a NUL anywhere is reported first, then a path
   * longer than {@value #MAX_PATH_BYTES} UTF-8 bytes, then the first bad segment.
   */
  private static String problemWith(String p) {
    if (!p.startsWith("/")) {
      return "path '" + printable(p) + "' is not absolute (expected: starts with /)";
    }
    int n = p.length();
    if (n == 1) {
      return null;
    }
    boolean nul = false;
    long pathBytes = 1; // the leading slash
    int segmentStart = 1;
    int segmentBytes = 0;
    String segmentProblem = null;
    for (int i = 1; i <= n; i++) {
      char c = i < n ? p.charAt(i) : '/'; // the end closes the last segment
      if (c == '/') {
        if (segmentProblem == null) {
          segmentProblem = segmentProblem(p, segmentStart, i, segmentBytes);
        }
        pathBytes += i < n ? 1 : 0;
        segmentStart = i + 1;
        segmentBytes = 0;
        continue;
      }
      nul |= c == '\0';
      int bytes;
      if (c < 0x80) {
        bytes = 1;
      } else if (c < 0x800) {
        bytes = 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(p.charAt(i + 1))) {
        bytes = 4;
        i++;
      } else {
        bytes = Character.isSurrogate(c) ? 1 : 3; // a lone surrogate is written as '?'
      }
      pathBytes += bytes;
      segmentBytes += bytes;
    }
    if (nul) {
      return "path '" + printable(p) + "' contains a NUL character";
    }
    if (pathBytes > MAX_PATH_BYTES) {
      return "path is longer than " + MAX_PATH_BYTES + " bytes";
    }
    return segmentProblem;
  }

  private static String segmentProblem(String p, int start, int end, int utf8Bytes) {
    int length = end - start;
    if (length == 0) {
      return "path '" + printable(p) + "' has an empty segment (expected: no // and no trailing /)";
    }
    if (p.charAt(start) == '.' && (length == 1 || (length == 2 && p.charAt(start + 1) == '.'))) {
      return "path '"
          + printable(p)
          + "' has a '"
          + p.substring(start, end)
          + "' segment (expected: a normalised path)";
    }
    if (utf8Bytes > MAX_SEGMENT_BYTES) {
      return "path segment '"
          + p.substring(start, start + 16)
          + "...' is longer than "
          + MAX_SEGMENT_BYTES
          + " bytes";
    }
    return null;
  }

  /**
   * New names may not hold characters that change how a terminal or text shows other text: control
   * characters (C0, DEL, C1: ESC sequences, newlines in `ls` output) and the bidirectional controls
   * (a right-to-left override makes {@code exe.txt} show as {@code txt.exe}). Checked on what
   * callers send ({@link #parse}), not on paths already stored, which stay readable and removable.
   */
  private static String unsafeCharacterIn(String p) {
    for (int i = 0; i < p.length(); ) {
      int cp = p.codePointAt(i);
      if (isUnsafe(cp)) {
        return "path '"
            + escaped(p)
            + "' contains the control character U+"
            + String.format(Locale.ROOT, "%04X", cp)
            + " (expected: names without control or bidirectional formatting characters)";
      }
      i += Character.charCount(cp);
    }
    return null;
  }

  /**
   * A control, line/paragraph separator or bidirectional formatting character: never in a new name.
   */
  public static boolean isUnsafe(int cp) {
    int type = Character.getType(cp);
    return type == Character.CONTROL
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR
        || cp == 0x061C
        || cp == 0x200E
        || cp == 0x200F
        || (cp >= 0x202A && cp <= 0x202E)
        || (cp >= 0x2066 && cp <= 0x2069);
  }

  /**
   * {@code text} with every control, bidirectional-formatting or otherwise unprintable character
   * written as a backslash, {@code u} and its code point in braces (a backslash itself doubled), so
   * that a name is safe to print to a terminal whatever it holds.
   */
  public static String escaped(String text) {
    return escape(
        text,
        cp -> {
          int type = Character.getType(cp);
          return isUnsafe(cp)
              || type == Character.FORMAT
              || type == Character.UNASSIGNED
              || type == Character.SURROGATE
              || type == Character.PRIVATE_USE
              || cp == '\\';
        });
  }

  /**
   * {@code text} with only the {@link #isUnsafe} characters written as their code points, for a
   * line of prose (an error message) that quotes names: cannot drive a terminal, reads as written.
   */
  public static String controlsEscaped(String text) {
    return escape(text, DfsPath::isUnsafe);
  }

  private static String escape(String text, IntPredicate which) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            cp -> {
              if (!which.test(cp)) {
                out.appendCodePoint(cp);
              } else {
                out.append(cp == '\\' ? "\\\\" : String.format(Locale.ROOT, "\\u{%04X}", cp));
              }
            });
    return out.toString();
  }

  private static String printable(String p) {
    return p.replace("\0", "\\0");
  }

  public boolean isRoot() {
    return value.equals("/");
  }

  /** The last segment; empty for the root. */
  public String name() {
    return isRoot() ? "" : value.substring(value.lastIndexOf('/') + 1);
  }

  /** The parent directory; the root has none. */
  public DfsPath parent() {
    if (isRoot()) {
      throw new IllegalStateException("the root has no parent");
    }
    int slash = value.lastIndexOf('/');
    return slash == 0 ? ROOT : new DfsPath(value.substring(0, slash));
  }

  /** The path one segment below this one; {@code name} must be a single segment (no {@code /}). */
  public DfsPath child(String name) {
    if (name.indexOf('/') >= 0) {
      throw new IllegalArgumentException(
          "name : '" + printable(name) + "' (expected: one segment without /)");
    }
    return new DfsPath(isRoot() ? "/" + name : value + "/" + name);
  }

  public List<String> segments() {
    if (isRoot()) {
      return List.of();
    }
    return List.of(value.substring(1).split("/"));
  }

  /**
   * True when {@code other} is this path or lies below it (segment-wise, so /a is not above /ab).
   */
  public boolean contains(DfsPath other) {
    return isRoot() || other.value.equals(value) || other.value.startsWith(value + "/");
  }

  /** The path with this prefix replaced by {@code replacement}; {@code this} must contain it. */
  public DfsPath rebase(DfsPath from, DfsPath to) {
    if (!from.contains(this)) {
      throw new IllegalArgumentException(from + " does not contain " + this);
    }
    if (equals(from)) {
      return to;
    }
    String rest = value.substring(from.isRoot() ? 0 : from.value.length());
    if (rest.isEmpty()) {
      return to;
    }
    return new DfsPath(to.isRoot() ? rest : to.value + rest);
  }

  public List<DfsPath> ancestorsAndSelf() {
    List<DfsPath> out = new ArrayList<>();
    DfsPath p = this;
    out.add(p);
    while (!p.isRoot()) {
      p = p.parent();
      out.add(p);
    }
    return out.reversed();
  }

  @Override
  public int compareTo(DfsPath o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
