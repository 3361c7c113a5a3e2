package io.godfs.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.master.HealingSettings;
import io.godfs.application.port.in.SeekableInput;
import io.godfs.bootstrap.config.MasterConfig;
import io.godfs.client.GodfsClient;
import io.godfs.domain.chunk.LocatedChunk;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.node.NodeLocation;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's commands, run through the real {@code godfs} launcher against a cluster. */
class AdminCommandsIT {
  static final int CHUNK = 1 << 20;
  static final Duration WAIT = Duration.ofSeconds(60);
  @TempDir Path dir;

  @Test
  void nodesFsckSafeModeAndDecommissionAsAnOperatorUsesThem() throws Exception {
    MasterConfig config =
        new MasterConfig(
            "127.0.0.1",
            0,
            CHUNK,
            3,
            Duration.ofSeconds(2),
            Duration.ofMillis(200),
            MasterConfig.DEFAULT_LEASE_TIMEOUT,
            HealingSettings.DEFAULTS.withSafeMode(1, Duration.ZERO));
    try (TestCluster cluster = new TestCluster(dir.resolve("cluster"), 5, config)) {
      GodfsClient fs = cluster.client();
      DfsPath path = DfsPath.of("/ops/data.bin");
      fs.mkdir(path.parent(), true);
      long length = 8L * CHUNK + 5;
      try (OutputStream out = fs.create(path, false)) {
        Payload.write(out, 11, length, 1 << 20);
      }

      Launcher.Run nodes = godfs(cluster, "admin", "nodes");
      assertThat(nodes.code()).isZero();
      assertThat(nodes.out()).contains("chunk-1", "chunk-5", "LIVE", "IN_SERVICE");
      Launcher.Run healthy = godfs(cluster, "admin", "fsck", "/");
      assertThat(healthy.code()).isZero();
      assertThat(healthy.out())
          .contains("1 files, 9 chunks: 9 healthy")
          .contains("Status: HEALTHY");

      // In safe mode nothing is repaired: a dead node leaves chunks under-replicated, and fsck says
      // so.
      assertThat(godfs(cluster, "admin", "safemode", "enter").out()).contains("Safe mode is ON");
      cluster.chunkservers().get(4).close();
      Waits.until(WAIT, "chunk-5 to be dead", () -> cluster.liveNodes() == 4);
      Launcher.Run broken = godfs(cluster, "admin", "fsck", "/ops");
      assertThat(broken.code()).as(broken.out()).isEqualTo(1);
      assertThat(broken.out()).contains("UNDER_REPLICATED").contains("Status: CORRUPT");
      assertThat(godfs(cluster, "admin", "safemode", "get").out())
          .contains("entered by an operator");
      assertThat(godfs(cluster, "admin", "safemode", "leave").out()).contains("Safe mode is OFF");
      Waits.until(
          WAIT,
          "fsck to be healthy after re-replication",
          () -> godfsQuietly(cluster, "admin", "fsck", "/").code() == 0);

      // Decommission: the node is drained, then reported safe to remove; new chunks avoid it.
      Launcher.Run started = godfs(cluster, "admin", "decommission", "chunk-1");
      assertThat(started.code()).isZero();
      assertThat(started.out()).contains("chunk-1: DECOMMISSIONING");
      Waits.until(
          WAIT,
          "chunk-1 to be decommissioned",
          () ->
              godfsQuietly(cluster, "admin", "nodes")
                  .out()
                  .lines()
                  .anyMatch(l -> l.startsWith("chunk-1 ") && l.contains("DECOMMISSIONED")));
      // The leader's repair log, newest first: chunk-1 done, after the copies that drained it and
      // those that re-replicated chunk-5's chunks once it was pruned.
      Launcher.Run repairs = godfs(cluster, "admin", "repairs", "--limit", "1000");
      assertThat(repairs.code()).as(repairs.err()).isZero();
      List<String> log = repairs.out().lines().toList();
      assertThat(log.getFirst()).startsWith("AT ").contains("KIND", "CHUNK", "NODE");
      assertThat(log)
          .anyMatch(l -> l.contains("DECOMMISSIONED") && l.contains("chunk-1"))
          .anyMatch(l -> l.contains("NODE_PRUNED") && l.contains("chunk-5"))
          .anyMatch(l -> l.contains("COPY_ORDERED"));
      assertThat(log.stream().filter(l -> l.contains("DECOMMISSIONED")).findFirst().orElseThrow())
          .as("the newest first")
          .isEqualTo(
              log.stream()
                  .filter(l -> l.contains("DECOMMISSIONED") || l.contains("NODE_PRUNED"))
                  .findFirst()
                  .orElseThrow());
      for (LocatedChunk c : cluster.locate(path)) {
        List<String> ids =
            c.replicas().stream().map(NodeLocation::id).map(id -> id.value()).toList();
        assertThat(ids.stream().filter(id -> !id.equals("chunk-1")))
            .as("three copies besides chunk-1")
            .hasSize(3)
            .doesNotContain("chunk-5");
        if (ids.contains("chunk-1")) {
          assertThat(ids.getLast())
              .as("a decommissioned replica is read last")
              .isEqualTo("chunk-1");
        }
      }
      assertThat(godfs(cluster, "admin", "fsck", "/").code()).isZero();
      cluster.chunkservers().getFirst().close(); // the operator removes it: nothing is lost
      try (SeekableInput in = cluster.networkClient().open(path)) {
        assertThat(Payload.firstMismatch(in, 11, 0, length)).isEqualTo(-1);
      }

      Launcher.Run unknown = godfs(cluster, "admin", "decommission", "nope");
      assertThat(unknown.code()).isEqualTo(1);
      assertThat(unknown.err()).contains("godfs: admin decommission nope: no chunkserver nope");
    }
  }

  private Launcher.Run godfsQuietly(TestCluster cluster, String... args) {
    try {
      return godfs(cluster, args);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private Launcher.Run godfs(TestCluster cluster, String... args)
      throws IOException, InterruptedException {
    return Launcher.run(dir, cluster.masterAddress(), cluster.clientEnvironment(), args);
  }
}
