package io.godfs.application.master;

import io.godfs.application.port.in.ClusterFigures.Census;
import io.godfs.application.port.in.RepairEvent;
import io.godfs.application.port.in.RepairEvent.Kind;
import io.godfs.application.port.out.MetadataStore;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.chunk.ReplicationOrder;
import io.godfs.domain.file.ChunkRef;
import io.godfs.domain.file.ChunkSlot;
import io.godfs.domain.file.NamespaceCommand;
import io.godfs.domain.file.NamespaceQuery;
import io.godfs.domain.node.AdminState;
import io.godfs.domain.node.NodeHealth;
import io.godfs.domain.node.NodeId;
import io.godfs.domain.node.NodeLocation;
import io.godfs.domain.node.NodeState;
import io.godfs.domain.placement.CapacityAwarePlacement;
import io.godfs.domain.placement.PlacementDecision;
import io.godfs.domain.placement.PlacementRequest;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The master's self-healing, one bounded round at a time (HDFS's ReplicationMonitor and
 * BlockManager): prunes dead nodes' replicas, deletes stale replicas (not the committed version, or
 * shorter than the committed length) and corrupt ones once a good copy exists, trims excess copies,
 * finishes decommissions, and orders copies of under-replicated chunks, fewest good copies first,
 * from a good replica to a node that holds none. Chunks being written are left alone. Nothing is
 * deleted or copied in safe mode.
 */
final class HealingLoop {
  private static final Logger LOG = System.getLogger(HealingLoop.class.getName());

  /** Queued deletions looked at per round (the oldest first). */
  private static final int DELETIONS_PER_ROUND = 10_000;

  /** Balancing copies ordered per round: repair of real shortfalls always comes first. */
  private static final int MOVES_PER_ROUND = 2;

  /**
   * A round examines every chunk slot of the namespace, so its cost grows with the namespace: with
   * millions of files, a round every 500 ms would keep a core of the leader busy. After a scan that
   * took T, the next round waits another (DIVISOR - 1) T (at most {@link #MAX_PAUSE}), so scans
   * take at most 1/DIVISOR of the leader's time. Only the scan is timed, not the waits for the
   * store (a new leader's first reads may wait for its term to settle), and a round in safe mode
   * sets no pause: leaving safe mode must not wait. A small namespace still heals at full pace.
   */
  static final int ROUND_DUTY_DIVISOR = 20;

  static final Duration MAX_PAUSE = Duration.ofSeconds(10);

  private final MetadataStore store;
  private final ClusterState cluster;
  private final SafeMode safeMode;
  private final RepairLog log;
  private final InstantSource clock;
  private final MasterSettings settings;
  private final RandomGenerator random;
  private final CapacityAwarePlacement placement = new CapacityAwarePlacement();

  private final DecommissionRecords decommissions;
  private Instant nextRoundAt = Instant.MIN;

  /** What the last round outside safe mode counted; read by the figures at any time. */
  private volatile Census census = Census.NONE;

  HealingLoop(
      MetadataStore store,
      ClusterState cluster,
      SafeMode safeMode,
      RepairLog log,
      InstantSource clock,
      MasterSettings settings,
      RandomGenerator random) {
    this.store = store;
    this.cluster = cluster;
    this.safeMode = safeMode;
    this.log = log;
    this.clock = clock;
    this.settings = settings;
    this.random = random;
    this.decommissions = new DecommissionRecords(store);
  }

  /**
   * A chunk short of good copies: {@code good} count toward its replication, {@code retiring} only
   * serve as sources.
   */
  private record Shortfall(
      ChunkSlot slot,
      List<ClusterState.Replica> good,
      List<ClusterState.Replica> retiring,
      Set<NodeId> holders) {}

  /** What the last round outside safe mode counted ({@link Census#NONE} before the first). */
  Census census() {
    return census;
  }

  /** A new term: the last term's census describes soft state that is gone. */
  void forgetCensus() {
    census = Census.NONE;
  }

  /** One round, unless the last one was so recent that another would exceed the duty share. */
  void runOnce() {
    if (clock.instant().isBefore(nextRoundAt)) {
      return;
    }
    round();
  }

