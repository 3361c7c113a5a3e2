package io.godfs.application.master;

import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.chunk.ReplicationOrder;
import io.godfs.domain.node.AdminState;
import io.godfs.domain.node.NodeHealth;
import io.godfs.domain.node.NodeId;
import io.godfs.domain.node.NodeLocation;
import io.godfs.domain.node.NodeState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The master's soft state: chunkservers, where each chunk's replicas are, which replicas were found
 * corrupt, and the healing work handed out (deletions and replication orders delivered in heartbeat
 * replies). Rebuilt from registrations, chunk reports and commits; never written to the metadata
 * store (GFS/HDFS keep block locations out of the edit log too). Thread-safe through its monitor;
 * every method is short.
 */
final class ClusterState {
  /** A replica as last reported or committed. */
  record Replica(NodeId node, ChunkVersion version, long length) {}

  /**
   * A replication order in flight: the copy is expected on {@code target} before {@code deadline}.
   */
  record PendingCopy(NodeId target, Instant deadline) {}

  /** When this master's current term as leader began (null: never replicated, a sole master). */
  private Instant termStartedAt;

  private final Map<NodeId, NodeState> nodes = new HashMap<>();
  private final Map<NodeId, long[]> io = new HashMap<>();
  private final Map<NodeId, AdminState> adminStates = new HashMap<>();

  /** Nodes dead long enough that their replicas were dropped: they must register again. */
  private final Set<NodeId> pruned = new HashSet<>();

  private final Map<ChunkId, Map<NodeId, Replica>> replicas = new HashMap<>();
  private final Map<ChunkId, Set<NodeId>> corrupt = new HashMap<>();
  private final Map<NodeId, Set<ChunkId>> pendingDeletes = new HashMap<>();
  private final Map<NodeId, List<ReplicationOrder>> pendingOrders = new HashMap<>();
  private final Map<ChunkId, PendingCopy> copiesInFlight = new HashMap<>();

  /**
   * Space promised to chunks being written: a whole chunk per replica from placement until the
   * replica is committed or reported, then only its real length counts. Kept apart from the
   * heartbeat's figure, which a heartbeat replaces: thousands of small files placed between two
   * heartbeats must not look like thousands of full chunks (HDFS counts "blocks scheduled" the same
   * way).
   */
  private final Map<NodeId, Map<ChunkId, Reservation>> reservations = new HashMap<>();

  /** A writer that vanished leaves its reservation behind: it lapses after this long. */
  static final Duration RESERVATION_TTL = Duration.ofMinutes(10);

  private record Reservation(long bytes, Instant since) {}

  /**
   * Replicas no file references, with when they were first seen so: deleted only after a grace
   * period.
   */
  private final Map<ChunkId, Map<NodeId, Instant>> orphans = new HashMap<>();

  /**
   * The most orphan replicas remembered at once: chunks nobody references cost the master memory
   * until collected, and a node (or anyone posing as one) may report any number of them.
   */
  static final int MAX_ORPHANS = 100_000;

  private int orphanCount;

  /**
   * Forgets everything: a master that (again) becomes the leader rebuilds its view from the chunk
   * reports of this term, never from what it saw while it last led (GFS/HDFS do the same).
   */
  synchronized void clear(Instant now) {
    termStartedAt = now;
    nodes.clear();
    adminStates.clear();
    pruned.clear();
    replicas.clear();
    corrupt.clear();
    pendingDeletes.clear();
    pendingOrders.clear();
    copiesInFlight.clear();
    orphans.clear();
    orphanCount = 0;
    awaitingDeletion.clear();
    reservations.clear();
  }

  /**
   * Whether this leader's term began so recently that live chunkservers may not have re-registered
   * yet: they find a new leader at their next heartbeat, so three heartbeat intervals cover them.
   */
  synchronized boolean termIsYoung(Instant now, Duration heartbeatInterval) {
    return termStartedAt != null
        && now.isBefore(termStartedAt.plus(heartbeatInterval.multipliedBy(3)));
  }

  /** A node reports a replica of a chunk no file references (yet, as far as this master knows). */
  synchronized void sawOrphan(ChunkId chunk, NodeId node, Instant now) {
    if (orphanCount >= MAX_ORPHANS) {
      return; // reported again at the node's next registration, once these are collected
    }
    if (orphans.computeIfAbsent(chunk, c -> new HashMap<>()).putIfAbsent(node, now) == null) {
      orphanCount++;
    }
  }

