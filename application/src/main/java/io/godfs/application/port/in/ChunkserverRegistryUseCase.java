package io.godfs.application.port.in;

import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ReplicationOrder;
import io.godfs.domain.chunk.StoredChunk;
import io.godfs.domain.node.ClusterInfo;
import io.godfs.domain.node.NodeAddress;
import io.godfs.domain.node.NodeId;
import java.time.Duration;
import java.util.List;

/** Chunkserver membership on the master: soft state, never written to the metadata store. */
public interface ChunkserverRegistryUseCase {
  /**
   * The most replicas one call may list (a registration's first page, or any list of a heartbeat).
   * A node with more sends its full report in pages: the rest as heartbeats' {@code stored}. Bounds
   * what one call, honest or not, makes the master hold (HDFS splits block reports likewise).
   */
  int MAX_CHUNKS_PER_REPORT = 10_000;

  /** Refuses a report list longer than {@link #MAX_CHUNKS_PER_REPORT}, naming the field and the bound. */
  static void atMostOnePage(String field, int entries) {
    if (entries > MAX_CHUNKS_PER_REPORT) {
      throw new IllegalArgumentException(field + " : " + entries + " entries (expected: at most "
          + MAX_CHUNKS_PER_REPORT + " per call; a full report goes in pages)");
    }
  }

  /** Registers (or re-registers) a node with its full chunk report; returns the heartbeat interval. */
  Duration register(NodeId node, NodeAddress address, long capacityBytes, long usedBytes, List<StoredChunk> chunks);

  /** A heartbeat with only usage and newly stored replicas. */
  default Heartbeat heartbeat(NodeId node, long capacityBytes, long usedBytes, long chunkCount, List<StoredChunk> stored) {
    return heartbeat(
        new HeartbeatReport(node, capacityBytes, usedBytes, chunkCount, stored, List.of(), List.of(), List.of()));
  }

  /**
   * A heartbeat, with what changed on the node since its last one (an incremental report): how the
   * master learns of writes whose client died before telling it, of copies and deletions done, and
   * of replicas the node's scrubber found corrupt.
   */
  Heartbeat heartbeat(HeartbeatReport report);

  ClusterInfo clusterInfo();

  /** {@code stored}: replicas committed since the last heartbeat; {@code deleted}: replicas removed; {@code corrupt}: replicas found corrupt. */
  record HeartbeatReport(NodeId node, long capacityBytes, long usedBytes, long chunkCount, List<StoredChunk> stored,
      List<ChunkId> deleted, List<ChunkId> corrupt, List<ChunkId> failedCopies) {
    public HeartbeatReport {
      atMostOnePage("stored", stored.size());
      atMostOnePage("deleted", deleted.size());
      atMostOnePage("corrupt", corrupt.size());
      atMostOnePage("failedCopies", failedCopies.size());
      stored = List.copyOf(stored);
      deleted = List.copyOf(deleted);
      corrupt = List.copyOf(corrupt);
      failedCopies = List.copyOf(failedCopies);
    }
  }

  /** The master's answer to a heartbeat: register again, replicas to delete, copies to make. */
  record Heartbeat(boolean reregister, List<ChunkId> deleteChunks, List<ReplicationOrder> copies) {
    public Heartbeat {
      deleteChunks = List.copyOf(deleteChunks);
      copies = List.copyOf(copies);
    }
  }
}