  private void round() {
    decommissions.syncInto(
        cluster); // a new leader learns the operator's orders before placing copies
    Instant now = clock.instant();
    for (NodeId dead : cluster.pruneDead(now, settings.deadAfter())) {
      LOG.log(Level.WARNING, "{0} is dead: its replicas no longer count", dead);
      log.add(new RepairEvent(now, Kind.NODE_PRUNED, null, dead, 0));
    }
    List<ChunkSlot> slots = store.query(new NamespaceQuery.AllChunks()).orThrow();
    evaluateSafeMode(now, slots);
    if (safeMode.isOn()) {
      return;
    }
    Instant scanStarted = clock.instant();
    Set<NodeId> retiring = cluster.retiring();
    Set<NodeId> stillNeeded = new HashSet<>();
    List<Shortfall> shortfalls = new ArrayList<>();
    CensusTally tally = new CensusTally();
    for (ChunkSlot slot : slots) {
      Shortfall shortfall = examine(slot, retiring, stillNeeded, now, tally);
      if (shortfall != null) {
        shortfalls.add(shortfall);
      }
    }
    census = tally.at(now);
    finishDecommissions(retiring, stillNeeded, now);
    orderCopies(shortfalls, retiring, now);
    if (shortfalls.isEmpty()) {
      balance(slots, retiring, now); // only a healthy cluster is evened out
    }
    Instant scanEnded = clock.instant();
    Duration pause = Duration.between(scanStarted, scanEnded).multipliedBy(ROUND_DUTY_DIVISOR - 1);
    nextRoundAt = scanEnded.plus(pause.compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause);
    collectOrphans(now);
    drainDeletionQueue(now);
  }

  /**
   * The replicated deletion queue: asks again, with backoff, the nodes that have not reported a
   * released chunk deleted, and forgets a chunk once no node is awaited (a node away too long is
   * pruned and, if it returns with the replica, is asked again or collects it as an orphan).
   */
  private void drainDeletionQueue(Instant now) {
    List<ChunkId> done = new ArrayList<>();
    for (ChunkId chunk :
        store.query(new NamespaceQuery.DeletionQueue(DELETIONS_PER_ROUND)).orThrow()) {
      if (!cluster.retryDeletion(chunk, now)) {
        done.add(chunk);
      }
    }
    if (!done.isEmpty()) {
      store.execute(new NamespaceCommand.ForgetDeleted(done, now), MasterSelf.CALLER);
    }
  }

  /**
   * Deletes replicas no file referenced for the whole grace period, checking ownership again just
   * before: a chunk id is allocated in the namespace before any replica exists, so a replica whose
   * id no file holds is garbage (a file deleted while its node was away, or a master that lost its
   * namespace).
   */
  private void collectOrphans(Instant now) {
    for (var orphan : cluster.takeOrphansSeenBefore(now.minus(settings.healing().orphanGrace()))) {
      if (store.query(new NamespaceQuery.OwnerOfChunk(orphan.getKey())).isOk()) {
        continue; // referenced after all (the node reported before the master learned of the chunk)
      }
      cluster.scheduleDelete(orphan.getValue(), orphan.getKey());
      log.add(new RepairEvent(now, Kind.ORPHAN_DELETED, orphan.getKey(), orphan.getValue(), 0));
    }
  }

  private void evaluateSafeMode(Instant now, List<ChunkSlot> slots) {
    if (!safeMode.isOn()) {
      return;
    }
    int withReplica = 0;
    int expected = 0;
    for (ChunkSlot slot : slots) {
      if (slot.chunk().length() == 0
          && slot.chunk().committedVersion().equals(ChunkVersion.FIRST)) {
        continue; // allocated, never written: no replica to wait for
      }
      expected++;
      if (!cluster.replicasOf(slot.chunk().id()).isEmpty()) {
        withReplica++;
      }
    }
    safeMode.evaluate(
        now,
        cluster.liveNodes(now, settings.deadAfter()),
        expected,
        withReplica,
        settings.healing());
  }

