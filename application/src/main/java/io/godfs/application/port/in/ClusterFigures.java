package io.godfs.application.port.in;

import io.godfs.domain.node.AdminState;
import java.time.Instant;
import java.util.List;

/**
 * The cluster as the leading master sees it, in one consistent snapshot (ADR 0023): what {@code
 * /metrics}, the console and {@code godfs admin top} show. Node health and the census are the
 * leader's soft state, so only a leader has figures.
 *
 * @param nodes every chunkserver the leader knows, with its health and its last reported space
 * @param safeMode whether the leader is in safe mode (nothing is copied or deleted)
 * @param census what the last healing round found; {@link Census#NONE} before the first one
 * @param copiesInFlight replica copies ordered and not reported done yet
 * @param pendingDeletes replica deletions asked for and not confirmed yet (the deletion backlog)
 * @param readBytes chunk bytes the live chunkservers served since each started, as their latest
 *     heartbeats said (a cumulative total: its rate is the cluster's read throughput; it drops when
 *     a node dies or restarts, which rates take as a counter reset)
 * @param writtenBytes chunk bytes the live chunkservers wrote (each replica's), likewise
 */
public record ClusterFigures(
    List<NodeFigures> nodes,
    boolean safeMode,
    Census census,
    int copiesInFlight,
    int pendingDeletes,
    long readBytes,
    long writtenBytes) {
  public ClusterFigures {
    nodes = List.copyOf(nodes);
  }

  /** Figures without throughput (0 bytes read and written). */
  public ClusterFigures(
      List<NodeFigures> nodes,
      boolean safeMode,
      Census census,
      int copiesInFlight,
      int pendingDeletes) {
    this(nodes, safeMode, census, copiesInFlight, pendingDeletes, 0, 0);
  }

  /** A chunkserver: {@code live} while it heartbeats within the dead-after interval. */
  public record NodeFigures(
      String id, boolean live, AdminState adminState, long capacityBytes, long usedBytes) {}

  /**
   * What the last healing round counted while it examined every chunk.
   *
   * @param at when that round ran (an old census means a stalled healing loop)
   * @param chunks chunks examined (those being written are left out)
   * @param underReplicated chunks with fewer good replicas than wanted, at least one left to copy
   * @param missing chunks with no good replica anywhere: unreadable until a node returns
   * @param corruptReplicas replicas marked corrupt by a reader or a scrubber
   * @param staleReplicas replicas of an older version, or shorter than committed, ordered deleted
   */
  public record Census(
      Instant at,
      long chunks,
      long underReplicated,
      long missing,
      long corruptReplicas,
      long staleReplicas) {
    public static final Census NONE = new Census(Instant.EPOCH, 0, 0, 0, 0, 0);
  }
}
