package io.godfs.domain.chunk;

import io.godfs.domain.node.NodeLocation;
import java.util.List;
import java.util.Objects;

/** What a pipeline node is told before data flows: the chunk, its version, and who is below it. */
public record PipelineHeader(ChunkId chunkId, ChunkVersion version, long chunkSize, List<NodeLocation> downstream) {
  public PipelineHeader {
    Objects.requireNonNull(chunkId, "chunkId");
    Objects.requireNonNull(version, "version");
    downstream = List.copyOf(downstream);
    if (chunkSize < 1 || chunkSize > ChunkLayout.MAX_CHUNK_SIZE) {
      throw new IllegalArgumentException("chunk size : " + chunkSize + " (expected: 1-" + ChunkLayout.MAX_CHUNK_SIZE + ")");
    }
  }

  /** The header the next node receives. */
  public PipelineHeader forNext() {
    return new PipelineHeader(chunkId, version, chunkSize, downstream.subList(1, downstream.size()));
  }
}
