package io.godfs.domain.chunk;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * Bytes of a chunk starting at {@code offset}, with the CRC32C of each piece cut at absolute block
 * boundaries. On reads the offset is block-aligned and the CRCs are the stored ones; on writes they
 * are computed by the writer and verified by every replica.
 *
 * <p>The bytes may lie in several buffers ({@link #parts}, in order): a chunkserver receives a
 * piece as the network buffers it arrived in and verifies, forwards and stores it from there,
 * without first gathering it into one array.
 */
public record ChunkPiece(long offset, ByteBuffer[] parts, int[] crcs) {
  public ChunkPiece {
    Objects.requireNonNull(parts, "parts");
    Objects.requireNonNull(crcs, "crcs");
    for (ByteBuffer part : parts) {
      Objects.requireNonNull(part, "part");
    }
    if (offset < 0) {
      throw new IllegalArgumentException("offset : " + offset + " (expected: >= 0)");
    }
  }

  public ChunkPiece(long offset, ByteBuffer data, int[] crcs) {
    this(offset, new ByteBuffer[] {Objects.requireNonNull(data, "data")}, crcs);
  }

  public static ChunkPiece of(long offset, ByteBuffer data) {
    return new ChunkPiece(offset, data, ChunkLayout.crcs(data, offset));
  }

  /**
   * The bytes as one buffer: the only part itself, or a copy of the parts gathered into one heap
   * buffer. Paths that care about copies use {@link #parts} instead.
   */
  public ByteBuffer data() {
    if (parts.length == 1) {
      return parts[0];
    }
    ByteBuffer out = ByteBuffer.allocate(length());
    for (ByteBuffer part : parts) {
      out.put(part.duplicate());
    }
    return out.flip();
  }

  /**
   * Copies {@code n} bytes from {@code from} (counted from the piece's start) into {@code dst} at
   * {@code off}, from whichever parts hold them: no gathering first.
   */
  public void get(int from, byte[] dst, int off, int n) {
    Objects.checkFromIndexSize(from, n, length());
    Objects.checkFromIndexSize(off, n, dst.length);
    int skip = from;
    for (ByteBuffer part : parts) {
      if (n == 0) {
        return;
      }
      int size = part.remaining();
      if (skip >= size) {
        skip -= size;
        continue;
      }
      int take = Math.min(n, size - skip);
      part.get(part.position() + skip, dst, off, take);
      off += take;
      n -= take;
      skip = 0;
    }
  }

  public int length() {
    long n = 0;
    for (ByteBuffer part : parts) {
      n += part.remaining();
    }
    return Math.toIntExact(n);
  }

  public long end() {
    return offset + length();
  }

  /** True when every CRC matches the data. */
  public boolean verify() {
    int[] actual = ChunkLayout.crcs(parts, offset);
    return Arrays.equals(actual, crcs);
  }

  /** Chunk offset of the first block whose CRC does not match, or -1. */
  public long firstBadBlockOffset() {
    int[] actual = ChunkLayout.crcs(parts, offset);
    if (actual.length != crcs.length) {
      return offset;
    }
    long pos = offset;
    for (int i = 0; i < actual.length; i++) {
      if (actual[i] != crcs[i]) {
        return pos;
      }
      pos = ChunkLayout.blockStart(pos) + ChunkLayout.BLOCK_SIZE;
    }
    return -1;
  }
}
