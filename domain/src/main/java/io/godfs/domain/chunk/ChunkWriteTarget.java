package io.godfs.domain.chunk;

import io.godfs.domain.node.NodeLocation;
import java.util.List;
import java.util.Objects;

/** Where a writer sends a chunk: the pipeline (primary first) and the version to write. */
public record ChunkWriteTarget(
    ChunkId chunkId,
    ChunkVersion version,
    long chunkSize,
    List<NodeLocation> pipeline,
    long committedLength,
    SignedChunkToken token) {
  /** Without a chunk access token (a master that issues none). */
  public ChunkWriteTarget(
      ChunkId chunkId,
      ChunkVersion version,
      long chunkSize,
      List<NodeLocation> pipeline,
      long committedLength) {
    this(chunkId, version, chunkSize, pipeline, committedLength, SignedChunkToken.NONE);
  }

  public ChunkWriteTarget withToken(SignedChunkToken token) {
    return new ChunkWriteTarget(chunkId, version, chunkSize, pipeline, committedLength, token);
  }

  public ChunkWriteTarget {
    Objects.requireNonNull(chunkId, "chunkId");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(token, "token");
    pipeline = List.copyOf(pipeline);
    if (pipeline.isEmpty()) {
      throw new IllegalArgumentException("pipeline is empty (expected: at least one node)");
    }
  }
}
