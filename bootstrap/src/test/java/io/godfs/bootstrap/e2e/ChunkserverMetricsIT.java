package io.godfs.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.adapters.telemetry.NodeMetrics;
import io.godfs.application.client.ClientSettings;
import io.godfs.application.port.in.ClusterFigures;
import io.godfs.application.port.in.SeekableInput;
import io.godfs.bootstrap.config.ChunkserverConfig;
import io.godfs.bootstrap.config.MasterConfig;
import io.godfs.bootstrap.wiring.ChunkserverNode;
import io.godfs.bootstrap.wiring.MasterNode;
import io.godfs.bootstrap.wiring.NodeListener;
import io.godfs.client.GodfsClient;
import io.godfs.domain.file.DfsPath;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chunkservers' data-path metrics (ADR 0023) on a real cluster: a master and three chunkservers
 * (R=3), each with its own registry scraped over its listener. A write shows as bytes written,
 * fsyncs and hop times on every replica, a read as bytes read, the scrubber's pass as its families,
 * and the heartbeats' byte counts as the leader's cluster totals.
 */
class ChunkserverMetricsIT {
  private static final int CHUNK = 1 << 20;
  private static final int LENGTH = 2 * CHUNK + CHUNK / 2; // three chunks

  @TempDir Path dir;
  private final List<AutoCloseable> open = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : open.reversed()) {
      c.close();
    }
    http.close();
  }

  @Test
  void writesReadsScrubsAndHeartbeatsShowInTheMetrics() throws Exception {
    MasterNode master =
        MasterNode.start(
            new MasterConfig(
                "127.0.0.1", 0, CHUNK, 3, Duration.ofSeconds(30), Duration.ofMillis(200)));
    open.add(master);
    List<ChunkserverNode> nodes = new ArrayList<>();
    List<NodeListener> listeners = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      NodeMetrics metrics = NodeMetrics.of("goDFS test", "chunkserver", "chunk-" + i);
      ChunkserverNode node =
          ChunkserverNode.start(
              ChunkserverConfig.of(
                      "127.0.0.1:" + master.port(),
                      "127.0.0.1",
                      0,
                      dir.resolve("chunk-" + i),
                      "chunk-" + i,
                      null,
                      0,
                      Duration.ofMillis(200))
                  .withScrubRate(64L << 20),
              Optional.empty(),
              Optional.empty(),
              metrics.rpc(),
              metrics.chunkIo());
      open.add(node);
      metrics.watchChunkserver(node.figures());
      NodeListener listener =
          NodeListener.start(
              "127.0.0.1",
              0,
              Optional::empty,
              Optional.empty(),
              false,
              Optional.of(new NodeListener.Metrics(metrics.handler(), Optional.empty())));
      open.add(listener);
      nodes.add(node);
      listeners.add(listener);
    }
    for (ChunkserverNode node : nodes) {
      Waits.until(Duration.ofSeconds(30), "the chunkservers to register", node::isRegistered);
    }
    byte[] data = new byte[LENGTH];
    new Random(23).nextBytes(data);
    DfsPath path = DfsPath.of("/metered.bin");
    try (GodfsClient client =
        GodfsClient.connect(
            "127.0.0.1:" + master.port(), ClientSettings.DEFAULTS.withLocalReads(false))) {
      try (OutputStream out = client.create(path, true)) {
        out.write(data);
      }

      // Every replica wrote every byte, once per chunk committed, and timed each message.
      long primaryMessages = 0;
      for (NodeListener listener : listeners) {
        String text = scrape(listener.port());
        assertThat(value(text, "godfs_chunkserver_written_bytes_total")).isEqualTo(LENGTH);
        assertThat(value(text, "godfs_chunkserver_writes_total{result=\"ok\"}")).isEqualTo(3);
        assertThat(value(text, "godfs_chunkserver_fsync_seconds_count")).isEqualTo(3);
        assertThat(value(text, "godfs_chunkserver_replicas")).isEqualTo(3);
        assertThat(value(text, "godfs_chunkserver_used_bytes")).isEqualTo(LENGTH);
        assertThat(value(text, "godfs_rocksdb_estimated_keys")).isGreaterThanOrEqualTo(3);
        assertThat(value(text, "godfs_chunkserver_disk_free_bytes")).isPositive();
        primaryMessages += (long) value(text, "godfs_pipeline_hop_seconds_count{hop=\"0\"}");
      }
      assertThat(primaryMessages)
          .as("each chunk's messages timed on its primary")
          .isGreaterThanOrEqualTo(3);
      long tails = 0;
      for (NodeListener listener : listeners) {
        tails +=
            (long) value(scrape(listener.port()), "godfs_pipeline_hop_seconds_count{hop=\"2\"}");
      }
      assertThat(tails).as("and on its last replica").isGreaterThanOrEqualTo(3);

      try (SeekableInput in = client.open(path)) {
        assertThat(in.readAllBytes()).isEqualTo(data);
      }
      double read = 0;
      double readsOk = 0;
      for (NodeListener listener : listeners) {
        String text = scrape(listener.port());
        read += value(text, "godfs_chunkserver_read_bytes_total");
        readsOk += value(text, "godfs_chunkserver_reads_total{result=\"ok\"}");
      }
      assertThat((long) read).as("each chunk read from one replica").isEqualTo(LENGTH);
      assertThat(readsOk).isGreaterThanOrEqualTo(3);
    }

    // A client on the chunkservers' machine reads the replicas' files directly (short-circuit).
    try (GodfsClient local =
            GodfsClient.connect(
                "127.0.0.1:" + master.port(), ClientSettings.DEFAULTS.withLocalReads(true));
        SeekableInput in = local.open(path)) {
      assertThat(in.readAllBytes()).isEqualTo(data);
    }
    double opens = 0;
    for (NodeListener listener : listeners) {
      opens += value(scrape(listener.port()), "godfs_shortcircuit_opens_total");
    }
    assertThat(opens).as("one open per chunk").isEqualTo(3);

    // The scrubber checks every replica: its bytes, and a pass that ended.
    for (NodeListener listener : listeners) {
      Waits.until(
          Duration.ofSeconds(30),
          "a scrub pass over every replica",
          () -> {
            String text = scrape(listener.port());
            return value(text, "godfs_scrub_verified_bytes_total") >= LENGTH
                && value(text, "godfs_scrub_last_pass_end_timestamp_seconds") > 0;
          });
      String text = scrape(listener.port());
      assertThat(value(text, "godfs_scrub_corrupt_found_total")).isZero();
      assertThat(text).contains("godfs_scrub_pass_progress_ratio ");
    }

    // The heartbeats carry each node's byte counts to the leader, which sums them.
    Waits.until(
        Duration.ofSeconds(30),
        "the leader's cluster totals",
        () -> {
          ClusterFigures f = master.clusterFigures().figures().orElseThrow();
          return f.writtenBytes() == 3L * LENGTH && f.readBytes() == LENGTH; // not the local read
        });
  }

  private String scrape(int port) {
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The value of the sample {@code series} (name and labels as printed); 0 when absent. */
  private static double value(String scrape, String series) {
    return scrape
        .lines()
        .filter(l -> l.startsWith(series + " "))
        .mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1).trim()))
        .findFirst()
        .orElse(0);
  }
}
