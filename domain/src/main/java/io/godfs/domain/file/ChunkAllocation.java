package io.godfs.domain.file;

import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkVersion;

/**
 * A writer's grant for one chunk slot: write with {@code version}; {@code fresh} when the chunk was
 * just created (the caller places its replicas), else the caller writes to the replicas holding
 * {@code committedVersion}. {@code copyOf}: a snapshot holds the slot's chunk, so this fresh chunk
 * must first take that chunk's bytes (ADR 0025); null for an ordinary grant.
 */
public record ChunkAllocation(
    ChunkId chunkId,
    ChunkVersion version,
    ChunkVersion committedVersion,
    boolean fresh,
    long committedLength,
    int replication,
    long chunkSize,
    ChunkCopy copyOf) {

  /** A grant with nothing to copy first. */
  public ChunkAllocation(
      ChunkId chunkId,
      ChunkVersion version,
      ChunkVersion committedVersion,
      boolean fresh,
      long committedLength,
      int replication,
      long chunkSize) {
    this(chunkId, version, committedVersion, fresh, committedLength, replication, chunkSize, null);
  }
}
