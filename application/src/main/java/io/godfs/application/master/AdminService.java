package io.godfs.application.master;

import io.godfs.application.port.in.AdminUseCase;
import io.godfs.application.port.in.ChunkReport;
import io.godfs.application.port.in.ClusterFigures;
import io.godfs.application.port.in.ClusterFiguresUseCase;
import io.godfs.application.port.in.FsckReport;
import io.godfs.application.port.in.NodeReport;
import io.godfs.application.port.in.RepairEvent;
import io.godfs.application.port.in.SafeModeStatus;
import io.godfs.application.port.out.Leadership;
import io.godfs.application.port.out.MasterMembership;
import io.godfs.application.port.out.MetadataStore;
import io.godfs.domain.access.Caller;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.ChunkRef;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileChunks;
import io.godfs.domain.file.IndexedChunk;
import io.godfs.domain.file.NamespaceQuery;
import io.godfs.domain.node.AdminState;
import io.godfs.domain.node.MasterInfo;
import io.godfs.domain.node.NodeHealth;
import io.godfs.domain.node.NodeId;
import io.godfs.domain.node.NodeState;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The operator's view of the master: nodes, fsck, decommission, safe mode and the figures. */
final class AdminService implements AdminUseCase {
  private final Access access;
  private final MetadataStore store;
  private final ClusterState cluster;
  private final SafeMode safeMode;
  private final InstantSource clock;
  private final MasterSettings settings;
  private final DecommissionRecords decommissions;
  private final ClusterFiguresUseCase figures;
  private final RepairLog repairs;

  /**
   * {@code figures}: the leader's figures, empty while this master follows; {@code repairs}: what
   * its healing loop ordered.
   */
  AdminService(
      MetadataStore store,
      ClusterState cluster,
      SafeMode safeMode,
      InstantSource clock,
      MasterSettings settings,
      Access access,
      ClusterFiguresUseCase figures,
      RepairLog repairs) {
    this.access = access;
    this.repairs = repairs;
    this.figures = figures;
    this.store = store;
    this.cluster = cluster;
    this.safeMode = safeMode;
    this.clock = clock;
    this.settings = settings;
    this.decommissions = new DecommissionRecords(store);
  }

  @Override
  public Outcome<List<NodeReport>> nodes(Caller caller) {
    if (access.admin(caller) instanceof Outcome.Rejected<Void> denied) {
      return Outcome.rejected(denied.error());
    }
    return Outcome.ok(nodeReports());
  }

  private List<NodeReport> nodeReports() {
    decommissions.syncInto(cluster);
    Instant now = clock.instant();
    Map<NodeId, Integer> replicas = new HashMap<>();
    for (var chunk : cluster.reportedChunks()) {
      cluster.replicasOf(chunk).forEach(r -> replicas.merge(r.node(), 1, Integer::sum));
    }
    List<NodeReport> out = new ArrayList<>();
    for (NodeState n : cluster.nodes()) {
      out.add(report(n, now, replicas.getOrDefault(n.id(), 0)));
    }
    out.sort(Comparator.comparing(r -> r.id().value()));
    return out;
  }

  private NodeReport report(NodeState n, Instant now, int replicas) {
    return new NodeReport(
        n.id(),
        n.address(),
        n.health(now, settings.deadAfter()),
        cluster.adminState(n.id()),
        n.capacityBytes(),
        n.usedBytes(),
        replicas,
        n.lastHeartbeat());
  }

  @Override
  public Outcome<FsckReport> fsck(Caller caller, DfsPath path) {
    if (access.admin(caller) instanceof Outcome.Rejected<Void> denied) {
      return Outcome.rejected(denied.error());
    }
    Instant now = clock.instant();
    return store
        .query(new NamespaceQuery.FilesUnder(path))
        .map(
            files -> {
              List<FsckReport.FileReport> reports = new ArrayList<>(files.size());
              for (FileChunks file : files) {
                boolean beingWritten =
                    store.query(new NamespaceQuery.OpenFilesOf(file.status().fileId())).orThrow();
                List<ChunkReport> chunks = new ArrayList<>(file.chunks().size());
                for (IndexedChunk c : file.chunks()) {
                  chunks.add(chunkReport(c, file.status().replication(), beingWritten, now));
                }
                reports.add(
                    new FsckReport.FileReport(
                        file.status().path(),
                        file.status().length(),
                        file.status().replication(),
                        beingWritten,
                        chunks));
              }
              return new FsckReport(path, reports);
            });
  }

  private ChunkReport chunkReport(IndexedChunk c, int wanted, boolean beingWritten, Instant now) {
    ChunkRef ref = c.chunk();
    List<NodeId> good = new ArrayList<>();
    List<NodeId> corrupt = new ArrayList<>();
    List<NodeId> stale = new ArrayList<>();
    for (ClusterState.Replica r : cluster.replicasOf(ref.id())) {
      boolean live =
          cluster
              .node(r.node())
              .map(n -> n.health(now, settings.deadAfter()) == NodeHealth.LIVE)
              .orElse(false);
      if (!r.version().equals(ref.committedVersion()) || r.length() < ref.length()) {
        stale.add(r.node());
      } else if (cluster.isCorrupt(ref.id(), r.node())) {
        corrupt.add(r.node());
      } else if (live && cluster.adminState(r.node()) == AdminState.IN_SERVICE) {
        good.add(r.node());
      }
    }
    good.sort(Comparator.comparing(NodeId::value));
    corrupt.sort(Comparator.comparing(NodeId::value));
    boolean pending = beingWritten && ref.grantedVersion().compareTo(ref.committedVersion()) > 0;
    boolean empty = ref.length() == 0;
    ChunkReport.Status status =
        pending
            ? ChunkReport.Status.BEING_WRITTEN
            : empty || good.size() == wanted
                ? ChunkReport.Status.HEALTHY
                : good.size() > wanted
                    ? ChunkReport.Status.OVER_REPLICATED
                    : good.isEmpty()
                        ? ChunkReport.Status.MISSING
                        : ChunkReport.Status.UNDER_REPLICATED;
    return new ChunkReport(
        c.index(),
        ref.id(),
        ref.committedVersion(),
        ref.length(),
        wanted,
        good,
        corrupt,
        stale,
        status);
  }

