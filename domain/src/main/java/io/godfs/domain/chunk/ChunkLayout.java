package io.godfs.domain.chunk;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * How chunk bytes are cut for integrity and transfer: a CRC32C per {@value #BLOCK_SIZE}-byte block
 * of the chunk (absolute block boundaries), and transfer messages of at most {@value
 * #MAX_MESSAGE_BYTES} bytes, so no chunk is ever held whole in memory or in one message.
 */
public final class ChunkLayout {
  public static final int BLOCK_SIZE = 64 * 1024;
  public static final int MAX_MESSAGE_BYTES = 1024 * 1024;

  /** Smallest chunk size accepted: one block, so every chunk boundary is a block boundary. */
  public static final long MIN_CHUNK_SIZE = BLOCK_SIZE;

  /** Largest chunk size accepted (the index holds one CRC per block). */
  public static final long MAX_CHUNK_SIZE = 1L << 30;

  private ChunkLayout() {}

  /** Number of blocks covering {@code length} bytes. */
  public static int blockCount(long length) {
    return Math.toIntExact((length + BLOCK_SIZE - 1) / BLOCK_SIZE);
  }

  public static long blockStart(long offset) {
    return offset - offset % BLOCK_SIZE;
  }

  /**
   * CRC32C of {@code data} cut at absolute block boundaries, for data that starts at {@code
   * offsetInChunk}. Does not move the buffer's position.
   */
  public static int[] crcs(ByteBuffer data, long offsetInChunk) {
    return crcs(new ByteBuffer[] {data}, offsetInChunk);
  }

  /**
   * CRC32C of the bytes of {@code parts}, in order, cut at absolute block boundaries, for data that
   * starts at {@code offsetInChunk}. A block may span parts. Does not move the buffers' positions.
   */
  public static int[] crcs(ByteBuffer[] parts, long offsetInChunk) {
    long remaining = 0;
    for (ByteBuffer part : parts) {
      remaining += part.remaining();
    }
    if (remaining == 0) {
      return new int[0];
    }
    long end = offsetInChunk + remaining;
    int blocks = Math.toIntExact((end - 1) / BLOCK_SIZE - offsetInChunk / BLOCK_SIZE + 1);
    int[] out = new int[blocks];
    CRC32C crc = new CRC32C();
    long pos = offsetInChunk;
    long blockEnd = Math.min(end, blockStart(pos) + BLOCK_SIZE);
    int block = 0;
    for (ByteBuffer part : parts) {
      ByteBuffer view = part.duplicate();
      while (view.hasRemaining()) {
        int len = (int) Math.min(view.remaining(), blockEnd - pos);
        crc.update(view.slice(view.position(), len));
        view.position(view.position() + len);
        pos += len;
        if (pos == blockEnd) {
          out[block++] = (int) crc.getValue();
          crc.reset();
          blockEnd = Math.min(end, pos + BLOCK_SIZE);
        }
      }
    }
    return out;
  }

  public static int crc(ByteBuffer data) {
    CRC32C crc = new CRC32C();
    crc.update(data.duplicate());
    return (int) crc.getValue();
  }

  /** Validates a chunk size setting; returns null when fine, else the problem. */
  public static String chunkSizeProblem(long chunkSize) {
    if (chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE || chunkSize % BLOCK_SIZE != 0) {
      return "chunk size : "
          + chunkSize
          + " (expected: a multiple of "
          + BLOCK_SIZE
          + " between "
          + MIN_CHUNK_SIZE
          + " and "
          + MAX_CHUNK_SIZE
          + ")";
    }
    return null;
  }
}
