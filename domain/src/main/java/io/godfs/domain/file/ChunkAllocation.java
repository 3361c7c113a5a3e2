package io.godfs.domain.file;

import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkVersion;

/**
 * A writer's grant for one chunk slot: write with {@code version}; {@code fresh} when the chunk was
 * just created (the caller places its replicas), else the caller writes to the replicas holding
 * {@code committedVersion}.
 */
public record ChunkAllocation(
    ChunkId chunkId,
    ChunkVersion version,
    ChunkVersion committedVersion,
    boolean fresh,
    long committedLength,
    int replication,
    long chunkSize) {}
