package io.godfs.domain.heartbeat;

import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.StoredChunk;
import io.godfs.domain.node.NodeId;
import java.util.List;

/**
 * What a chunkserver tells the master in a heartbeat: its usage, and what changed on it since its
 * last successful heartbeat (an incremental report): replicas committed ({@code stored}), deleted,
 * found corrupt by the scrubber, and ordered copies that failed. The same record on the
 * chunkserver's side (out-port) and the master's (in-port). {@code readBytes} and {@code
 * writtenBytes} are the node's cumulative chunk bytes served and written since it started (the
 * cluster's throughput, ADR 0023; soft state like the rest).
 */
public record NodeHeartbeat(
    NodeId node,
    long capacityBytes,
    long usedBytes,
    long chunkCount,
    List<StoredChunk> stored,
    List<ChunkId> deleted,
    List<ChunkId> corrupt,
    List<ChunkId> failedCopies,
    long readBytes,
    long writtenBytes) {
  /**
   * The most replicas one call may list (a registration's first page, or any list of a heartbeat).
   * A node with more sends its full report in pages: the rest as heartbeats' {@code stored}. Bounds
   * what one call, honest or not, makes the master hold (HDFS splits block reports likewise).
   */
  public static final int MAX_CHUNKS_PER_CALL = 10_000;

  public NodeHeartbeat {
    atMostOnePage("stored", stored.size());
    atMostOnePage("deleted", deleted.size());
    atMostOnePage("corrupt", corrupt.size());
    atMostOnePage("failedCopies", failedCopies.size());
    stored = List.copyOf(stored);
    deleted = List.copyOf(deleted);
    corrupt = List.copyOf(corrupt);
    failedCopies = List.copyOf(failedCopies);
  }

  /** A heartbeat that reports no byte counts (0 read, 0 written). */
  public NodeHeartbeat(
      NodeId node,
      long capacityBytes,
      long usedBytes,
      long chunkCount,
      List<StoredChunk> stored,
      List<ChunkId> deleted,
      List<ChunkId> corrupt,
      List<ChunkId> failedCopies) {
    this(node, capacityBytes, usedBytes, chunkCount, stored, deleted, corrupt, failedCopies, 0, 0);
  }

  /** A heartbeat with only usage and newly stored replicas. */
  public static NodeHeartbeat usage(
      NodeId node, long capacityBytes, long usedBytes, long chunkCount, List<StoredChunk> stored) {
    return new NodeHeartbeat(
        node, capacityBytes, usedBytes, chunkCount, stored, List.of(), List.of(), List.of());
  }

  /**
   * Refuses a report list longer than {@link #MAX_CHUNKS_PER_CALL}, naming the field and the bound.
   */
  public static void atMostOnePage(String field, int entries) {
    if (entries > MAX_CHUNKS_PER_CALL) {
      throw new IllegalArgumentException(
          field
              + " : "
              + entries
              + " entries (expected: at most "
              + MAX_CHUNKS_PER_CALL
              + " per call; a full report goes in pages)");
    }
  }
}