  @Override
  public Outcome<NodeReport> decommission(Caller caller, NodeId node) {
    if (access.admin(caller) instanceof Outcome.Rejected<Void> denied) {
      return Outcome.rejected(denied.error());
    }
    var known = cluster.node(node);
    if (known.isEmpty()) {
      return Outcome.rejected(
          ErrorCode.NOT_FOUND, "no chunkserver " + node + " has registered with this master");
    }
    decommissions.syncInto(cluster);
    if (cluster.adminState(node) == AdminState.IN_SERVICE) {
      // Recorded first: an order this master acknowledges survives the next leader change.
      Outcome<Void> recorded = decommissions.record(node, clock.instant());
      if (recorded instanceof Outcome.Rejected<Void> r) {
        return Outcome.rejected(r.error());
      }
      cluster.setAdminState(node, AdminState.DECOMMISSIONING);
    }
    return Outcome.ok(
        nodeReports().stream().filter(r -> r.id().equals(node)).findFirst().orElseThrow());
  }

  @Override
  public Outcome<SafeModeStatus> safeMode(Caller caller) {
    if (access.admin(caller) instanceof Outcome.Rejected<Void> denied) {
      return Outcome.rejected(denied.error());
    }
    return Outcome.ok(safeModeStatus());
  }

  private SafeModeStatus safeModeStatus() {
    SafeMode.Status s = safeMode.status();
    return new SafeModeStatus(s.on(), s.manual(), s.reason());
  }

  @Override
  public Outcome<SafeModeStatus> setSafeMode(Caller caller, boolean on) {
    if (access.admin(caller) instanceof Outcome.Rejected<Void> denied) {
      return Outcome.rejected(denied.error());
    }
    if (on) {
      safeMode.enter();
    } else {
      safeMode.leave();
    }
    return Outcome.ok(safeModeStatus());
  }

  @Override
  public Outcome<List<MasterInfo>> masters(Caller caller) {
    if (access.admin(caller) instanceof Outcome.Rejected<Void> denied) {
      return Outcome.rejected(denied.error());
    }
    return membership().map(m -> Outcome.ok(m.masters())).orElseGet(AdminService::notReplicated);
  }

  @Override
  public Outcome<List<MasterInfo>> addMaster(Caller caller, MasterInfo master) {
    if (access.admin(caller) instanceof Outcome.Rejected<Void> denied) {
      return Outcome.rejected(denied.error());
    }
    return membership().map(m -> m.add(master)).orElseGet(AdminService::notReplicated);
  }

  @Override
  public Outcome<List<MasterInfo>> removeMaster(Caller caller, String id) {
    if (access.admin(caller) instanceof Outcome.Rejected<Void> denied) {
      return Outcome.rejected(denied.error());
    }
    return membership().map(m -> m.remove(id)).orElseGet(AdminService::notReplicated);
  }

  @Override
  public Outcome<ClusterFigures> clusterFigures(Caller caller) {
    if (access.admin(caller) instanceof Outcome.Rejected<Void> denied) {
      return Outcome.rejected(denied.error());
    }
    decommissions.syncInto(cluster);
    return figures.figures().map(Outcome::ok).orElseGet(this::notLeader);
  }

  @Override
  public Outcome<List<RepairEvent>> repairs(Caller caller, int limit) {
    if (access.admin(caller) instanceof Outcome.Rejected<Void> denied) {
      return Outcome.rejected(denied.error());
    }
    if (limit < 1 || limit > REPAIRS_MAX_LIMIT) {
      return Outcome.rejected(
          ErrorCode.INVALID_ARGUMENT,
          "limit : " + limit + " (expected: 1 to " + REPAIRS_MAX_LIMIT + ")");
    }
    return Outcome.ok(repairs.newest(limit));
  }

  /**
   * The gate in front of the use cases sends a follower's callers to the leader; this answers one
   * that lost the lead while the call was under way, so the client looks for the leader again.
   */
  private Outcome<ClusterFigures> notLeader() {
    Leadership leadership = store.leadership();
    return Outcome.rejected(
        ErrorCode.NOT_LEADER,
        "this master no longer leads the metadata group, and the cluster's figures are the"
            + " leader's"
            + leadership.leaderAddress().map(a -> ": the leader is " + a).orElse(""));
  }

  private Optional<MasterMembership> membership() {
    return store.membership();
  }

  private static <T> Outcome<T> notReplicated() {
    return Outcome.rejected(
        ErrorCode.CONFLICT,
        "this master keeps its metadata in memory, not in a group of masters"
            + " (start masters with GODFS_METADATA_BACKEND=ratis and the GODFS_MASTER_RAFT_* settings)");
  }
}
