package io.godfs.domain.chunk;

/** A blocking stream of chunk pieces. */
public interface PieceIterator extends AutoCloseable {
  /**
   * The next piece, or null at the end.
   *
   * @throws io.godfs.domain.error.DfsException when the source fails or refuses
   */
  ChunkPiece next();

  @Override
  void close();
}
