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
    long committedLength) {
  public ChunkWriteTarget {
    Objects.requireNonNull(chunkId, "chunkId");
    Objects.requireNonNull(version, "version");
    pipeline = List.copyOf(pipeline);
    if (pipeline.isEmpty()) {
      throw new IllegalArgumentException("pipeline is empty (expected: at least one node)");
    }
  }
}
