package io.godfs.adapters.telemetry;

import io.godfs.application.port.in.ClusterFiguresUseCase;
import io.godfs.domain.file.NamespaceFigures;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * The leader's namespace counts as gauges, read at scrape time from counts the namespace keeps as
 * mutations apply (O(1), ADR 0023): {@code godfs_metadata_files}, {@code _dirs}, {@code
 * _logical_bytes}, {@code _inline_files}, {@code _inline_bytes} and {@code godfs_leases_held}. A
 * follower exports none (one series per cluster, as the cluster figures).
 */
final class NamespaceCollector implements MultiCollector {
  private record Scalar(String name, String help, ToLongFunction<NamespaceFigures> value) {}

  private static final List<Scalar> SCALARS =
      List.of(
          new Scalar("godfs_metadata_files", "files in the namespace", NamespaceFigures::files),
          new Scalar(
              "godfs_metadata_dirs",
              "directories in the namespace, the root left out",
              NamespaceFigures::directories),
          new Scalar(
              "godfs_metadata_logical_bytes",
              "the sum of every file's length (before replication)",
              NamespaceFigures::logicalBytes),
          new Scalar(
              "godfs_metadata_inline_files",
              "small files whose bytes the metadata holds itself",
              NamespaceFigures::inlineFiles),
          new Scalar(
              "godfs_metadata_inline_bytes",
              "the bytes of the files held inline in the metadata",
              NamespaceFigures::inlineBytes),
          new Scalar(
              "godfs_leases_held",
              "files a client holds open for writing (one write lease each)",
              NamespaceFigures::leasesHeld));

  private final ClusterFiguresUseCase source;

  NamespaceCollector(ClusterFiguresUseCase source) {
    this.source = source;
  }

  @Override
  public MetricSnapshots collect() {
    Optional<NamespaceFigures> figures = source.namespace();
    if (figures.isEmpty()) {
      return new MetricSnapshots();
    }
    List<MetricSnapshot> snapshots = new ArrayList<>();
    for (Scalar s : SCALARS) {
      snapshots.add(
          GaugeSnapshot.builder()
              .name(s.name())
              .help(s.help())
              .dataPoint(
                  GaugeDataPointSnapshot.builder()
                      .value(s.value().applyAsLong(figures.get()))
                      .build())
              .build());
    }
    return new MetricSnapshots(snapshots);
  }

  @Override
  public List<String> getPrometheusNames() {
    return SCALARS.stream().map(Scalar::name).toList();
  }
}
