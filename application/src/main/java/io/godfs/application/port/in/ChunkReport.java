package io.godfs.application.port.in;

import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.node.NodeId;
import java.util.List;

/**
 * One chunk in an fsck: where its good copies are (live, committed version, full length), which
 * replicas are corrupt or stale, and what that makes it.
 */
public record ChunkReport(
    int index,
    ChunkId chunk,
    ChunkVersion version,
    long length,
    int wanted,
    List<NodeId> good,
    List<NodeId> corrupt,
    List<NodeId> stale,
    Status status) {

  public enum Status {
    HEALTHY,
    OVER_REPLICATED,
    UNDER_REPLICATED,
    MISSING,
    BEING_WRITTEN;

    /** Whether fsck counts the chunk as a problem (its exit code is then not 0). */
    public boolean isProblem() {
      return this == UNDER_REPLICATED || this == MISSING;
    }
  }

  public ChunkReport {
    good = List.copyOf(good);
    corrupt = List.copyOf(corrupt);
    stale = List.copyOf(stale);
  }
}
