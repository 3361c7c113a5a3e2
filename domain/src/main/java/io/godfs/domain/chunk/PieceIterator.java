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

  /**
   * Reads a piece whose CRCs did not match again, from a source that cannot pair bytes with CRCs of
   * another version, and goes on from there; null when this iterator's pieces already come from
   * such a source (then the mismatch is corruption). A short-circuit read opens the replica's file
   * by name after the chunkserver answered with its CRCs: a rewrite committed in between (its copy
   * renamed over the file) gives new bytes with old CRCs, which is no corruption.
   *
   * @throws io.godfs.domain.error.DfsException when the source fails or refuses (CONFLICT when the
   *     replica changed version)
   */
  default ChunkPiece reread(ChunkPiece failed) {
    return null;
  }

  @Override
  void close();
}
