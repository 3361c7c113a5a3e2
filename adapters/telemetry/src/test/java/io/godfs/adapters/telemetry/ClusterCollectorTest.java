package io.godfs.adapters.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.port.in.ClusterFigures;
import io.godfs.domain.node.AdminState;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The leader's figures as the families a scrape shows; a follower's scrape has none of them. */
class ClusterCollectorTest {
  @Test
  void aLeadersFiguresAreGaugesReadAtEachScrape() throws IOException {
    ClusterFigures figures =
        new ClusterFigures(
            List.of(
                new ClusterFigures.NodeFigures("cs-1", true, AdminState.IN_SERVICE, 1000, 250),
                new ClusterFigures.NodeFigures("cs-2", false, AdminState.DECOMMISSIONING, 2000, 0)),
            false,
            new ClusterFigures.Census(Instant.ofEpochSecond(1_700_000_000), 40, 3, 1, 2, 5),
            4,
            7,
            123_456,
            789);
    AtomicReference<Optional<ClusterFigures>> now = new AtomicReference<>(Optional.of(figures));
    NodeMetrics metrics = NodeMetrics.of("v", "master", "m0");
    metrics.watchCluster(now::get);

    String text = Scrape.text(metrics);

    assertThat(text)
        .contains("godfs_chunk_nodes_alive 1.0")
        .contains("godfs_chunk_nodes_dead 1.0")
        .contains("godfs_chunk_nodes_decommissioning 1.0")
        .contains("godfs_node_live{node=\"cs-2\"} 0.0")
        .contains("godfs_node_capacity_bytes{node=\"cs-1\"} 1000.0")
        .contains("godfs_node_used_bytes{node=\"cs-1\"} 250.0")
        .contains("godfs_metadata_chunks 40.0")
        .contains("godfs_data_under_replicated_chunks 3.0")
        .contains("godfs_data_unrepairable_chunks 1.0")
        .contains("godfs_data_corrupt_replicas 2.0")
        .contains("godfs_data_stale_replicas 5.0")
        .contains("godfs_maint_inflight_copies 4.0")
        .contains("godfs_data_pending_deletes 7.0")
        .contains("godfs_master_safe_mode 0.0")
        .contains("godfs_healing_census_timestamp_seconds 1.7E9")
        .contains("# TYPE godfs_cluster_read_bytes_total counter")
        .contains("godfs_cluster_read_bytes_total 123456.0")
        .contains("godfs_cluster_written_bytes_total 789.0");

    now.set(Optional.empty()); // it became a follower
    assertThat(Scrape.text(metrics))
        .doesNotContain("godfs_chunk_nodes_alive")
        .contains("godfs_build_info");
  }
}
