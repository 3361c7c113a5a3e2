package io.godfs.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.adapters.telemetry.NodeMetrics;
import io.godfs.application.client.ClientSettings;
import io.godfs.bootstrap.config.ChunkserverConfig;
import io.godfs.bootstrap.config.MasterConfig;
import io.godfs.bootstrap.config.MasterSecurity;
import io.godfs.bootstrap.wiring.ChunkserverNode;
import io.godfs.bootstrap.wiring.MasterMeters;
import io.godfs.bootstrap.wiring.MasterNode;
import io.godfs.bootstrap.wiring.NodeListener;
import io.godfs.client.GodfsClient;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.file.DfsPath;
import java.io.IOException;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A secured master's gRPC calls and its cluster figures show in the metrics its listener serves
 * (ADR 0023): a real master and chunkserver, a real client over TLS, and a scrape over HTTPS with a
 * certificate of the cluster CA.
 */
class NodeMetricsIT {
  @TempDir Path dir;

  @Test
  void theCallsAMasterServedAndItsChunkserversAreInItsMetrics() throws Exception {
    ClusterCredentials credentials = ClusterCredentials.in(dir);
    MasterSecurity security = credentials.master();
    NodeMetrics metrics = NodeMetrics.of("goDFS test", "master", "master");
    try (MasterNode master =
            MasterNode.start(
                new MasterConfig(
                    "127.0.0.1", 0, 1 << 20, 1, Duration.ofSeconds(30), Duration.ofMillis(200)),
                security,
                new MasterMeters(metrics.rpc(), metrics.metadata(), metrics.healing()));
        NodeListener listener =
            NodeListener.start(
                "127.0.0.1",
                0,
                master.readiness(),
                security.transport(),
                false,
                Optional.of(new NodeListener.Metrics(metrics.handler(), Optional.empty())));
        ChunkserverNode chunkserver =
            ChunkserverNode.start(
                ChunkserverConfig.of(
                    "127.0.0.1:" + master.port(),
                    "127.0.0.1",
                    0,
                    dir.resolve("chunk-1"),
                    "chunk-1",
                    null,
                    0,
                    Duration.ofMillis(200)),
                Optional.empty(),
                credentials.chunkserver("chunk-1"));
        GodfsClient client =
            GodfsClient.connect(
                "127.0.0.1:" + master.port(),
                ClientSettings.DEFAULTS,
                credentials.adminKey(),
                credentials.client())) {
      metrics.watchCluster(master.clusterFigures());
      metrics.watchLeadership(master.leadership());
      metrics.watchNamespace(master.clusterFigures());
      Waits.until(Duration.ofSeconds(30), "chunk-1 to register", chunkserver::isRegistered);
      client.mkdir(DfsPath.of("/metered"), false);
      assertThatThrownBy(() -> client.stat(DfsPath.of("/not-there")))
          .isInstanceOf(DfsException.class);

      String text =
          new MetricsProbe(listener.port(), ClusterCredentials.caCertificate())
              .scrape(
                  Optional.of(ClusterCredentials.certificate("CN=prometheus,OU=client")),
                  Optional.empty());

      assertThat(text)
          .contains(
              "grpc_server_handled_total{grpc_code=\"OK\",grpc_method=\"Mkdir\","
                  + "grpc_service=\"godfs.api.v1.MasterService\",grpc_type=\"unary\"} 1.0")
          .contains(
              "grpc_server_handled_total{grpc_code=\"NOT_FOUND\",grpc_method=\"Stat\","
                  + "grpc_service=\"godfs.api.v1.MasterService\",grpc_type=\"unary\"} 1.0")
          .contains(
              "grpc_server_handling_seconds_count{grpc_method=\"Mkdir\","
                  + "grpc_service=\"godfs.api.v1.MasterService\",grpc_type=\"unary\"} 1")
          .contains("godfs_build_info{node=\"master\",role=\"master\",version=\"goDFS test\"} 1")
          .contains("godfs_chunk_nodes_alive 1.0")
          .contains("godfs_raft_is_leader 1.0")
          .contains("godfs_node_live{node=\"chunk-1\"} 1.0")
          .containsPattern("godfs_node_capacity_bytes\\{node=\"chunk-1\"\\} [1-9]")
          // The namespace's counts, the metadata in memory (one voter, no log) and healing.
          .contains("godfs_metadata_dirs 1.0")
          .contains("godfs_metadata_files 0.0")
          .contains("godfs_leases_held 0.0")
          .contains("godfs_raft_cluster_voters 1.0")
          .contains("godfs_raft_log_bytes 0.0")
          .contains("godfs_maint_rebalance_actions_total{type=\"replicate\"} 0.0")
          .contains("godfs_heal_copied_bytes_total 0.0");
    }
  }

