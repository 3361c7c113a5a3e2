package io.godfs.adapters.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.port.in.ChunkserverFigures;
import io.godfs.application.port.out.ChunkIoMeter;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** A chunkserver's data-path families and figures, as a scrape shows them (ADR 0023). */
class ChunkIoMetricsTest {
  @Test
  void bytesResultsHopsFsyncsAndTheScrubberAreCounted() throws IOException {
    NodeMetrics metrics = NodeMetrics.of("v", "chunkserver", "cs-1");
    ChunkIoMeter io = metrics.chunkIo();
    io.written(1 << 20);
    io.written(1 << 20);
    io.read(65_536);
    io.writeEnded(ChunkIoMeter.Result.OK);
    io.readEnded(ChunkIoMeter.Result.OK);
    io.readEnded(ChunkIoMeter.Result.ERROR);
    io.hop(0, 3_000_000); // 3 ms
    io.hop(0, 40_000_000);
    io.hop(2, 700_000);
    io.hop(99, 1); // an absurd depth shares the last series
    io.fsync(20_000_000);
    io.scrubbed(4096);
    io.corruptFound();
    io.scrubProgress(1, 4);
    io.shortCircuitOpened();

    String text = Scrape.text(metrics);

    assertThat(text)
        .contains("godfs_chunkserver_written_bytes_total 2097152.0")
        .contains("godfs_chunkserver_read_bytes_total 65536.0")
        .contains("godfs_chunkserver_writes_total{result=\"ok\"} 1.0")
        .contains("godfs_chunkserver_writes_total{result=\"error\"} 0.0")
        .contains("godfs_chunkserver_reads_total{result=\"ok\"} 1.0")
        .contains("godfs_chunkserver_reads_total{result=\"error\"} 1.0")
        .contains("godfs_pipeline_hop_seconds_bucket{hop=\"0\",le=\"0.005\"} 1")
        .contains("godfs_pipeline_hop_seconds_bucket{hop=\"0\",le=\"0.05\"} 2")
        .contains("godfs_pipeline_hop_seconds_count{hop=\"0\"} 2")
        .contains("godfs_pipeline_hop_seconds_count{hop=\"2\"} 1")
        .contains("godfs_pipeline_hop_seconds_count{hop=\"15+\"} 1")
        .doesNotContain("hop=\"1\"")
        .contains("godfs_chunkserver_fsync_seconds_bucket{le=\"0.025\"} 1")
        .contains("godfs_chunkserver_fsync_seconds_count 1")
        .contains("godfs_scrub_verified_bytes_total 4096.0")
        .contains("godfs_scrub_corrupt_found_total 1.0")
        .contains("godfs_scrub_pass_progress_ratio 0.25")
        .contains("godfs_scrub_last_pass_end_timestamp_seconds 0.0")
        .contains("godfs_shortcircuit_opens_total 1.0");

    long before = System.currentTimeMillis() / 1000;
    io.scrubPassEnded();
    String after = Scrape.text(metrics);
    assertThat(after).contains("godfs_scrub_pass_progress_ratio 1.0");
    double end =
        after
            .lines()
            .filter(l -> l.startsWith("godfs_scrub_last_pass_end_timestamp_seconds "))
            .mapToDouble(l -> Double.parseDouble(l.substring(l.indexOf(' ') + 1)))
            .findFirst()
            .orElseThrow();
    assertThat(end).isGreaterThanOrEqualTo(before);
  }

  @Test
  void onlyAChunkserverShowsTheDataPathFamilies() throws IOException {
    NodeMetrics master = NodeMetrics.of("v", "master", "m0");
    assertThat(Scrape.text(master)).doesNotContain("godfs_chunkserver_");

    NodeMetrics chunkserver = NodeMetrics.of("v", "chunkserver", "cs-1");
    assertThat(chunkserver.chunkIo()).as("asked twice, one meter").isSameAs(chunkserver.chunkIo());
  }

  @Test
  void theChunkserversFiguresAreGaugesReadAtEachScrape() throws IOException {
    NodeMetrics metrics = NodeMetrics.of("v", "chunkserver", "cs-1");
    metrics.watchChunkserver(
        () -> new ChunkserverFigures(1_000_000, 250_000, 750_000, 12, 11, 4096, 2048, 7));

    assertThat(Scrape.text(metrics))
        .contains("godfs_chunkserver_capacity_bytes 1000000.0")
        .contains("godfs_chunkserver_used_bytes 250000.0")
        .contains("godfs_chunkserver_disk_free_bytes 750000.0")
        .contains("godfs_chunkserver_replicas 12.0")
        .contains("godfs_rocksdb_estimated_keys 11.0")
        .contains("godfs_rocksdb_sst_bytes 4096.0")
        .contains("godfs_rocksdb_memtable_bytes 2048.0")
        .contains("godfs_rocksdb_pending_compaction_bytes 7.0");
  }

  @Test
  void aStoreThatCannotAnswerLeavesItsFiguresOutOfThatScrape() throws IOException {
    NodeMetrics metrics = NodeMetrics.of("v", "chunkserver", "cs-1");
    metrics.watchChunkserver(
        () -> {
          throw new IllegalStateException("chunk store : closed (expected: open)");
        });

    assertThat(Scrape.text(metrics))
        .doesNotContain("godfs_chunkserver_capacity_bytes")
        .contains("godfs_build_info");
  }
}
