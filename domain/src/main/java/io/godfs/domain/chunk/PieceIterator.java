package io.godfs.domain.chunk;

/** A blocking stream of chunk pieces. */
public interface PieceIterator extends AutoCloseable {
  /**
   * The next piece, or null at the end. A piece's buffer may be reused by the following call: a
   * consumer is done with a piece before it asks for the next one.
   *
   * @throws io.godfs.domain.error.DfsException when the source fails or refuses
   */
  ChunkPiece next();

  @Override
  void close();
}
