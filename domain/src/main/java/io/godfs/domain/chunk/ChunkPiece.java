package io.godfs.domain.chunk;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * Bytes of a chunk starting at {@code offset}, with the CRC32C of each piece cut at absolute block
 * boundaries. On reads the offset is block-aligned and the CRCs are the stored ones; on writes they
 * are computed by the writer and verified by every replica.
 */
public record ChunkPiece(long offset, ByteBuffer data, int[] crcs) {
  public ChunkPiece {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(crcs, "crcs");
    if (offset < 0) {
      throw new IllegalArgumentException("offset : " + offset + " (expected: >= 0)");
    }
  }

  public static ChunkPiece of(long offset, ByteBuffer data) {
    return new ChunkPiece(offset, data, ChunkLayout.crcs(data, offset));
  }

  public int length() {
    return data.remaining();
  }

  public long end() {
    return offset + data.remaining();
  }

  /** True when every CRC matches the data. */
  public boolean verify() {
    int[] actual = ChunkLayout.crcs(data, offset);
    return Arrays.equals(actual, crcs);
  }

  /** Chunk offset of the first block whose CRC does not match, or -1. */
  public long firstBadBlockOffset() {
    int[] actual = ChunkLayout.crcs(data, offset);
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
