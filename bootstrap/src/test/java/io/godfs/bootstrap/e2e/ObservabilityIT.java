package io.godfs.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.client.ClientSettings;
import io.godfs.bootstrap.config.DevConfig;
import io.godfs.bootstrap.wiring.DevCluster;
import io.godfs.client.CredentialsFile;
import io.godfs.client.GodfsClient;
import io.godfs.domain.file.DfsPath;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 23's metrics test: a real Prometheus (Debian's package, on loopback) scrapes a secured dev
 * cluster ({@code godfs dev --metrics-port}) with the scrape configuration the cluster writes, and
 * loads the repository's alert and recording rules. After a workload its HTTP API shows the bytes
 * written grow, every node up, a stopped chunkserver counted dead, its chunks under-replicated and
 * then healed, every rule evaluating without error, and every query of the Grafana dashboard
 * answering.
 */
class ObservabilityIT {
  private static final Path RULES = Path.of("../deployments/observability/prometheus-rules.yaml");
  private static final Path DASHBOARD =
      Path.of("../deployments/observability/grafana/godfs-overview.json");
  private static final Duration WAIT = Duration.ofSeconds(90);

  @TempDir Path dir;

  @Test
  void prometheusSeesTheWorkloadADeadChunkserverAndTheHealing() throws Exception {
    Prometheus.assumeInstalled();
    DevConfig config =
        new DevConfig(dir.resolve("data"), "127.0.0.1", 0, 0, 4, 1 << 20, 3, 0, 1)
            .withSecurity(new DevConfig.Security(true, dir.resolve("credentials")))
            .withWatch(new DevConfig.Watch(0, Duration.ofSeconds(5)));
    try (DevCluster dev = DevCluster.start(config);
        Prometheus prometheus =
            Prometheus.start(dir.resolve("prometheus"), dev.scrapeConfig().orElseThrow(), RULES)) {
      // Every node's listener is a target, and each scrape passed the token rule over HTTPS.
      int targets = dev.metricsUrls().size();
      assertThat(targets).isEqualTo(6); // a master, four chunkservers, the gateway
      prometheus.awaitValue("count(up == 1)", v -> v == targets, WAIT);

      write(dev, 12 << 20);
      // 12 MiB, three copies, on four chunkservers.
      prometheus.awaitValue(
          "sum(godfs_chunkserver_written_bytes_total)", v -> v >= 3 * (12 << 20), WAIT);
      prometheus.awaitValue("max(godfs_metadata_chunks)", v -> v >= 12, WAIT);

      dev.stopChunkserver("chunk-1");
      prometheus.awaitValue("max(godfs_chunk_nodes_dead)", v -> v == 1, WAIT);
      prometheus.awaitValue(
          "max(max_over_time(godfs_data_under_replicated_chunks[10m]))", v -> v > 0, WAIT);
      prometheus.awaitValue("max(godfs_data_under_replicated_chunks)", v -> v == 0, WAIT);
      assertThat(prometheus.value("max(godfs_data_unrepairable_chunks)")).hasValue(0.0);

      prometheus.assertEveryRuleHealthy();
      List<String> queries = Dashboard.queries(DASHBOARD);
      assertThat(queries).hasSizeGreaterThan(10);
      for (String query : queries) {
        prometheus.assertAnswers(query);
      }
    }
  }

  private static void write(DevCluster dev, int bytes) throws Exception {
    Path ca = dev.authorityFile().orElseThrow();
    String key = Files.readString(dev.adminKeyFile().orElseThrow()).strip();
    try (GodfsClient admin =
        GodfsClient.connect(
            dev.masterAddresses(),
            ClientSettings.DEFAULTS,
            Optional.of(key),
            Optional.of(CredentialsFile.trusting(ca)))) {
      byte[] data = new byte[bytes];
      new Random(23).nextBytes(data);
      try (OutputStream out = admin.create(DfsPath.of("/observed.bin"), true)) {
        out.write(data);
      }
    }
  }
}
