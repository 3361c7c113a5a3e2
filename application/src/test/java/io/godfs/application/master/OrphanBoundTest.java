package io.godfs.application.master;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.node.NodeId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Replicas of chunks no file references cost the master memory: it remembers a bounded number. */
class OrphanBoundTest {
  @Test
  void orphansPastTheBoundAreNotRememberedAndCollectingThemMakesRoomAgain() {
    ClusterState cluster = new ClusterState();
    NodeId liar = new NodeId("fake-1");
    Instant then = Instant.parse("2026-01-01T00:00:00Z");
    for (long id = 1; id <= ClusterState.MAX_ORPHANS + 5_000L; id++) {
      cluster.sawOrphan(new ChunkId(id), liar, then);
    }
    assertThat(cluster.orphanCount()).isEqualTo(ClusterState.MAX_ORPHANS);

    assertThat(cluster.takeOrphansSeenBefore(then.plusSeconds(1)))
        .hasSize(ClusterState.MAX_ORPHANS);
    assertThat(cluster.orphanCount()).isZero();
    cluster.sawOrphan(new ChunkId(1), liar, then);
    cluster.forgetReplicasOf(liar);
    assertThat(cluster.orphanCount()).isZero();
  }
}