  /**
   * Orphans seen before {@code cutoff}, as (chunk, node) pairs, forgotten here (the caller deletes
   * or keeps them).
   */
  synchronized List<Map.Entry<ChunkId, NodeId>> takeOrphansSeenBefore(Instant cutoff) {
    List<Map.Entry<ChunkId, NodeId>> out = new ArrayList<>();
    for (var chunk : orphans.entrySet()) {
      chunk
          .getValue()
          .entrySet()
          .removeIf(
              e -> {
                if (e.getValue().isBefore(cutoff)) {
                  out.add(Map.entry(chunk.getKey(), e.getKey()));
                  orphanCount--;
                  return true;
                }
                return false;
              });
    }
    orphans.values().removeIf(Map::isEmpty);
    return out;
  }

  synchronized int orphanCount() {
    return orphanCount;
  }

  synchronized void upsertNode(NodeState node) {
    nodes.put(node.id(), node);
  }

  /** A full registration: the node's replicas are about to be reported afresh. */
  synchronized void registered(NodeState node) {
    nodes.put(node.id(), node);
    pruned.remove(node.id());
    forgetReplicasOf(node.id());
    // A (re)started node lost whatever copy it was making: order those again.
    copiesInFlight.values().removeIf(c -> c.target().equals(node.id()));
  }

  /** A node's latest cumulative chunk bytes {read, written}, from its heartbeat (ADR 0023). */
  synchronized void reportedIo(NodeId node, long readBytes, long writtenBytes) {
    io.put(node, new long[] {readBytes, writtenBytes});
  }

  synchronized long[] io(NodeId node) {
    return io.getOrDefault(node, new long[2]).clone();
  }

  synchronized Optional<NodeState> node(NodeId id) {
    return Optional.ofNullable(nodes.get(id));
  }

  synchronized List<NodeState> nodes() {
    return List.copyOf(nodes.values());
  }

  synchronized boolean isPruned(NodeId id) {
    return pruned.contains(id);
  }

  synchronized int liveNodes(Instant now, Duration deadAfter) {
    return (int)
        nodes.values().stream().filter(n -> n.health(now, deadAfter) == NodeHealth.LIVE).count();
  }

  synchronized AdminState adminState(NodeId id) {
    return adminStates.getOrDefault(id, AdminState.IN_SERVICE);
  }

  synchronized void setAdminState(NodeId id, AdminState state) {
    if (state == AdminState.IN_SERVICE) {
      adminStates.remove(id);
    } else {
      adminStates.put(id, state);
    }
  }

  /**
   * The recorded decommission orders: those nodes are decommissioning unless already done; a node
   * whose order was taken back is in service again.
   */
  synchronized void syncDecommissions(Set<NodeId> ordered) {
    adminStates.keySet().retainAll(ordered);
    for (NodeId id : ordered) {
      adminStates.putIfAbsent(id, AdminState.DECOMMISSIONING);
    }
  }

  /** Nodes that take no new replicas: decommissioning or decommissioned. */
  synchronized Set<NodeId> retiring() {
    return Set.copyOf(adminStates.keySet());
  }

  /**
   * Promises {@code bytes} on each node to {@code chunk} being written, until its replica there is
   * committed.
   */
  synchronized void reserveFor(ChunkId chunk, List<NodeId> ids, long bytes, Instant now) {
    for (NodeId id : ids) {
      reservations
          .computeIfAbsent(id, n -> new HashMap<>())
          .put(chunk, new Reservation(bytes, now));
    }
  }

  /**
   * The nodes as placement should see them: the heartbeat's used space plus what is promised to
   * chunks still being written. Lapsed promises are dropped here.
   */
  synchronized List<NodeState> nodesWithReservations(Instant now) {
    Instant lapsed = now.minus(RESERVATION_TTL);
    List<NodeState> out = new ArrayList<>(nodes.size());
    for (NodeState n : nodes.values()) {
      Map<ChunkId, Reservation> promised = reservations.get(n.id());
      long reserved = 0;
      if (promised != null) {
        promised.values().removeIf(r -> r.since().isBefore(lapsed));
        for (Reservation r : promised.values()) {
          reserved += r.bytes();
        }
      }
      out.add(
          reserved == 0
              ? n
              : new NodeState(
                  n.id(),
                  n.address(),
                  n.capacityBytes(),
                  n.usedBytes() + reserved,
                  n.lastHeartbeat()));
    }
    return out;
  }