  /** Cleans one chunk's replicas; returns its shortfall when it needs copies. */
  private Shortfall examine(
      ChunkSlot slot,
      Set<NodeId> retiring,
      Set<NodeId> stillNeeded,
      Instant now,
      CensusTally tally) {
    ChunkRef ref = slot.chunk();
    List<ClusterState.Replica> all = cluster.replicasOf(ref.id());
    Set<NodeId> holders = new HashSet<>();
    all.forEach(r -> holders.add(r.node()));
    if (slot.underConstruction()) {
      all.forEach(r -> stillNeeded.add(r.node()));
      return null;
    }
    tally.chunk();
    List<ClusterState.Replica> good = new ArrayList<>();
    List<ClusterState.Replica> retiringGood = new ArrayList<>();
    List<ClusterState.Replica> corrupt = new ArrayList<>();
    for (ClusterState.Replica r : all) {
      boolean current = r.version().equals(ref.committedVersion()) && r.length() >= ref.length();
      if (!current) {
        if (!slot.beingWritten() || r.version().compareTo(ref.committedVersion()) < 0) {
          cluster.deleteReplica(
              ref.id(), r.node()); // stale: an older version, or a write never committed
          log.add(new RepairEvent(now, Kind.STALE_DELETED, ref.id(), r.node(), 0));
          tally.stale();
        }
        continue;
      }
      if (cluster.isCorrupt(ref.id(), r.node())) {
        corrupt.add(r);
        continue;
      }
      if (!isLive(r.node(), now)) {
        continue;
      }
      (retiring.contains(r.node()) ? retiringGood : good).add(r);
    }
    int wanted = slot.replication();
    tally.corrupt(corrupt.size());
    // A replica marked corrupt goes only once the chunk has its full count of good copies without
    // it, so a false report (any client may send one) costs a copy, never a good replica. Where no
    // other node can take a fresh copy (as many nodes as replicas), it goes while two good copies
    // remain, so its own node can take the fresh one.
    if (good.size() >= wanted
        || (good.size() >= 2 && !corrupt.isEmpty() && noNodeOutside(holders, retiring, now))) {
      for (ClusterState.Replica bad : corrupt) {
        cluster.deleteReplica(ref.id(), bad.node());
        log.add(new RepairEvent(now, Kind.CORRUPT_DELETED, ref.id(), bad.node(), good.size()));
      }
    }
    if (good.size() < wanted) {
      retiringGood.forEach(r -> stillNeeded.add(r.node()));
      corrupt.forEach(r -> stillNeeded.add(r.node()));
      if (good.size() + retiringGood.size() > 0) {
        tally.underReplicated();
        return new Shortfall(slot, good, retiringGood, holders);
      }
      // Every copy is marked corrupt. The marks may be false, so copy from one of them anyway: the
      // copier verifies every block against its CRC32C, so only a replica that is really whole
      // yields a good copy. None live: missing (fsck reports it).
      List<ClusterState.Replica> liveMarked =
          corrupt.stream().filter(r -> isLive(r.node(), now)).toList();
      if (liveMarked.isEmpty()) {
        if (ref.length() > 0 || !ref.committedVersion().equals(ChunkVersion.FIRST)) {
          tally.missing(); // allocated and never written: no replica was ever due
        }
        return null;
      }
      tally.underReplicated(); // copied from a marked replica, verified block by block
      return new Shortfall(slot, good, liveMarked, holders);
    }
    if (good.size() > wanted && cluster.copyInFlight(ref.id(), now).isEmpty()) {
      trim(ref.id(), good, wanted, now);
    }
    return null;
  }

  /** Deletes the copies beyond the replication, from the fullest nodes first. */
  private void trim(ChunkId chunk, List<ClusterState.Replica> good, int wanted, Instant now) {
    List<ClusterState.Replica> byFree = new ArrayList<>(good);
    byFree.sort(
        Comparator.comparingLong((ClusterState.Replica r) -> freeBytes(r.node()))
            .thenComparing(r -> r.node().value()));
    for (int i = 0; i < good.size() - wanted; i++) {
      NodeId node = byFree.get(i).node();
      cluster.deleteReplica(chunk, node);
      log.add(new RepairEvent(now, Kind.EXCESS_DELETED, chunk, node, good.size() - i));
    }
  }

  private void finishDecommissions(Set<NodeId> retiring, Set<NodeId> stillNeeded, Instant now) {
    for (NodeId node : retiring) {
      if (cluster.adminState(node) == AdminState.DECOMMISSIONING && !stillNeeded.contains(node)) {
        cluster.setAdminState(node, AdminState.DECOMMISSIONED);
        LOG.log(
            Level.INFO,
            "{0} is decommissioned: every chunk it held has its copies elsewhere; safe to remove",
            node);
        log.add(new RepairEvent(now, Kind.DECOMMISSIONED, null, node, 0));
      }
    }
  }

