package io.godfs.domain.placement;

import io.godfs.domain.node.NodeId;
import java.util.List;

/** Where replicas go, or why they cannot be placed. */
public sealed interface PlacementDecision {
  /** Distinct live nodes; the first is the primary (most free space among the chosen). */
  record Placed(List<NodeId> nodes) implements PlacementDecision {
    public Placed {
      nodes = List.copyOf(nodes);
    }
  }

  record Insufficient(int wanted, int eligible, int live) implements PlacementDecision {
    public String message() {
      return "cannot place "
          + wanted
          + " replicas: only "
          + eligible
          + " of "
          + live
          + " live chunkservers have room (start more chunkservers or lower the replication)";
    }
  }
}
