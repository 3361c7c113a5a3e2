package io.godfs.application.port.out;

import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ReplicationOrder;
import io.godfs.domain.chunk.StoredChunk;
import io.godfs.domain.node.NodeAddress;
import io.godfs.domain.node.NodeId;
import java.time.Duration;
import java.util.List;

/** The master as a chunkserver sees it. Methods throw DfsException UNAVAILABLE when unreachable. */
public interface MasterRegistry extends AutoCloseable {

  /** Registers with a full chunk report; returns the heartbeat interval the master wants. */
  Duration register(NodeId node, NodeAddress address, long capacityBytes, long usedBytes, List<StoredChunk> chunks);

  /** {@code stored}: replicas committed since the last successful heartbeat (incremental report). */
  default HeartbeatReply heartbeat(
      NodeId node, long capacityBytes, long usedBytes, long chunkCount, List<StoredChunk> stored) {
    return heartbeat(new Beat(node, capacityBytes, usedBytes, chunkCount, stored, List.of(), List.of(), List.of()));
  }

  HeartbeatReply heartbeat(Beat beat);

  @Override
  void close();

  /**
   * What changed on the node since its last successful heartbeat: replicas committed ({@code
   * stored}), deleted, found corrupt by the scrubber, and ordered copies that failed.
   */
  record Beat(NodeId node, long capacityBytes, long usedBytes, long chunkCount, List<StoredChunk> stored,
      List<ChunkId> deleted, List<ChunkId> corrupt, List<ChunkId> failedCopies) {
    public Beat {
      stored = List.copyOf(stored);
      deleted = List.copyOf(deleted);
      corrupt = List.copyOf(corrupt);
      failedCopies = List.copyOf(failedCopies);
    }
  }

  /** Register again; replicas to delete; copies to make. */
  record HeartbeatReply(boolean reregister, List<ChunkId> deleteChunks, List<ReplicationOrder> copies) {
    public HeartbeatReply {
      deleteChunks = List.copyOf(deleteChunks);
      copies = List.copyOf(copies);
    }

    public HeartbeatReply(boolean reregister, List<ChunkId> deleteChunks) {
      this(reregister, deleteChunks, List.of());
    }
  }
}
