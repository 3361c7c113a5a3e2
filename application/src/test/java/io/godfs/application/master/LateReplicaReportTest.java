package io.godfs.application.master;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.node.NodeId;
import org.junit.jupiter.api.Test;

/**
 * A heartbeat drained before a newer commit may reach the master after it: the master's record of a
 * replica never goes back to an older version, or a replica that holds the committed version would
 * look stale and be deleted.
 */
class LateReplicaReportTest {
  @Test
  void aLateReportOfAnOlderVersionLeavesTheNewerRecord() {
    ClusterState cluster = new ClusterState();
    ChunkId chunk = new ChunkId(7);
    NodeId node = new NodeId("chunk-2");
    cluster.addReplica(chunk, new ClusterState.Replica(node, new ChunkVersion(87), 4096));

    cluster.addReplica(
        chunk, new ClusterState.Replica(node, new ChunkVersion(86), 4000)); // the late heartbeat

    assertThat(cluster.replicasOf(chunk))
        .singleElement()
        .satisfies(r -> assertThat(r.version()).isEqualTo(new ChunkVersion(87)))
        .satisfies(r -> assertThat(r.length()).isEqualTo(4096));
    cluster.addReplica(chunk, new ClusterState.Replica(node, new ChunkVersion(88), 8192));
    assertThat(cluster.replicasOf(chunk).getFirst().version()).isEqualTo(new ChunkVersion(88));
  }
}
