package io.godfs.application.client;

import io.godfs.domain.chunk.ChunkLayout;
import io.godfs.domain.chunk.ChunkPiece;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * The buffers a client's write streams fill before sending a piece. A stream's first buffer starts
 * at what it is given (at least {@value #FIRST_BYTES} bytes) and doubles as it fills: most files
 * are small, and a full 1 MiB buffer per file was zeroed for every 1 KiB create (memset was the top
 * symbol of a million-creates run). Once one buffer has filled up to its limit, the stream is
 * streaming and its next buffers start at their full size, so a large write copies nothing twice.
 *
 * <p>Full-size buffers are reused once every replica acknowledged their piece (nothing reads them
 * after that: the transport sent the bytes before the ack could come, and a rebuilt pipeline
 * resends only unacknowledged pieces). A new 1 MiB array per piece was 92 % of a writing client's
 * allocations and grew its heap, and so its resident memory, with the bytes written. Up to {@code
 * retained} arrays are kept between streams; thread-safe (acks arrive on transport threads).
 */
final class StreamBuffers {
  /** The smallest first buffer: a small file's bytes in one allocation. */
  static final int FIRST_BYTES = 8 * 1024;

  private static final int FULL = ChunkLayout.MAX_MESSAGE_BYTES;

  private final int retained;
  private final ArrayDeque<byte[]> free = new ArrayDeque<>();

  StreamBuffers(int retained) {
    this.retained = retained;
  }

  /** A buffer for {@code len} bytes to come, sent once it holds {@code limit} bytes. */
  ByteBuffer allocate(boolean streaming, int limit, int len) {
    if (streaming && limit == FULL) {
      byte[] reused;
      synchronized (this) {
        reused = free.pollFirst();
      }
      if (reused != null) {
        return ByteBuffer.wrap(reused);
      }
    }
    return ByteBuffer.allocate(streaming ? limit : Math.min(limit, Math.max(FIRST_BYTES, len)));
  }

  /** {@code piece}, which every replica acknowledged, gives its full-size array back. */
  void reuse(ChunkPiece piece) {
    ByteBuffer data = piece.data();
    if (!data.hasArray() || data.arrayOffset() != 0 || data.array().length != FULL) {
      return;
    }
    synchronized (this) {
      if (free.size() < retained) {
        free.addLast(data.array());
      }
    }
  }

  synchronized int retainedNow() {
    return free.size();
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