  /** What is promised on {@code node} to chunks being written (tests, reports). */
  synchronized long reservedOn(NodeId node) {
    return reservations.getOrDefault(node, Map.of()).values().stream()
        .mapToLong(Reservation::bytes)
        .sum();
  }

  /**
   * A replica arrived: its promise ends, and its real length counts as used until the node's next
   * heartbeat, which measures it.
   */
  private void settleReservation(ChunkId chunk, NodeId node, long length) {
    Map<ChunkId, Reservation> promised = reservations.get(node);
    if (promised == null || promised.remove(chunk) == null) {
      return;
    }
    NodeState n = nodes.get(node);
    if (n != null) {
      nodes.put(
          node,
          new NodeState(
              n.id(), n.address(), n.capacityBytes(), n.usedBytes() + length, n.lastHeartbeat()));
    }
  }

  /**
   * Counts {@code bytes} as used on each node until its next heartbeat says otherwise (copies being
   * made).
   */
  synchronized void reserve(List<NodeId> ids, long bytes) {
    for (NodeId id : ids) {
      NodeState n = nodes.get(id);
      if (n != null) {
        nodes.put(
            id,
            new NodeState(
                n.id(), n.address(), n.capacityBytes(), n.usedBytes() + bytes, n.lastHeartbeat()));
      }
    }
  }

  /** Records a reported replica; returns whether it completes a copy ordered to its node. */
  synchronized boolean addReplica(ChunkId chunk, Replica replica) {
    // A corrupt mark stays: a late report of the same replica (the incremental report of its
    // commit)
    // must not clear it. The mark goes with the replica's deletion (removeReplica).
    Map<NodeId, Replica> held = replicas.computeIfAbsent(chunk, c -> new HashMap<>());
    Replica known = held.get(replica.node());
    // A late report (a heartbeat sent before a newer commit reached this master) must not roll the
    // record back: a node's versions only grow, so the newer record is the truth.
    if (known == null || known.version().compareTo(replica.version()) <= 0) {
      held.put(replica.node(), replica);
      settleReservation(chunk, replica.node(), replica.length());
    }
    PendingCopy copy = copiesInFlight.get(chunk);
    boolean copied = copy != null && copy.target().equals(replica.node());
    if (copied) {
      copiesInFlight.remove(chunk);
    }
    return copied;
  }

  synchronized void removeReplica(ChunkId chunk, NodeId node) {
    Map<NodeId, Replica> map = replicas.get(chunk);
    if (map != null) {
      map.remove(node);
      if (map.isEmpty()) {
        replicas.remove(chunk);
      }
    }
    Set<NodeId> bad = corrupt.get(chunk);
    if (bad != null && bad.remove(node) && bad.isEmpty()) {
      corrupt.remove(chunk);
    }
  }

  /** Drops every replica a node reported before, ahead of its fresh full report. */
  synchronized void forgetReplicasOf(NodeId node) {
    orphans
        .values()
        .forEach(
            m -> {
              if (m.remove(node) != null) {
                orphanCount--;
              }
            });
    orphans.values().removeIf(Map::isEmpty);
    replicas.values().forEach(m -> m.remove(node));
    replicas.values().removeIf(Map::isEmpty);
    corrupt.values().forEach(s -> s.remove(node));
    corrupt.values().removeIf(Set::isEmpty);
  }

  /**
   * Dead-replica pruning: forgets the replicas of nodes dead for longer than {@code deadAfter}, so
   * they are neither handed out nor counted; such a node must register again with a full report.
   * Returns the nodes pruned now.
   */
  synchronized List<NodeId> pruneDead(Instant now, Duration deadAfter) {
    List<NodeId> out = new ArrayList<>();
    for (NodeState n : nodes.values()) {
      if (n.health(now, deadAfter) == NodeHealth.DEAD && pruned.add(n.id())) {
        forgetReplicasOf(n.id());
        pendingDeletes.remove(n.id());
        pendingOrders.remove(n.id());
        // A node away this long is asked again if it returns with the replicas (queued or orphan).
        awaitingDeletion.values().forEach(m -> m.remove(n.id()));
        awaitingDeletion.values().removeIf(Map::isEmpty);
        copiesInFlight.values().removeIf(c -> c.target().equals(n.id())); // ordered again elsewhere
        out.add(n.id());
      }
    }
    return out;
  }

