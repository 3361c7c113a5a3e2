package io.godfs.application.port.out;

import io.godfs.domain.chunk.ChunkPiece;
import io.godfs.domain.chunk.StoredChunk;

/** Reads the committed bytes of one chunk, block-aligned, with the stored CRCs. */
public interface ChunkReader extends AutoCloseable {

  StoredChunk chunk();

  /**
   * Reads up to {@code maxBytes} (a multiple of the block size) from the block-aligned {@code
   * offset}, stopping at the chunk's length; returns an empty piece at or past the end. The CRCs
   * are the stored ones: the caller verifies.
   */
  ChunkPiece read(long offset, int maxBytes);

  @Override
  void close();
}
