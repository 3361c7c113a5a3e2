package io.godfs.domain.placement;

import io.godfs.domain.node.NodeId;
import java.util.Objects;
import java.util.Set;

/** Ask for {@code replicas} distinct nodes, each able to take {@code chunkSize} more bytes. */
public record PlacementRequest(int replicas, long chunkSize, Set<NodeId> excluded) {
  public PlacementRequest {
    if (replicas < 1) {
      throw new IllegalArgumentException("replicas : " + replicas + " (expected: >= 1)");
    }
    if (chunkSize < 1) {
      throw new IllegalArgumentException("chunkSize : " + chunkSize + " (expected: >= 1)");
    }
    excluded = Set.copyOf(Objects.requireNonNull(excluded, "excluded"));
  }
}
