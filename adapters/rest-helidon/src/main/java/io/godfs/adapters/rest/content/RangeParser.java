package io.godfs.adapters.rest.content;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses {@code Range: bytes=...}: {@code a-b}, {@code a-} (to the end), {@code -n} (the last n
 * bytes), comma-separated up to {@value #MAX_RANGES}. Ranges past the end are dropped; if none is
 * left, or the header is malformed, the answer is 416, as goDFS does.
 */
public final class RangeParser {
  public static final int MAX_RANGES = 16;

  private RangeParser() {}

  public static RangeRequest parse(String header, long size) {
    if (header == null || header.isBlank()) {
      return new RangeRequest.Whole();
    }
    String h = header.strip();
    int eq = h.indexOf('=');
    if (eq < 0) {
      return new RangeRequest.Unsatisfiable("range header '" + h + "' has no unit (expected: bytes=first-last)");
    }
    if (!h.substring(0, eq).strip().toLowerCase(Locale.ROOT).equals("bytes")) {
      return new RangeRequest.Whole(); // RFC 9110: an unknown range unit is ignored
    }
    String[] specs = h.substring(eq + 1).split(",", -1);
    if (specs.length > MAX_RANGES) {
      return new RangeRequest.Unsatisfiable("more than " + MAX_RANGES + " ranges");
    }
    List<ByteRange> ranges = new ArrayList<>();
    for (String raw : specs) {
      String spec = raw.strip();
      int dash = spec.indexOf('-');
      if (dash < 0 || spec.indexOf('-', dash + 1) >= 0) {
        return new RangeRequest.Unsatisfiable("range '" + spec + "' (expected: first-last, first- or -suffix)");
      }
      String a = spec.substring(0, dash).strip();
      String b = spec.substring(dash + 1).strip();
      Long first = digits(a);
      Long last = digits(b);
      if (a.isEmpty()) {
        if (last == null || last == 0) {
          return new RangeRequest.Unsatisfiable("suffix range '" + spec + "' (expected: -n with n > 0)");
        }
        if (size > 0) {
          ranges.add(new ByteRange(Math.max(0, size - last), size - 1));
        }
        continue;
      }
      if (first == null || (!b.isEmpty() && (last == null || last < first))) {
        return new RangeRequest.Unsatisfiable("range '" + spec + "' (expected: first-last with first <= last)");
      }
      if (first < size) {
        ranges.add(new ByteRange(first, b.isEmpty() ? size - 1 : Math.min(last, size - 1)));
      }
    }
    if (ranges.isEmpty()) {
      return new RangeRequest.Unsatisfiable("no range overlaps the file's " + size + " bytes");
    }
    return new RangeRequest.Partial(ranges);
  }

  /** A non-negative decimal, or null when {@code s} is not one (empty, signs, too large). */
  private static Long digits(String s) {
    if (s.isEmpty() || s.length() > 18 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return null;
    }
    return Long.parseLong(s);
  }
}