  /**
   * A replica a reader or the node's scrubber reported corrupt: handed to readers only after every
   * other replica, replaced by the healing loop, and deleted only once enough good copies exist.
   */
  synchronized void markCorrupt(ChunkId chunk, NodeId node) {
    Map<NodeId, Replica> map = replicas.get(chunk);
    if (map != null && map.containsKey(node)) {
      corrupt.computeIfAbsent(chunk, c -> new HashSet<>()).add(node);
    }
  }

  synchronized boolean isCorrupt(ChunkId chunk, NodeId node) {
    return corrupt.getOrDefault(chunk, Set.of()).contains(node);
  }

  synchronized List<Replica> replicasOf(ChunkId chunk) {
    return List.copyOf(replicas.getOrDefault(chunk, Map.of()).values());
  }

  /** Every chunk some node reports, with its replicas (for orphan detection). */
  synchronized Set<ChunkId> reportedChunks() {
    return Set.copyOf(replicas.keySet());
  }

  /**
   * Live, uncorrupted replicas holding exactly {@code version}, as locations (addresses from the
   * registry).
   */
  synchronized List<NodeLocation> readableReplicas(
      ChunkId chunk, ChunkVersion version, Instant now, Duration deadAfter) {
    Map<NodeId, Replica> map = replicas.getOrDefault(chunk, Map.of());
    Set<NodeId> bad = corrupt.getOrDefault(chunk, Set.of());
    List<NodeLocation> out = new ArrayList<>(map.size());
    List<NodeLocation> marked = new ArrayList<>();
    for (Replica r : map.values()) {
      NodeState n = nodes.get(r.node());
      if (n != null && r.version().equals(version) && n.health(now, deadAfter) == NodeHealth.LIVE) {
        (bad.contains(r.node()) ? marked : out).add(new NodeLocation(n.id(), n.address()));
      }
    }
    out.sort((a, b) -> a.id().compareTo(b.id()));
    if (!out.isEmpty()) {
      // Spread readers over replicas: rotate the order by chunk id.
      Collections.rotate(out, (int) (chunk.value() % out.size()));
    }
    // Replicas on nodes being retired come last: read from them only when nothing else answers.
    out.sort(Comparator.comparing((NodeLocation l) -> adminStates.containsKey(l.id())));
    // Replicas reported corrupt come after all others. Readers check every block's CRC32C, so one
    // that is really corrupt yields an error, never bytes; one reported falsely (any client may
    // report) still serves its file.
    marked.sort((a, b) -> a.id().compareTo(b.id()));
    out.addAll(marked);
    return out;
  }

  /** Live replicas holding exactly {@code version}, with the lengths they reported. */
  synchronized List<Replica> replicasAt(
      ChunkId chunk, ChunkVersion version, Instant now, Duration deadAfter) {
    List<Replica> out = new ArrayList<>();
    for (Replica r : replicas.getOrDefault(chunk, Map.of()).values()) {
      NodeState n = nodes.get(r.node());
      if (n != null && r.version().equals(version) && n.health(now, deadAfter) == NodeHealth.LIVE) {
        out.add(r);
      }
    }
    return out;
  }

  /**
   * Removes a released chunk and tells every node that held it to delete it (at its next
   * heartbeat). The nodes stay awaited until they report the deletion; the deletion loop asks
   * again, with backoff, those that did not.
   */
  synchronized void release(ChunkId chunk, Instant now) {
    Map<NodeId, Replica> map = replicas.remove(chunk);
    corrupt.remove(chunk);
    copiesInFlight.remove(chunk);
    if (map != null) {
      for (NodeId node : map.keySet()) {
        pendingDeletes.computeIfAbsent(node, n -> new LinkedHashSet<>()).add(chunk);
        awaitDeletion(chunk, node, now);
      }
    }
  }

  /** A deletion asked of {@code node}: when to ask again, and how many times it was asked. */
  record DeletionAttempt(int attempts, Instant retryAt) {}

  private final Map<ChunkId, Map<NodeId, DeletionAttempt>> awaitingDeletion = new HashMap<>();

  /** First retry after this; doubles up to {@link #MAX_BACKOFF}. */
  static final Duration FIRST_BACKOFF = Duration.ofSeconds(5);

  static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

  /**
   * {@code node} holds a replica of a chunk in the deletion queue (told now, or reported by the
   * node).
   */
  synchronized void awaitDeletion(ChunkId chunk, NodeId node, Instant now) {
    awaitingDeletion
        .computeIfAbsent(chunk, c -> new HashMap<>())
        .putIfAbsent(node, new DeletionAttempt(1, now.plus(FIRST_BACKOFF)));
  }

