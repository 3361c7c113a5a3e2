package io.godfs.domain.heartbeat;

import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ReplicationOrder;
import io.godfs.domain.chunk.SignedChunkToken;
import java.util.List;

/**
 * The master's answer to a heartbeat: register again, replicas to delete, copies to make. {@code
 * deleteTokens}: the master's token for each deletion, in the order of {@code deleteChunks}, or
 * empty when it issues none.
 */
public record HeartbeatReply(
    boolean reregister,
    List<ChunkId> deleteChunks,
    List<ReplicationOrder> copies,
    List<SignedChunkToken> deleteTokens) {
  public HeartbeatReply {
    deleteChunks = List.copyOf(deleteChunks);
    copies = List.copyOf(copies);
    deleteTokens = List.copyOf(deleteTokens);
    if (!deleteTokens.isEmpty() && deleteTokens.size() != deleteChunks.size()) {
      throw new IllegalArgumentException(
          deleteTokens.size()
              + " delete tokens for "
              + deleteChunks.size()
              + " deletions (expected: one each, or none)");
    }
  }

  public HeartbeatReply(
      boolean reregister, List<ChunkId> deleteChunks, List<ReplicationOrder> copies) {
    this(reregister, deleteChunks, copies, List.of());
  }

  public HeartbeatReply(boolean reregister, List<ChunkId> deleteChunks) {
    this(reregister, deleteChunks, List.of(), List.of());
  }

  /** The token for deletion {@code i}, or none. */
  public SignedChunkToken deleteToken(int i) {
    return deleteTokens.isEmpty() ? SignedChunkToken.NONE : deleteTokens.get(i);
  }
}
