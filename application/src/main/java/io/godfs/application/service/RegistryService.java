package io.godfs.application.service;

import io.godfs.application.port.in.ChunkserverRegistryUseCase;
import io.godfs.application.port.out.MetadataStore;
import io.godfs.domain.chunk.StoredChunk;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.ChunkOwner;
import io.godfs.domain.file.NamespaceQuery;
import io.godfs.domain.node.ClusterInfo;
import io.godfs.domain.node.NodeAddress;
import io.godfs.domain.node.NodeId;
import io.godfs.domain.node.NodeState;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/** Chunkserver registration, heartbeats and chunk reports: soft state only. */
final class RegistryService implements ChunkserverRegistryUseCase {
  /** Deletions handed out per heartbeat, so one reply stays small. */
  private static final int DELETES_PER_HEARTBEAT = 1000;

  private final MetadataStore store;
  private final ClusterState cluster;
  private final InstantSource clock;
  private final MasterSettings settings;

  RegistryService(MetadataStore store, ClusterState cluster, InstantSource clock, MasterSettings settings) {
    this.store = store;
    this.cluster = cluster;
    this.clock = clock;
    this.settings = settings;
  }

  @Override
  public Duration register(NodeId node, NodeAddress address, long capacityBytes, long usedBytes, List<StoredChunk> chunks) {
    cluster.upsertNode(new NodeState(node, address, capacityBytes, usedBytes, clock.instant()));
    cluster.forgetReplicasOf(node);
    addReplicas(node, chunks);
    return settings.heartbeatInterval();
  }

  private void addReplicas(NodeId node, List<StoredChunk> chunks) {
    for (StoredChunk chunk : chunks) {
      Outcome<ChunkOwner> owner = store.query(new NamespaceQuery.OwnerOfChunk(chunk.id()));
      if (owner instanceof Outcome.Ok<ChunkOwner>) {
        cluster.addReplica(chunk.id(), new ClusterState.Replica(node, chunk.version(), chunk.length()));
      }
      // A chunk no file references is an orphan; it is left alone here: collecting orphans safely
      // needs a safe mode and a grace period (see the self-healing work), not a registration.
    }
  }

  @Override
  public Heartbeat heartbeat(
      NodeId node, long capacityBytes, long usedBytes, long chunkCount, List<StoredChunk> stored) {
    Instant now = clock.instant();
    Optional<NodeState> known = cluster.node(node);
    if (known.isEmpty()) {
      return new Heartbeat(true, List.of());
    }
    cluster.upsertNode(known.get().heartbeat(capacityBytes, usedBytes, now));
    addReplicas(node, stored);
    return new Heartbeat(false, cluster.drainDeletes(node, DELETES_PER_HEARTBEAT));
  }

  @Override
  public ClusterInfo clusterInfo() {
    return new ClusterInfo(settings.defaultChunkSize(), settings.defaultReplication(),
        cluster.liveNodes(clock.instant(), settings.deadAfter()));
  }
}
