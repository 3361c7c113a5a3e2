package io.godfs.application.port.out;

import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.chunk.PieceIterator;
import io.godfs.domain.chunk.SignedChunkToken;
import io.godfs.domain.node.NodeLocation;

/** Reads chunk bytes from a chunkserver, as a blocking stream of block-aligned pieces. */
public interface ChunkFetcher {

  /**
   * Streams pieces covering {@code [offset, offset+length)} of the replica on {@code node}, which
   * must hold exactly {@code version} (the committed one). Pieces are not verified: the caller
   * checks the CRCs. At most a few pieces are buffered (flow control).
   */
  PieceIterator fetch(
      NodeLocation node, ChunkId chunk, ChunkVersion version, long offset, long length);

  /**
   * {@link #fetch(NodeLocation, ChunkId, ChunkVersion, long, long)} presenting the master's chunk
   * access {@code token} (ADR 0022). A fetcher that presents no tokens ignores it.
   */
  default PieceIterator fetch(
      NodeLocation node,
      ChunkId chunk,
      ChunkVersion version,
      long offset,
      long length,
      SignedChunkToken token) {
    return fetch(node, chunk, version, offset, length);
  }
}
