package io.godfs.adapters.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.port.in.ClusterFigures;
import io.godfs.application.port.in.ClusterFiguresUseCase;
import io.godfs.application.port.out.HealingMeter;
import io.godfs.application.port.out.HealingMeter.Action;
import io.godfs.application.port.out.MetadataMeter;
import io.godfs.domain.file.NamespaceFigures;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A master's own families (ADR 0023): group-commit batch sizes and commit times, healing orders by
 * type and the bytes their copies brought, and the leader's namespace counts.
 */
class MasterMetersTest {
  @Test
  void batchSizesAndCommitTimesAreHistograms() throws IOException {
    NodeMetrics metrics = NodeMetrics.of("v", "master", "m0");
    assertThat(Scrape.text(metrics)).doesNotContain("godfs_raft_group_commit_batch_size");
    MetadataMeter meter = metrics.metadata();
    meter.batchSent(1);
    meter.batchSent(3);
    meter.batchSent(300);
    meter.committed(TimeUnit.MILLISECONDS.toNanos(3));

    assertThat(Scrape.text(metrics))
        .contains("# TYPE godfs_raft_group_commit_batch_size histogram")
        .contains("godfs_raft_group_commit_batch_size_bucket{le=\"1.0\"} 1")
        .contains("godfs_raft_group_commit_batch_size_bucket{le=\"2.0\"} 1")
        .contains("godfs_raft_group_commit_batch_size_bucket{le=\"4.0\"} 2")
        .contains("godfs_raft_group_commit_batch_size_bucket{le=\"256.0\"} 2")
        .contains("godfs_raft_group_commit_batch_size_bucket{le=\"512.0\"} 3")
        .contains("godfs_raft_group_commit_batch_size_count 3")
        .contains("godfs_raft_group_commit_batch_size_sum 304.0")
        .contains("godfs_raft_commit_seconds_bucket{le=\"0.0025\"} 0")
        .contains("godfs_raft_commit_seconds_bucket{le=\"0.005\"} 1")
        .contains("godfs_raft_commit_seconds_count 1");
    assertThat(metrics.metadata()).as("registered once").isSameAs(meter);
  }

  @Test
  void healingOrdersAreCountedByTypeFromZeroAndCopiedBytesAddUp() throws IOException {
    NodeMetrics metrics = NodeMetrics.of("v", "master", "m0");
    HealingMeter meter = metrics.healing();
    meter.ordered(Action.REPLICATE);
    meter.ordered(Action.REPLICATE);
    meter.ordered(Action.DELETE_STALE);
    meter.copied(64 << 20);
    meter.copied(100);

    assertThat(Scrape.text(metrics))
        .contains("# TYPE godfs_maint_rebalance_actions_total counter")
        .contains("godfs_maint_rebalance_actions_total{type=\"replicate\"} 2.0")
        .contains("godfs_maint_rebalance_actions_total{type=\"delete_stale\"} 1.0")
        .contains("godfs_maint_rebalance_actions_total{type=\"move\"} 0.0")
        .contains("godfs_maint_rebalance_actions_total{type=\"trim\"} 0.0")
        .contains("godfs_maint_rebalance_actions_total{type=\"delete_corrupt\"} 0.0")
        .contains("godfs_maint_rebalance_actions_total{type=\"delete_orphan\"} 0.0")
        .contains("godfs_maint_rebalance_actions_total{type=\"decommission\"} 0.0")
        .contains("# TYPE godfs_heal_copied_bytes_total counter")
        .contains("godfs_heal_copied_bytes_total " + (double) ((64 << 20) + 100));
  }

  @Test
  void theLeaderExportsItsNamespaceCountsAndAFollowerNone() throws IOException {
    NamespaceFigures[] figures = {new NamespaceFigures(10, 4, 12_345, 3, 300, 2)};
    ClusterFiguresUseCase leader =
        new ClusterFiguresUseCase() {
          @Override
          public Optional<ClusterFigures> figures() {
            return Optional.empty();
          }

          @Override
          public Optional<NamespaceFigures> namespace() {
            return Optional.ofNullable(figures[0]);
          }
        };
    NodeMetrics metrics = NodeMetrics.of("v", "master", "m0");
    metrics.watchNamespace(leader);

    assertThat(Scrape.text(metrics))
        .contains("# TYPE godfs_metadata_files gauge")
        .contains("godfs_metadata_files 10.0")
        .contains("godfs_metadata_dirs 4.0")
        .contains("godfs_metadata_logical_bytes 12345.0")
        .contains("godfs_metadata_inline_files 3.0")
        .contains("godfs_metadata_inline_bytes 300.0")
        .contains("godfs_leases_held 2.0");

    figures[0] = null; // it lost the lead
    assertThat(Scrape.text(metrics))
        .doesNotContain("godfs_metadata_files")
        .doesNotContain("godfs_leases_held");
  }
}
