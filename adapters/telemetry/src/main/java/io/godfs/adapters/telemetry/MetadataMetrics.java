package io.godfs.adapters.telemetry;

import io.godfs.application.port.out.MetadataMeter;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * A replicated metadata store's commits (ADR 0023): {@code godfs_raft_group_commit_batch_size}
 * (mutations per log entry) and {@code godfs_raft_commit_seconds} (a mutation's time from submit to
 * result: replication, quorum, apply).
 */
final class MetadataMetrics implements MetadataMeter {
  static final String BATCH_SIZE = "godfs_raft_group_commit_batch_size";
  static final String COMMIT_SECONDS = "godfs_raft_commit_seconds";

  /** Mutations per log entry; a group-commit batch holds at most 512. */
  static final double[] BATCH_BUCKETS = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512};

  private final DistributionDataPoint batchSize;
  private final DistributionDataPoint commitSeconds;

  MetadataMetrics(PrometheusRegistry registry) {
    batchSize =
        Histogram.builder()
            .name(BATCH_SIZE)
            .help("metadata mutations per Raft log entry (group commit)")
            .classicOnly()
            .classicUpperBounds(BATCH_BUCKETS)
            .register(registry);
    commitSeconds =
        Histogram.builder()
            .name(COMMIT_SECONDS)
            .help("time from a metadata mutation's submit to its result (replicated and applied)")
            .classicOnly()
            .classicUpperBounds(RpcMetrics.LATENCY_BUCKETS)
            .register(registry);
  }

  @Override
  public void batchSent(int mutations) {
    batchSize.observe(mutations);
  }

  @Override
  public void committed(long nanos) {
    commitSeconds.observe(nanos / 1e9);
  }
}
