package io.godfs.application.master;

import io.godfs.application.port.in.ChunkserverRegistryUseCase;
import io.godfs.application.port.out.HealingMeter;
import io.godfs.application.port.out.MetadataStore;
import io.godfs.domain.access.Caller;
import io.godfs.domain.access.Principal;
import io.godfs.domain.chunk.ChunkAccessKey;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkOperation;
import io.godfs.domain.chunk.ReplicationOrder;
import io.godfs.domain.chunk.StoredChunk;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.ChunkOwner;
import io.godfs.domain.file.NamespaceQuery;
import io.godfs.domain.heartbeat.HeartbeatReply;
import io.godfs.domain.heartbeat.NodeHeartbeat;
import io.godfs.domain.node.ClusterInfo;
import io.godfs.domain.node.NodeAddress;
import io.godfs.domain.node.NodeHealth;
import io.godfs.domain.node.NodeId;
import io.godfs.domain.node.NodeState;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Chunkserver registration, heartbeats and chunk reports: soft state only. */
final class RegistryService implements ChunkserverRegistryUseCase {
  private static final Set<ChunkOperation> REPLICATE = EnumSet.of(ChunkOperation.REPLICATE);
  private static final Set<ChunkOperation> DELETE = EnumSet.of(ChunkOperation.DELETE);
  private final Access access;
  private static final System.Logger LOG = System.getLogger(RegistryService.class.getName());

  /** Deletions handed out per heartbeat, so one reply stays small. */
  private static final int DELETES_PER_HEARTBEAT = 1000;

  private final MetadataStore store;
  private final ClusterState cluster;
  private final InstantSource clock;
  private final MasterSettings settings;
  private final SafeMode safeMode;
  private final ChunkTokenIssuer tokens;
  private final HealingMeter healing;

  RegistryService(
      MetadataStore store,
      ClusterState cluster,
      InstantSource clock,
      MasterSettings settings,
      SafeMode safeMode,
      Access access,
      ChunkTokenIssuer tokens,
      HealingMeter healing) {
    this.tokens = tokens;
    this.healing = healing;
    this.access = access;
    this.store = store;
    this.cluster = cluster;
    this.clock = clock;
    this.settings = settings;
    this.safeMode = safeMode;
  }

  @Override
  public Outcome<Duration> register(
      Caller caller,
      NodeId node,
      NodeAddress address,
      long capacityBytes,
      long usedBytes,
      List<StoredChunk> chunks) {
    if (access.asNode(caller, node) instanceof Outcome.Rejected<Void> denied) {
      return Outcome.rejected(denied.error());
    }
    if (tokens.issues() && tokens.keys().isEmpty()) {
      // A node registered without the first key would refuse the first tokens signed with it.
      return Outcome.rejected(
          ErrorCode.UNAVAILABLE,
          "the master cannot make or read its chunk access keys yet (its metadata store is not"
              + " ready); "
              + node
              + " should register again");
    }
    NodeHeartbeat.atMostOnePage("chunks", chunks.size());
    cluster.registered(new NodeState(node, address, capacityBytes, usedBytes, clock.instant()));
    addReplicas(node, chunks);
    return Outcome.ok(settings.heartbeatInterval());
  }

  private void addReplicas(NodeId node, List<StoredChunk> chunks) {
    for (StoredChunk chunk : chunks) {
      Outcome<ChunkOwner> owner = store.query(new NamespaceQuery.OwnerOfChunk(chunk.id()));
      if (owner instanceof Outcome.Ok<ChunkOwner>) {
        if (cluster.addReplica(
            chunk.id(), new ClusterState.Replica(node, chunk.version(), chunk.length()))) {
          healing.copied(chunk.length()); // a copy the healing loop ordered arrived
        }
      } else if (store.query(new NamespaceQuery.QueuedForDeletion(chunk.id())).orThrow()) {
        cluster.awaitDeletion(
            chunk.id(), node, clock.instant().minus(ClusterState.FIRST_BACKOFF)); // ask at once
      } else {
        // An orphan: collected by the healing loop, only outside safe mode and after a grace
        // period.
        cluster.sawOrphan(chunk.id(), node, clock.instant());
      }
    }
  }

  @Override
  public Outcome<HeartbeatReply> heartbeat(Caller caller, NodeHeartbeat report) {
    Instant now = clock.instant();
    NodeId node = report.node();
    if (access.asNode(caller, node) instanceof Outcome.Rejected<Void> denied) {
      return Outcome.rejected(denied.error());
    }
    Optional<NodeState> known = cluster.node(node);
    if (known.isEmpty() || cluster.isPruned(node)) {
      return Outcome.ok(
          new HeartbeatReply(
              true, List.of(), List.of())); // unknown, or dead so long its replicas were forgotten
    }
    cluster.upsertNode(known.get().heartbeat(report.capacityBytes(), report.usedBytes(), now));
    cluster.reportedIo(node, report.readBytes(), report.writtenBytes());
    report
        .deleted()
        .forEach(
            chunk -> {
              cluster.removeReplica(chunk, node);
              cluster.deletionDone(chunk, node);
            });
    addReplicas(node, report.stored());
    report.failedCopies().forEach(chunk -> cluster.copyFailed(chunk, node));
    for (ChunkId bad : report.corrupt()) {
      LOG.log(Level.WARNING, "{0} found its replica of {1} corrupt", node, bad);
      cluster.markCorrupt(bad, node);
    }
    if (safeMode.isOn()) {
      return Outcome.ok(
          new HeartbeatReply(
              false, List.of(), List.of())); // nothing is deleted or copied until rebuilt
    }
    List<ChunkId> deletes = cluster.drainDeletes(node, DELETES_PER_HEARTBEAT);
    List<ReplicationOrder> copies = cluster.drainOrders(node);
    if (!tokens.issues()) {
      return Outcome.ok(new HeartbeatReply(false, deletes, copies));
    }
    // Orders carry the master's tokens: the copying node presents its token to the source, and
    // a node deletes only what a token names (ADR 0022).
    return Outcome.ok(
        new HeartbeatReply(
            false,
            deletes,
            copies.stream()
                .map(
                    o -> o.withToken(tokens.issue(o.chunk(), o.version(), REPLICATE, node.value())))
                .toList(),
            deletes.stream().map(c -> tokens.issueAnyVersion(c, DELETE, node.value())).toList()));
  }

  /**
   * The keys of chunk access tokens, for a caller that is a node identity (a chunkserver's
   * certificate or the cluster key): never for an anonymous caller, who could then forge tokens.
   */
  @Override
  public List<ChunkAccessKey> accessKeys(Caller caller) {
    return switch (caller.principal()) {
      case Principal.Chunkserver c -> tokens.keys();
      case Principal.Cluster c -> tokens.keys();
      default -> List.of();
    };
  }

  @Override
  public ClusterInfo clusterInfo(Caller caller) {
    Instant now = clock.instant();
    long capacity = 0;
    long used = 0;
    for (NodeState n : cluster.nodes()) {
      if (n.health(now, settings.deadAfter()) == NodeHealth.LIVE) {
        capacity += n.capacityBytes();
        used += n.usedBytes();
      }
    }
    return new ClusterInfo(
        settings.defaultChunkSize(),
        settings.defaultReplication(),
        cluster.liveNodes(now, settings.deadAfter()),
        capacity,
        used);
  }
}
