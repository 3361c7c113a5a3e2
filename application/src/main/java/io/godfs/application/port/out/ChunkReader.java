package io.godfs.application.port.out;

import io.godfs.domain.chunk.ChunkPiece;
import io.godfs.domain.chunk.StoredChunk;
import java.nio.ByteBuffer;

/** Reads the committed bytes of one chunk, block-aligned, with the stored CRCs. */
public interface ChunkReader extends AutoCloseable {

  StoredChunk chunk();

  /**
   * Reads up to {@code maxBytes} (a multiple of the block size) from the block-aligned {@code
   * offset}, stopping at the chunk's length; returns an empty piece at or past the end. The CRCs
   * are the stored ones: the caller verifies.
   */
  ChunkPiece read(long offset, int maxBytes);

  /**
   * As {@link #read(long, int)}, into {@code into} from its position up to its limit (a multiple of
   * the block size) instead of a fresh array: the piece's bytes are a view of {@code into}, valid
   * until the caller reuses it. A store that reads straight into it (a direct buffer) saves the
   * JDK's copy through a temporary native buffer; this default copies what {@link #read(long, int)}
   * returns.
   */
  default ChunkPiece read(long offset, ByteBuffer into) {
    ChunkPiece piece = read(offset, into.remaining());
    ByteBuffer view = into.slice().put(piece.data().duplicate()).flip();
    return new ChunkPiece(piece.offset(), view, piece.crcs());
  }

  @Override
  void close();
}
