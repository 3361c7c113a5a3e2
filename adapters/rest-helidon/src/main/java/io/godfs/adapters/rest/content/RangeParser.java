package io.godfs.adapters.rest.content;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Parses {@code Range: bytes=...}: {@code a-b}, {@code a-} (to the end), {@code -n} (the last n
 * bytes), comma-separated up to {@value #MAX_RANGES}. Ranges past the end are dropped; if none is
 * left, or the header is malformed, the answer is 416, as goDFS does. Overlapping and adjacent
 * ranges are merged and sent in file order (RFC 9110 §14.2 allows it), and ranges that together ask
 * for more bytes than the file has are answered with the whole file (200), as nginx and Apache do:
 * a response is never larger than the file plus the multipart framing (docs/adr/0007).
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
      return new RangeRequest.Unsatisfiable(
          "range header '" + h + "' has no unit (expected: bytes=first-last)");
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
        return new RangeRequest.Unsatisfiable(
            "range '" + spec + "' (expected: first-last, first- or -suffix)");
      }
      String a = spec.substring(0, dash).strip();
      String b = spec.substring(dash + 1).strip();
      Long first = digits(a);
      Long last = digits(b);
      if (a.isEmpty()) {
        if (last == null || last == 0) {
          return new RangeRequest.Unsatisfiable(
              "suffix range '" + spec + "' (expected: -n with n > 0)");
        }
        if (size > 0) {
          ranges.add(new ByteRange(Math.max(0, size - last), size - 1));
        }
        continue;
      }
      if (first == null || (!b.isEmpty() && (last == null || last < first))) {
        return new RangeRequest.Unsatisfiable(
            "range '" + spec + "' (expected: first-last with first <= last)");
      }
      if (first < size) {
        ranges.add(new ByteRange(first, b.isEmpty() ? size - 1 : Math.min(last, size - 1)));
      }
    }
    if (ranges.isEmpty()) {
      return new RangeRequest.Unsatisfiable("no range overlaps the file's " + size + " bytes");
    }
    long asked = 0;
    for (ByteRange r : ranges) {
      asked += r.length(); // at most 16 ranges of at most the file size each: no overflow
    }
    if (asked > size) {
      return new RangeRequest.Whole();
    }
    return new RangeRequest.Partial(coalesced(ranges));
  }

  /** Sorted by first byte, overlapping or touching ranges merged into one. */
  static List<ByteRange> coalesced(List<ByteRange> ranges) {
    List<ByteRange> sorted = new ArrayList<>(ranges);
    sorted.sort(Comparator.comparingLong(ByteRange::first));
    List<ByteRange> out = new ArrayList<>();
    ByteRange current = sorted.getFirst();
    for (ByteRange next : sorted.subList(1, sorted.size())) {
      if (next.first() <= current.last() + 1) {
        current = new ByteRange(current.first(), Math.max(current.last(), next.last()));
      } else {
        out.add(current);
        current = next;
      }
    }
    out.add(current);
    return out;
  }

  /** A non-negative decimal, or null when {@code s} is not one (empty, signs, too large). */
  private static Long digits(String s) {
    if (s.isEmpty() || s.length() > 18 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return null;
    }
    return Long.parseLong(s);
  }
}
