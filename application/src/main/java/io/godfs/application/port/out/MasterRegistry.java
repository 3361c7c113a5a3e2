package io.godfs.application.port.out;

import io.godfs.domain.chunk.StoredChunk;
import io.godfs.domain.heartbeat.HeartbeatReply;
import io.godfs.domain.heartbeat.NodeHeartbeat;
import io.godfs.domain.node.NodeAddress;
import io.godfs.domain.node.NodeId;
import java.time.Duration;
import java.util.List;

/** The master as a chunkserver sees it. Methods throw DfsException UNAVAILABLE when unreachable. */
public interface MasterRegistry extends AutoCloseable {

  /** Registers with a full chunk report; returns the heartbeat interval the master wants. */
  Duration register(
      NodeId node,
      NodeAddress address,
      long capacityBytes,
      long usedBytes,
      List<StoredChunk> chunks);

  /**
   * {@code stored}: replicas committed since the last successful heartbeat (incremental report).
   */
  default HeartbeatReply heartbeat(
      NodeId node, long capacityBytes, long usedBytes, long chunkCount, List<StoredChunk> stored) {
    return heartbeat(NodeHeartbeat.usage(node, capacityBytes, usedBytes, chunkCount, stored));
  }

  HeartbeatReply heartbeat(NodeHeartbeat beat);

  @Override
  void close();
}
