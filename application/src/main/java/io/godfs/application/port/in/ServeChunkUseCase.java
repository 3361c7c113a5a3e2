package io.godfs.application.port.in;

import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.chunk.LocalReplica;
import io.godfs.domain.chunk.PieceIterator;
import io.godfs.domain.error.Outcome;

/** A chunkserver serving reads of its replicas. */
public interface ServeChunkUseCase {

  /**
   * Block-aligned pieces covering {@code [offset, offset+length)} with stored CRCs. Refused with
   * NOT_FOUND when the chunk is absent, CONFLICT when the replica holds another version than {@code
   * minVersion} (older: stale; newer: a write that was never acknowledged).
   */
  Outcome<PieceIterator> read(ChunkId chunk, ChunkVersion minVersion, long offset, long length);

  /** The replica's local file for a client on this machine; refused like {@link #read}. */
  Outcome<LocalReplica> local(ChunkId chunk, ChunkVersion minVersion);
}
