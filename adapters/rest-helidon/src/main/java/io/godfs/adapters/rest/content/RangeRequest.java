package io.godfs.adapters.rest.content;

import java.util.List;

/** What a {@code Range} header asks of a file of known size (RFC 9110 §14). */
public sealed interface RangeRequest {
  /** No range, or one the server may ignore (another unit): the whole file, 200. */
  record Whole() implements RangeRequest {}

  /** One or more satisfiable ranges, in the order asked: 206. */
  record Partial(List<ByteRange> ranges) implements RangeRequest {
    public Partial {
      ranges = List.copyOf(ranges);
      if (ranges.isEmpty()) {
        throw new IllegalArgumentException("ranges is empty");
      }
    }
  }

  /** Malformed, too many, or none overlapping the file: 416 with {@code Content-Range: bytes *}{@code /size}. */
  record Unsatisfiable(String reason) implements RangeRequest {}
}
