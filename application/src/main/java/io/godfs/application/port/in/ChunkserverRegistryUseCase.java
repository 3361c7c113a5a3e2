package io.godfs.application.port.in;

import io.godfs.domain.access.Caller;
import io.godfs.domain.chunk.ChunkAccessKey;
import io.godfs.domain.chunk.StoredChunk;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.heartbeat.HeartbeatReply;
import io.godfs.domain.heartbeat.NodeHeartbeat;
import io.godfs.domain.node.ClusterInfo;
import io.godfs.domain.node.NodeAddress;
import io.godfs.domain.node.NodeId;
import java.time.Duration;
import java.util.List;

/** Chunkserver membership on the master: soft state, never written to the metadata store. */
public interface ChunkserverRegistryUseCase {
  /**
   * Registers (or re-registers) a node with its full chunk report; returns the heartbeat interval.
   * PERMISSION_DENIED unless the caller may act as that node.
   */
  Outcome<Duration> register(
      Caller caller,
      NodeId node,
      NodeAddress address,
      long capacityBytes,
      long usedBytes,
      List<StoredChunk> chunks);

  /** A heartbeat with only usage and newly stored replicas. */
  default Outcome<HeartbeatReply> heartbeat(
      Caller caller,
      NodeId node,
      long capacityBytes,
      long usedBytes,
      long chunkCount,
      List<StoredChunk> stored) {
    return heartbeat(
        caller, NodeHeartbeat.usage(node, capacityBytes, usedBytes, chunkCount, stored));
  }

  /**
   * A heartbeat, with what changed on the node since its last one (an incremental report): how the
   * master learns of writes whose client died before telling it, of copies and deletions done, and
   * of replicas the node's scrubber found corrupt.
   */
  Outcome<HeartbeatReply> heartbeat(Caller caller, NodeHeartbeat report);

  ClusterInfo clusterInfo(Caller caller);

  /**
   * The keys that sign chunk access tokens, sent to chunkservers with every register and heartbeat
   * reply (ADR 0022): empty unless the master issues tokens and the caller is a node identity.
   */
  default List<ChunkAccessKey> accessKeys(Caller caller) {
    return List.of();
  }
}
