package io.godfs.adapters.rest.content;

import java.util.List;

/** What a {@code Range} header asks of a file of known size (RFC 9110 §14). */
public sealed interface RangeRequest {
  /**
   * No range, one the server may ignore (another unit), or ranges asking for more than the file:
   * 200.
   */
  record Whole() implements RangeRequest {}

  /** One or more satisfiable ranges, disjoint and in file order: 206. */
  record Partial(List<ByteRange> ranges) implements RangeRequest {
    public Partial {
      ranges = List.copyOf(ranges);
      if (ranges.isEmpty()) {
        throw new IllegalArgumentException("ranges is empty");
      }
    }
  }

  /**
   * Malformed, too many, or none overlapping the file: 416 with {@code Content-Range: bytes
   * *}{@code /size}.
   */
  record Unsatisfiable(String reason) implements RangeRequest {}
}