  /**
   * Three Ratis masters: each exports its own view, so exactly one says it leads, and once the
   * followers heard from it, all are in the same term.
   */
  @Test
  void eachRatisMasterSaysWhetherItLeadsAndInWhichTerm() throws Exception {
    List<NodeListener> listeners = new ArrayList<>();
    List<NodeMetrics> all = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      all.add(NodeMetrics.of("goDFS test", "master", "m" + i));
    }
    try (MasterGroup group =
            new MasterGroup(
                dir,
                3,
                1, // a new leader serves once a chunkserver reported
                1 << 20,
                i -> {
                  NodeMetrics m = all.get(i);
                  return new MasterMeters(m.rpc(), m.metadata(), m.healing());
                });
        HttpClient http = HttpClient.newHttpClient()) {
      group.awaitLeader();
      group.client().mkdir(DfsPath.of("/replicated"), false);
      for (int i = 0; i < group.masterCount(); i++) {
        NodeMetrics metrics = all.get(i);
        metrics.watchLeadership(group.master(i).leadership());
        metrics.watchNamespace(group.master(i).clusterFigures());
        listeners.add(
            NodeListener.start(
                "127.0.0.1",
                0,
                Optional::empty,
                Optional.empty(),
                false,
                Optional.of(new NodeListener.Metrics(metrics.handler(), Optional.empty()))));
      }
      List<String> scrapes = new ArrayList<>();
      Waits.until(
          Duration.ofSeconds(30),
          "one leader and one term in the masters' metrics",
          () -> {
            scrapes.clear();
            for (NodeListener listener : listeners) {
              scrapes.add(scrape(http, listener.port()));
            }
            // A follower writes its log once it hears from the leader, and the log's size is read
            // at most every 5 s: waited for too.
            return scrapes.stream().filter(t -> t.contains("godfs_raft_is_leader 1.0")).count() == 1
                && scrapes.stream().map(NodeMetricsIT::term).distinct().count() == 1
                && scrapes.stream().noneMatch(t -> t.contains("godfs_raft_log_bytes 0.0"));
          });
      assertThat(scrapes).filteredOn(t -> t.contains("godfs_raft_is_leader 0.0")).hasSize(2);
      assertThat(term(scrapes.getFirst())).isGreaterThanOrEqualTo(1);
      assertThat(scrapes)
          .allMatch(t -> t.contains("# TYPE godfs_raft_leader_changes_total counter"))
          .allMatch(t -> t.contains("godfs_raft_commit_index "))
          .allMatch(t -> t.contains("godfs_raft_cluster_voters 3.0"))
          .allMatch(t -> t.contains("godfs_raft_cluster_servers 3.0"))
          .allMatch(t -> t.contains("godfs_raft_applied_index "))
          .allMatch(t -> t.contains("godfs_raft_snapshot_index "))
          .noneMatch(t -> t.contains("godfs_raft_log_bytes 0.0"));
      // The leader committed the mkdir in a group-commit batch and counts the directory; the
      // followers export no namespace counts.
      String leader =
          scrapes.stream().filter(t -> t.contains("godfs_raft_is_leader 1.0")).findFirst().get();
      assertThat(leader)
          .contains("godfs_metadata_dirs 1.0")
          .containsPattern("godfs_raft_group_commit_batch_size_count [1-9]")
          .containsPattern("godfs_raft_commit_seconds_count [1-9]");
      assertThat(scrapes)
          .filteredOn(t -> t.contains("godfs_raft_is_leader 0.0"))
          .allMatch(t -> !t.contains("godfs_metadata_dirs"));
    } finally {
      listeners.forEach(NodeListener::close);
    }
  }

  private static String scrape(HttpClient http, int port) {
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

  private static double term(String scrape) {
    return scrape
        .lines()
        .filter(l -> l.startsWith("godfs_raft_term "))
        .mapToDouble(l -> Double.parseDouble(l.substring("godfs_raft_term ".length())))
        .findFirst()
        .orElseThrow();
  }
}
