package io.godfs.application.port.in;

import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.StoredChunk;
import io.godfs.domain.node.ClusterInfo;
import io.godfs.domain.node.NodeAddress;
import io.godfs.domain.node.NodeId;
import java.time.Duration;
import java.util.List;

/** Chunkserver membership on the master: soft state, never written to the metadata store. */
public interface ChunkserverRegistryUseCase {

  /** Registers (or re-registers) a node with its full chunk report; returns the heartbeat interval. */
  Duration register(NodeId node, NodeAddress address, long capacityBytes, long usedBytes, List<StoredChunk> chunks);

  /**
   * A heartbeat, with the replicas the node committed since its last one ({@code stored}, an
   * incremental report): how the master learns of writes whose client died before telling it.
   */
  Heartbeat heartbeat(NodeId node, long capacityBytes, long usedBytes, long chunkCount, List<StoredChunk> stored);

  ClusterInfo clusterInfo();

  /** The master's answer to a heartbeat. */
  record Heartbeat(boolean reregister, List<ChunkId> deleteChunks) {
    public Heartbeat {
      deleteChunks = List.copyOf(deleteChunks);
    }
  }
}
