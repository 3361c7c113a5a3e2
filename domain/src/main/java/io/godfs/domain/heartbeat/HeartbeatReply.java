package io.godfs.domain.heartbeat;

import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ReplicationOrder;
import java.util.List;

/** The master's answer to a heartbeat: register again, replicas to delete, copies to make. */
public record HeartbeatReply(
    boolean reregister, List<ChunkId> deleteChunks, List<ReplicationOrder> copies) {
  public HeartbeatReply {
    deleteChunks = List.copyOf(deleteChunks);
    copies = List.copyOf(copies);
  }

  public HeartbeatReply(boolean reregister, List<ChunkId> deleteChunks) {
    this(reregister, deleteChunks, List.of());
  }
}