  /** The node reported the replica deleted. */
  synchronized void deletionDone(ChunkId chunk, NodeId node) {
    Map<NodeId, DeletionAttempt> nodes = awaitingDeletion.get(chunk);
    if (nodes != null && nodes.remove(node) != null && nodes.isEmpty()) {
      awaitingDeletion.remove(chunk);
    }
  }

  /**
   * For a queued chunk: asks again the nodes whose retry time passed (backoff doubling), and says
   * whether any node is still awaited. Live-ness is the caller's concern: dead nodes are pruned.
   */
  synchronized boolean retryDeletion(ChunkId chunk, Instant now) {
    Map<NodeId, DeletionAttempt> nodes = awaitingDeletion.get(chunk);
    if (nodes == null || nodes.isEmpty()) {
      awaitingDeletion.remove(chunk);
      return false;
    }
    for (var e : nodes.entrySet()) {
      DeletionAttempt a = e.getValue();
      if (!now.isBefore(a.retryAt())) {
        scheduleDelete(e.getKey(), chunk);
        Duration backoff = FIRST_BACKOFF.multipliedBy(1L << Math.min(a.attempts(), 6));
        e.setValue(
            new DeletionAttempt(
                a.attempts() + 1,
                now.plus(backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff)));
      }
    }
    return true;
  }

  /** Deletes one replica: forgotten now, and the node is told at its next heartbeat. */
  synchronized void deleteReplica(ChunkId chunk, NodeId node) {
    removeReplica(chunk, node);
    scheduleDelete(node, chunk);
  }

  synchronized void scheduleDelete(NodeId node, ChunkId chunk) {
    pendingDeletes.computeIfAbsent(node, n -> new LinkedHashSet<>()).add(chunk);
  }

  synchronized List<ChunkId> drainDeletes(NodeId node, int max) {
    Set<ChunkId> set = pendingDeletes.get(node);
    if (set == null) {
      return List.of();
    }
    List<ChunkId> out = new ArrayList<>(Math.min(max, set.size()));
    var it = set.iterator();
    while (it.hasNext() && out.size() < max) {
      out.add(it.next());
      it.remove();
    }
    return out;
  }

  /**
   * Hands {@code order} to {@code target} at its next heartbeat and remembers it until the copy
   * arrives or expires.
   */
  synchronized void orderCopy(NodeId target, ReplicationOrder order, Instant deadline) {
    pendingOrders.computeIfAbsent(target, n -> new ArrayList<>()).add(order);
    copiesInFlight.put(order.chunk(), new PendingCopy(target, deadline));
  }

  synchronized List<ReplicationOrder> drainOrders(NodeId node) {
    List<ReplicationOrder> out = pendingOrders.remove(node);
    return out == null ? List.of() : out;
  }

  /**
   * The copy in flight for {@code chunk}, dropping it once its deadline passed (it will be ordered
   * again).
   */
  synchronized Optional<PendingCopy> copyInFlight(ChunkId chunk, Instant now) {
    PendingCopy copy = copiesInFlight.get(chunk);
    if (copy != null && now.isAfter(copy.deadline())) {
      copiesInFlight.remove(chunk);
      return Optional.empty();
    }
    return Optional.ofNullable(copy);
  }

  /** The target could not make the copy (its source failed): order it again at the next round. */
  synchronized void copyFailed(ChunkId chunk, NodeId target) {
    PendingCopy copy = copiesInFlight.get(chunk);
    if (copy != null && copy.target().equals(target)) {
      copiesInFlight.remove(chunk);
    }
  }

  /** Replica copies ordered and not reported done yet. */
  synchronized int copiesInFlight() {
    return copiesInFlight.size();
  }

  /**
   * Replica deletions queued for a node's next heartbeat, plus those sent and not confirmed: the
   * deletion backlog.
   */
  synchronized int deletionBacklog() {
    int backlog = 0;
    for (Set<ChunkId> queued : pendingDeletes.values()) {
      backlog += queued.size();
    }
    for (Map<NodeId, DeletionAttempt> asked : awaitingDeletion.values()) {
      backlog += asked.size();
    }
    return backlog;
  }

  synchronized int copiesInFlightTo(NodeId target) {
    return (int) copiesInFlight.values().stream().filter(c -> c.target().equals(target)).count();
  }
}
