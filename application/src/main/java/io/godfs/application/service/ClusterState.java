package io.godfs.application.service;

import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.node.NodeHealth;
import io.godfs.domain.node.NodeId;
import io.godfs.domain.node.NodeLocation;
import io.godfs.domain.node.NodeState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The master's soft state: live chunkservers and where each chunk's replicas are, rebuilt from
 * registrations, chunk reports and commits. Never written to the metadata store (GFS/HDFS keep
 * block locations out of the edit log too). Thread-safe through its monitor; every method is short.
 */
final class ClusterState {
  /** A replica as last reported or committed. */
  record Replica(NodeId node, ChunkVersion version, long length) {}

  private final Map<NodeId, NodeState> nodes = new HashMap<>();
  private final Map<ChunkId, Map<NodeId, Replica>> replicas = new HashMap<>();
  private final Map<NodeId, Set<ChunkId>> pendingDeletes = new HashMap<>();

  synchronized void upsertNode(NodeState node) {
    nodes.put(node.id(), node);
  }

  synchronized Optional<NodeState> node(NodeId id) {
    return Optional.ofNullable(nodes.get(id));
  }

  synchronized List<NodeState> nodes() {
    return List.copyOf(nodes.values());
  }

  synchronized int liveNodes(Instant now, Duration deadAfter) {
    return (int) nodes.values().stream().filter(n -> n.health(now, deadAfter) == NodeHealth.LIVE).count();
  }

  /** Counts a chunk's worth of space as used on each node until its next heartbeat says otherwise. */
  synchronized void reserve(List<NodeId> ids, long bytes) {
    for (NodeId id : ids) {
      NodeState n = nodes.get(id);
      if (n != null) {
        nodes.put(id, new NodeState(n.id(), n.address(), n.capacityBytes(), n.usedBytes() + bytes, n.lastHeartbeat()));
      }
    }
  }

  synchronized void addReplica(ChunkId chunk, Replica replica) {
    replicas.computeIfAbsent(chunk, c -> new HashMap<>()).put(replica.node(), replica);
  }

  synchronized void removeReplica(ChunkId chunk, NodeId node) {
    Map<NodeId, Replica> map = replicas.get(chunk);
    if (map != null) {
      map.remove(node);
      if (map.isEmpty()) {
        replicas.remove(chunk);
      }
    }
  }

  /** Drops every replica a node reported before, ahead of its fresh full report. */
  synchronized void forgetReplicasOf(NodeId node) {
    replicas.values().forEach(m -> m.remove(node));
    replicas.values().removeIf(Map::isEmpty);
  }

  /** Live replicas holding exactly {@code version}, as locations (addresses from the registry). */
  synchronized List<NodeLocation> readableReplicas(
      ChunkId chunk, ChunkVersion version, Instant now, Duration deadAfter) {
    Map<NodeId, Replica> map = replicas.getOrDefault(chunk, Map.of());
    List<NodeLocation> out = new ArrayList<>(map.size());
    for (Replica r : map.values()) {
      NodeState n = nodes.get(r.node());
      if (n != null && r.version().equals(version) && n.health(now, deadAfter) == NodeHealth.LIVE) {
        out.add(new NodeLocation(n.id(), n.address()));
      }
    }
    out.sort((a, b) -> a.id().compareTo(b.id()));
    if (!out.isEmpty()) {
      // Spread readers over replicas: rotate the order by chunk id.
      java.util.Collections.rotate(out, (int) (chunk.value() % out.size()));
    }
    return out;
  }

  /** Live replicas holding exactly {@code version}, with the lengths they reported. */
  synchronized List<Replica> replicasAt(ChunkId chunk, ChunkVersion version, Instant now, Duration deadAfter) {
    List<Replica> out = new ArrayList<>();
    for (Replica r : replicas.getOrDefault(chunk, Map.of()).values()) {
      NodeState n = nodes.get(r.node());
      if (n != null && r.version().equals(version) && n.health(now, deadAfter) == NodeHealth.LIVE) {
        out.add(r);
      }
    }
    return out;
  }

  /** Removes a released chunk and queues its deletion on every node that held it. */
  synchronized void release(ChunkId chunk) {
    Map<NodeId, Replica> map = replicas.remove(chunk);
    if (map != null) {
      for (NodeId node : map.keySet()) {
        pendingDeletes.computeIfAbsent(node, n -> new LinkedHashSet<>()).add(chunk);
      }
    }
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
}
