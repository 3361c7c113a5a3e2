package io.godfs.adapters.fuse;

/**
 * Tells a sequential rewrite inside a file from random writes: a write that continues the one
 * before it, after at least {@link #STREAM_AFTER} bytes written that way, is worth a stream of its
 * own (one master call to open it, then pipelined like an append: fio after fallocate, {@code dd
 * conv=notrunc}), where random writes are better buffered and written out in runs.
 */
final class SequentialWrites {
  /** How long a run of consecutive writes must be before the rest of it is streamed. */
  static final long STREAM_AFTER = 1 << 20;

  private long runStart;
  private long end = -1;

  /** True when a write at {@code offset} continues a run of at least {@link #STREAM_AFTER}. */
  boolean continuesRun(long offset) {
    return offset == end && offset - runStart >= STREAM_AFTER;
  }

  /** A write of {@code len} bytes at {@code offset} was taken. */
  void wrote(long offset, long len) {
    if (offset != end) {
      runStart = offset;
    }
    end = offset + len;
  }
}
