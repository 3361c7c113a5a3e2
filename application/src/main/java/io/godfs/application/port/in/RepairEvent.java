package io.godfs.application.port.in;

import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.node.NodeId;
import java.time.Instant;

/**
 * One action of the master's healing loop. {@code node}: the node acted on (copy target, replica
 * deleted, node pruned); {@code liveCopies}: good copies of the chunk when the action was taken.
 */
public record RepairEvent(Instant at, Kind kind, ChunkId chunk, NodeId node, int liveCopies) {

  public enum Kind {
    COPY_ORDERED,
    STALE_DELETED,
    CORRUPT_DELETED,
    EXCESS_DELETED,
    ORPHAN_DELETED,
    NODE_PRUNED,
    DECOMMISSIONED,
    BALANCE_COPY_ORDERED
  }
}
