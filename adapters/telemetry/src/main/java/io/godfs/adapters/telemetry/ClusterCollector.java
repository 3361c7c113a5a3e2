package io.godfs.adapters.telemetry;

import io.godfs.application.port.in.ClusterFigures;
import io.godfs.application.port.in.ClusterFiguresUseCase;
import io.godfs.domain.node.AdminState;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The leader's cluster figures as gauges, read at scrape time in one snapshot (ADR 0023): nodes by
 * health and admin state, each node's space, the healing census, the copy and deletion queues and
 * safe mode. A follower has no figures and exports none of these families (rules take the {@code
 * max} over masters).
 */
final class ClusterCollector implements MultiCollector {
  private final ClusterFiguresUseCase source;

  ClusterCollector(ClusterFiguresUseCase source) {
    this.source = source;
  }

  /** One gauge without labels: its name, help and how to read it from the figures. */
  private record Scalar(String name, String help, Function<ClusterFigures, Double> value) {}

  private static final List<Scalar> SCALARS =
      List.of(
          new Scalar(
              "godfs_chunk_nodes_alive",
              "chunkservers heartbeating within the dead-after interval",
              f -> (double) f.nodes().stream().filter(ClusterFigures.NodeFigures::live).count()),
          new Scalar(
              "godfs_chunk_nodes_dead",
              "chunkservers silent for longer than the dead-after interval",
              f -> (double) f.nodes().stream().filter(n -> !n.live()).count()),
          new Scalar(
              "godfs_chunk_nodes_decommissioning",
              "chunkservers whose replicas are being copied away",
              f ->
                  (double)
                      f.nodes().stream()
                          .filter(n -> n.adminState() == AdminState.DECOMMISSIONING)
                          .count()),
          new Scalar(
              "godfs_metadata_chunks",
              "chunks the last healing round examined (those being written left out)",
              f -> (double) f.census().chunks()),
          new Scalar(
              "godfs_data_under_replicated_chunks",
              "chunks with fewer good replicas than wanted and at least one to copy from",
              f -> (double) f.census().underReplicated()),
          new Scalar(
              "godfs_data_unrepairable_chunks",
              "chunks with no good replica anywhere: missing until a node returns",
              f -> (double) f.census().missing()),
          new Scalar(
              "godfs_data_corrupt_replicas",
              "replicas marked corrupt by readers or scrubbers",
              f -> (double) f.census().corruptReplicas()),
          new Scalar(
              "godfs_data_stale_replicas",
              "replicas of an older version or shorter than committed, found by the last round",
              f -> (double) f.census().staleReplicas()),
          new Scalar(
              "godfs_maint_rebalance_queue_depth",
              "the healing queue: chunks waiting for a copy",
              f -> (double) f.census().underReplicated()),
          new Scalar(
              "godfs_maint_inflight_copies",
              "replica copies ordered and not reported done",
              f -> (double) f.copiesInFlight()),
          new Scalar(
              "godfs_data_pending_deletes",
              "the deletion backlog: replica deletions queued or not confirmed",
              f -> (double) f.pendingDeletes()),
          new Scalar(
              "godfs_master_safe_mode",
              "1 while the leader is in safe mode (nothing copied or deleted)",
              f -> f.safeMode() ? 1.0 : 0.0),
          new Scalar(
              "godfs_healing_census_timestamp_seconds",
              "when the last healing round counted (an old one means a stalled healing loop)",
              f -> f.census().at().toEpochMilli() / 1000.0));

  /** Per-node gauges, labelled by node id. */
  private record PerNode(
      String name, String help, Function<ClusterFigures.NodeFigures, Double> value) {}

  private static final List<PerNode> PER_NODE =
      List.of(
          new PerNode(
              "godfs_node_live", "1 while the chunkserver heartbeats", n -> n.live() ? 1.0 : 0.0),
          new PerNode(
              "godfs_node_capacity_bytes",
              "the chunkserver's capacity, as it last reported",
              n -> (double) n.capacityBytes()),
          new PerNode(
              "godfs_node_used_bytes",
              "bytes the chunkserver stores, as it last reported",
              n -> (double) n.usedBytes()));

  /** Cumulative totals over the live nodes' latest heartbeats, exported as counters. */
  private record Total(String name, String help, Function<ClusterFigures, Long> value) {}

  private static final List<Total> TOTALS =
      List.of(
          new Total(
              "godfs_cluster_read_bytes",
              "chunk bytes the live chunkservers served since each started (from heartbeats)",
              ClusterFigures::readBytes),
          new Total(
              "godfs_cluster_written_bytes",
              "chunk bytes the live chunkservers wrote, each replica's, since each started (from"
                  + " heartbeats)",
              ClusterFigures::writtenBytes));

  @Override
  public MetricSnapshots collect() {
    Optional<ClusterFigures> figures = source.figures();
    if (figures.isEmpty()) {
      return new MetricSnapshots();
    }
    ClusterFigures f = figures.get();
    List<MetricSnapshot> snapshots = new ArrayList<>();
    for (Scalar s : SCALARS) {
      snapshots.add(
          GaugeSnapshot.builder()
              .name(s.name())
              .help(s.help())
              .dataPoint(GaugeDataPointSnapshot.builder().value(s.value().apply(f)).build())
              .build());
    }
    for (Total t : TOTALS) {
      snapshots.add(
          CounterSnapshot.builder()
              .name(t.name())
              .help(t.help())
              .dataPoint(CounterDataPointSnapshot.builder().value(t.value().apply(f)).build())
              .build());
    }
    for (PerNode p : PER_NODE) {
      GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(p.name()).help(p.help());
      for (ClusterFigures.NodeFigures n : f.nodes()) {
        gauge.dataPoint(
            GaugeDataPointSnapshot.builder()
                .labels(Labels.of("node", n.id()))
                .value(p.value().apply(n))
                .build());
      }
      snapshots.add(gauge.build());
    }
    return new MetricSnapshots(snapshots);
  }

  @Override
  public List<String> getPrometheusNames() {
    List<String> names = new ArrayList<>();
    SCALARS.forEach(s -> names.add(s.name()));
    PER_NODE.forEach(p -> names.add(p.name()));
    TOTALS.forEach(t -> names.add(t.name()));
    return names;
  }
}
