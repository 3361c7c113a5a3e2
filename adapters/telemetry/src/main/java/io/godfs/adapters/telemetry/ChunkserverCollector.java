package io.godfs.adapters.telemetry;

import io.godfs.application.port.in.ChunkserverFigures;
import io.godfs.application.port.in.ChunkserverFiguresUseCase;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * A chunkserver's own figures as gauges, read at each scrape in one snapshot (ADR 0023): its space,
 * replicas and disk, and its RocksDB index's estimates (read from memory: no scan, and RocksDB's
 * {@code Statistics}, which cost on every call, stay off). A store that cannot answer (closing)
 * exports none of them for that scrape.
 */
final class ChunkserverCollector implements MultiCollector {
  private final ChunkserverFiguresUseCase source;

  ChunkserverCollector(ChunkserverFiguresUseCase source) {
    this.source = source;
  }

  /** One gauge: its name, help and how to read it from the figures. */
  private record Figure(String name, String help, ToLongFunction<ChunkserverFigures> value) {}

  private static final List<Figure> FIGURES =
      List.of(
          new Figure(
              "godfs_chunkserver_capacity_bytes",
              "space chunk files may use (configured, or the disk's)",
              ChunkserverFigures::capacityBytes),
          new Figure(
              "godfs_chunkserver_used_bytes",
              "bytes of committed chunk files",
              ChunkserverFigures::usedBytes),
          new Figure(
              "godfs_chunkserver_disk_free_bytes",
              "free space on the disk holding the chunk files",
              ChunkserverFigures::diskFreeBytes),
          new Figure(
              "godfs_chunkserver_replicas",
              "committed replicas this chunkserver holds",
              ChunkserverFigures::replicas),
          new Figure(
              "godfs_rocksdb_estimated_keys",
              "the chunk index's estimate of its keys (rocksdb.estimate-num-keys)",
              ChunkserverFigures::indexKeys),
          new Figure(
              "godfs_rocksdb_sst_bytes",
              "the chunk index's table files (rocksdb.total-sst-files-size)",
              ChunkserverFigures::indexSstBytes),
          new Figure(
              "godfs_rocksdb_memtable_bytes",
              "the chunk index's memory tables (rocksdb.cur-size-all-mem-tables)",
              ChunkserverFigures::indexMemtableBytes),
          new Figure(
              "godfs_rocksdb_pending_compaction_bytes",
              "bytes the chunk index has left to compact (rocksdb.estimate-pending-compaction-bytes)",
              ChunkserverFigures::indexPendingCompactionBytes));

  @Override
  public MetricSnapshots collect() {
    ChunkserverFigures f;
    try {
      f = source.figures();
    } catch (RuntimeException e) { // the store is closing, or its disk failed
      return new MetricSnapshots();
    }
    List<MetricSnapshot> snapshots = new ArrayList<>();
    for (Figure g : FIGURES) {
      snapshots.add(
          GaugeSnapshot.builder()
              .name(g.name())
              .help(g.help())
              .dataPoint(GaugeDataPointSnapshot.builder().value(g.value().applyAsLong(f)).build())
              .build());
    }
    return new MetricSnapshots(snapshots);
  }

  @Override
  public List<String> getPrometheusNames() {
    return FIGURES.stream().map(Figure::name).toList();
  }
}
