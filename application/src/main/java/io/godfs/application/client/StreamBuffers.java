package io.godfs.application.client;

import java.nio.ByteBuffer;

/**
 * How a write stream sizes the buffer it fills before sending a piece. A stream's first buffer
 * starts at what it is given (at least {@value #FIRST_BYTES} bytes) and doubles as it fills: most
 * files are small, and a full 1 MiB buffer per file was zeroed for every 1 KiB create (memset was
 * the top symbol of a million-creates run). Once one buffer has filled up to its limit, the stream
 * is streaming and its next buffers start at their full size, so a large write copies nothing
 * twice.
 */
final class StreamBuffers {
  /** The smallest first buffer: a small file's bytes in one allocation. */
  static final int FIRST_BYTES = 8 * 1024;

  private StreamBuffers() {}

  /** A buffer for {@code len} bytes to come, sent once it holds {@code limit} bytes. */
  static ByteBuffer allocate(boolean streaming, int limit, int len) {
    return ByteBuffer.allocate(streaming ? limit : Math.min(limit, Math.max(FIRST_BYTES, len)));
  }

  /**
   * {@code buffer}, or a larger copy of it when {@code len} more bytes do not fit and it is below
   * {@code limit}: doubled at least, and at most {@code limit}.
   */
  static ByteBuffer roomFor(ByteBuffer buffer, int len, int limit) {
    if (len <= buffer.remaining() || buffer.capacity() >= limit) {
      return buffer;
    }
    int grown = Math.min(limit, Math.max(2 * buffer.capacity(), buffer.position() + len));
    return ByteBuffer.allocate(grown).put(buffer.flip());
  }
}