  /** Orders copies, fewest good copies first, within the per-round and per-node limits. */
  private void orderCopies(List<Shortfall> shortfalls, Set<NodeId> retiring, Instant now) {
    shortfalls.sort(
        Comparator.comparingInt((Shortfall s) -> s.good().size())
            .thenComparingLong(s -> s.slot().chunk().id().value()));
    HealingSettings healing = settings.healing();
    int ordered = 0;
    for (Shortfall s : shortfalls) {
      if (ordered == healing.copiesPerRound()) {
        return;
      }
      ChunkRef ref = s.slot().chunk();
      if (cluster.copyInFlight(ref.id(), now).isPresent()) {
        continue;
      }
      List<ClusterState.Replica> sources = s.good().isEmpty() ? s.retiring() : s.good();
      ClusterState.Replica source =
          sources.get(random.nextInt(sources.size())); // a bad source is not retried forever
      Set<NodeId> excluded = new HashSet<>(s.holders());
      excluded.addAll(retiring);
      for (NodeState n : cluster.nodes()) {
        if (cluster.copiesInFlightTo(n.id()) >= healing.copiesPerNode()) {
          excluded.add(n.id());
        }
      }
      PlacementDecision decision =
          placement.choose(
              new PlacementRequest(1, Math.max(1, ref.length()), excluded),
              cluster.nodesWithReservations(now),
              now,
              settings.deadAfter(),
              random);
      if (!(decision instanceof PlacementDecision.Placed placed)) {
        continue; // no node can take a copy now: the next round tries again
      }
      NodeId target = placed.nodes().getFirst();
      NodeLocation from =
          new NodeLocation(source.node(), cluster.node(source.node()).orElseThrow().address());
      cluster.orderCopy(
          target,
          new ReplicationOrder(ref.id(), ref.committedVersion(), ref.length(), from),
          now.plus(healing.copyTimeout()));
      cluster.reserve(List.of(target), ref.length());
      log.add(new RepairEvent(now, Kind.COPY_ORDERED, ref.id(), target, s.good().size()));
      ordered++;
    }
  }

  /**
   * The disk-usage balancer: when the fullest live node's usage (used / capacity) exceeds the
   * emptiest's by more than the threshold, copies a chunk from the fullest to the emptiest node
   * that holds no replica of it. The chunk is then over-replicated, and the trim deletes the copy
   * on the node with the least free space, the fullest one: a move, in two safe steps. A few moves
   * per round.
   */
  private void balance(List<ChunkSlot> slots, Set<NodeId> retiring, Instant now) {
    List<NodeState> live =
        cluster.nodes().stream()
            .filter(
                n ->
                    n.health(now, settings.deadAfter()) == NodeHealth.LIVE
                        && !retiring.contains(n.id())
                        && n.capacityBytes() > 0)
            .sorted(
                Comparator.comparingDouble(HealingLoop::usage).thenComparing(n -> n.id().value()))
            .toList();
    if (live.size() < 2) {
      return;
    }
    NodeState emptiest = live.getFirst();
    NodeState fullest = live.getLast();
    if (usage(fullest) - usage(emptiest) <= settings.healing().balanceThreshold()
        || cluster.copiesInFlightTo(emptiest.id()) >= settings.healing().copiesPerNode()) {
      return;
    }
    int moves = 0;
    for (ChunkSlot slot : slots) {
      if (moves == MOVES_PER_ROUND) {
        return;
      }
      ChunkRef ref = slot.chunk();
      if (slot.underConstruction()
          || ref.length() == 0
          || cluster.copyInFlight(ref.id(), now).isPresent()) {
        continue;
      }
      List<ClusterState.Replica> replicas = cluster.replicasOf(ref.id());
      boolean onFullest =
          replicas.stream()
              .anyMatch(
                  r ->
                      r.node().equals(fullest.id())
                          && r.version().equals(ref.committedVersion())
                          && !cluster.isCorrupt(ref.id(), r.node()));
      boolean onEmptiest = replicas.stream().anyMatch(r -> r.node().equals(emptiest.id()));
      if (!onFullest || onEmptiest || replicas.size() != slot.replication()) {
        continue;
      }
      NodeLocation from = new NodeLocation(fullest.id(), fullest.address());
      cluster.orderCopy(
          emptiest.id(),
          new ReplicationOrder(ref.id(), ref.committedVersion(), ref.length(), from),
          now.plus(settings.healing().copyTimeout()));
      cluster.reserve(List.of(emptiest.id()), ref.length());
      log.add(
          new RepairEvent(
              now, Kind.BALANCE_COPY_ORDERED, ref.id(), emptiest.id(), replicas.size()));
      moves++;
    }
  }

  private static double usage(NodeState n) {
    return n.capacityBytes() == 0 ? 1.0 : (double) n.usedBytes() / n.capacityBytes();
  }

  /**
   * True when every live, in-service node already holds a replica: a fresh copy has nowhere to go.
   */
  private boolean noNodeOutside(Set<NodeId> holders, Set<NodeId> retiring, Instant now) {
    return cluster.nodes().stream()
        .map(NodeState::id)
        .noneMatch(id -> !holders.contains(id) && !retiring.contains(id) && isLive(id, now));
  }

  private boolean isLive(NodeId node, Instant now) {
    return cluster
        .node(node)
        .map(n -> n.health(now, settings.deadAfter()) == NodeHealth.LIVE)
        .orElse(false);
  }

  private long freeBytes(NodeId node) {
    return cluster.node(node).map(NodeState::freeBytes).orElse(0L);
  }
}
