package io.godfs.adapters.rest.admin;

import io.godfs.application.port.in.ChunkReport;
import io.godfs.application.port.in.ClusterFigures;
import io.godfs.application.port.in.FsckReport;
import io.godfs.application.port.in.NodeReport;
import io.godfs.application.port.in.RepairEvent;
import io.godfs.domain.node.MasterInfo;
import io.godfs.domain.node.NodeId;
import java.time.Instant;
import java.util.List;

/** The JSON bodies of {@code /v1/admin} (snake_case on the wire, as the rest of {@code /v1}). */
final class AdminDtos {
  private AdminDtos() {}

  /** {@code GET /v1/admin/cluster}: the leader's figures, its totals, and the masters. */
  record Cluster(
      boolean safeMode,
      int liveNodes,
      int deadNodes,
      long capacityBytes,
      long usedBytes,
      Census census,
      int copiesInFlight,
      int pendingDeletes,
      long readBytes,
      long writtenBytes,
      List<NodeFigures> nodes,
      Masters masters) {

    static Cluster of(ClusterFigures f, Masters masters) {
      int live = (int) f.nodes().stream().filter(ClusterFigures.NodeFigures::live).count();
      return new Cluster(
          f.safeMode(),
          live,
          f.nodes().size() - live,
          f.nodes().stream()
              .filter(ClusterFigures.NodeFigures::live)
              .mapToLong(n -> n.capacityBytes())
              .sum(),
          f.nodes().stream()
              .filter(ClusterFigures.NodeFigures::live)
              .mapToLong(n -> n.usedBytes())
              .sum(),
          Census.of(f.census()),
          f.copiesInFlight(),
          f.pendingDeletes(),
          f.readBytes(),
          f.writtenBytes(),
          f.nodes().stream()
              .map(
                  n ->
                      new NodeFigures(
                          n.id(),
                          n.live() ? "LIVE" : "DEAD",
                          n.adminState().name(),
                          n.capacityBytes(),
                          n.usedBytes()))
              .toList(),
          masters);
    }
  }

  /** {@code at} is null before the first healing round. */
  record Census(
      String at,
      long chunks,
      long underReplicated,
      long missing,
      long corruptReplicas,
      long staleReplicas) {
    static Census of(ClusterFigures.Census c) {
      return new Census(
          c.at().equals(Instant.EPOCH) ? null : c.at().toString(),
          c.chunks(),
          c.underReplicated(),
          c.missing(),
          c.corruptReplicas(),
          c.staleReplicas());
    }
  }

  record NodeFigures(
      String id, String health, String adminState, long capacityBytes, long usedBytes) {}

  /**
   * The metadata group: its members and leader when it is replicated; otherwise one master, and
   * {@code note} says why no members are listed.
   */
  record Masters(boolean replicated, String leader, List<Master> members, String note) {}

  record Master(String id, String raftAddress, String clientAddress, boolean leader) {
    static Master of(MasterInfo m) {
      return new Master(m.id(), m.raftAddress(), m.clientAddress(), m.leader());
    }
  }

  /** {@code GET /v1/admin/nodes} and the answer of a decommission. */
  record Node(
      String id,
      String address,
      String health,
      String adminState,
      long capacityBytes,
      long usedBytes,
      int replicas,
      String lastHeartbeat) {
    static Node of(NodeReport n) {
      return new Node(
          n.id().value(),
          n.address() == null ? null : n.address().toString(),
          n.health().name(),
          n.adminState().name(),
          n.capacityBytes(),
          n.usedBytes(),
          n.replicas(),
          n.lastHeartbeat() == null ? null : n.lastHeartbeat().toString());
    }
  }

  record Nodes(List<Node> nodes) {}

  /**
   * {@code GET /v1/admin/fsck}: the totals over every file, the files listed up to the limit
   * (problems first), {@code truncated} when some were left out.
   */
  record Fsck(
      String path,
      boolean healthy,
      int files,
      long underReplicated,
      long missing,
      long corruptReplicas,
      boolean truncated,
      List<FileHealth> listed) {
    static Fsck of(FsckReport r, int limit) {
      List<FsckReport.FileReport> ordered =
          r.files().stream()
              .sorted((a, b) -> Boolean.compare(a.healthy(), b.healthy()))
              .limit(limit)
              .toList();
      return new Fsck(
          r.path().value(),
          r.healthy(),
          r.files().size(),
          r.count(ChunkReport.Status.UNDER_REPLICATED),
          r.count(ChunkReport.Status.MISSING),
          r.corruptReplicas(),
          r.files().size() > limit,
          ordered.stream().map(FileHealth::of).toList());
    }
  }

  record FileHealth(
      String path,
      long length,
      int replication,
      boolean beingWritten,
      boolean healthy,
      List<ChunkHealth> chunks) {
    static FileHealth of(FsckReport.FileReport f) {
      return new FileHealth(
          f.path().value(),
          f.length(),
          f.replication(),
          f.beingWritten(),
          f.healthy(),
          f.chunks().stream().map(ChunkHealth::of).toList());
    }
  }

  record ChunkHealth(
      int index,
      String chunk,
      long version,
      long length,
      int wanted,
      List<String> good,
      List<String> corrupt,
      List<String> stale,
      String status) {
    static ChunkHealth of(ChunkReport c) {
      return new ChunkHealth(
          c.index(),
          c.chunk().toString(),
          c.version().value(),
          c.length(),
          c.wanted(),
          ids(c.good()),
          ids(c.corrupt()),
          ids(c.stale()),
          c.status().name());
    }

    private static List<String> ids(List<NodeId> nodes) {
      return nodes.stream().map(NodeId::value).toList();
    }
  }

  /**
   * {@code GET /v1/admin/repairs}: the leader's most recent repairs, newest first, at most {@code
   * limit}.
   */
  record Repairs(int limit, List<Repair> events) {}

  /**
   * One action of the healing loop; {@code chunk} is null for a node's event (pruned,
   * decommissioned).
   */
  record Repair(String at, String kind, String chunk, String node, int liveCopies) {
    static Repair of(RepairEvent e) {
      return new Repair(
          e.at().toString(),
          e.kind().name(),
          e.chunk() == null ? null : e.chunk().toString(),
          e.node() == null ? null : e.node().value(),
          e.liveCopies());
    }
  }

  /**
   * {@code GET /v1/admin/throughput}: the samples of the last hour and the rates between them.
   * {@code counters_reported} is false while every sample reads 0 bytes (chunkservers that do not
   * report their byte counters in their heartbeats yet, or an idle cluster).
   */
  record Throughput(
      long intervalSeconds,
      long windowSeconds,
      boolean countersReported,
      List<Sample> samples,
      List<Rate> rates) {}

  record Sample(long atUnixMillis, long readBytes, long writtenBytes) {}

  record Rate(long atUnixMillis, double readBytesPerSecond, double writtenBytesPerSecond) {}
}
