package io.godfs.domain.chunk;

import io.godfs.domain.node.NodeLocation;
import java.util.List;
import java.util.Objects;

/** A chunk of a file for readers: its committed version, length and live replicas, best first. */
public record LocatedChunk(
    int index, ChunkId chunkId, ChunkVersion version, long length, List<NodeLocation> replicas) {
  public LocatedChunk {
    Objects.requireNonNull(chunkId, "chunkId");
    Objects.requireNonNull(version, "version");
    replicas = List.copyOf(replicas);
  }
}
