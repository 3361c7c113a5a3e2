package io.godfs.application.client;

import io.godfs.domain.chunk.ChunkPiece;
import io.godfs.domain.chunk.PieceIterator;
import java.util.function.Consumer;

/**
 * Checks a read piece against its CRCs. One that fails is read again when its source allows it
 * ({@link PieceIterator#reread}): a short-circuit read can pair a rewrite's new bytes with the old
 * CRCs, and reporting that healthy replica as corrupt would cost the cluster a needless copy.
 */
final class CheckedPieces {
  private CheckedPieces() {}

  /**
   * The piece, or its re-read when that matches its CRCs; null when the bytes are corrupt, after
   * {@code corrupt} heard of the failing piece. The iterator goes on from whichever was returned.
   */
  static ChunkPiece verified(PieceIterator from, ChunkPiece piece, Consumer<ChunkPiece> corrupt) {
    if (piece.verify()) {
      return piece;
    }
    ChunkPiece again = from.reread(piece);
    if (again != null && again.verify()) {
      return again;
    }
    corrupt.accept(again == null ? piece : again);
    return null;
  }
}
