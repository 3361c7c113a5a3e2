package io.godfs.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.master.HealingSettings;
import io.godfs.bootstrap.config.MasterConfig;
import io.godfs.domain.access.Principal;
import io.godfs.domain.access.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code godfs admin top} through the real launcher against a secured cluster (ADR 0023): the
 * leader's figures over {@code GetClusterFigures}, a caller without 'admin' refused with the
 * permission named, and a running top stopped by a signal.
 */
class AdminTopIT {
  @TempDir static Path dir;
  static TestCluster cluster;

  @BeforeAll
  static void start() {
    cluster =
        new TestCluster(
            dir.resolve("cluster"),
            3,
            new MasterConfig(
                "127.0.0.1",
                0,
                1 << 20,
                3,
                Duration.ofSeconds(30),
                Duration.ofMillis(200),
                MasterConfig.DEFAULT_LEASE_TIMEOUT,
                HealingSettings.DEFAULTS.withSafeMode(1, Duration.ZERO)));
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void onceShowsTheLiveChunkserversAndExits() throws Exception {
    Launcher.Run top =
        Launcher.run(
            dir, cluster.masterAddress(), cluster.clientEnvironment(), "admin", "top", "--once");

    assertThat(top.code()).as(top.err()).isZero();
    List<String> lines = top.out().lines().toList();
    assertThat(lines.getFirst()).startsWith("goDFS cluster at ");
    assertThat(top.out())
        .contains("masters     1, keeping the metadata in memory (not a replicated group)\n")
        .contains("nodes       3 live, 0 dead, 0 decommissioning\n")
        .contains("\nNODE             HEALTH ADMIN ");
    for (String node : List.of("chunk-1", "chunk-2", "chunk-3")) {
      assertThat(lines)
          .as("a row for %s", node)
          .anyMatch(l -> l.matches(node + " +LIVE +IN_SERVICE .*"));
    }
    assertThat(top.out()).doesNotContain("\u001b");
  }

  @Test
  void aCallerWithoutAdminIsRefusedWithThePermissionNamed() throws Exception {
    String ritaKey =
        cluster
            .credentials()
            .orElseThrow()
            .addKey(Principal.user("rita", Set.of(), Set.of(Role.READ)), cluster.masterAddress());
    Map<String, String> asRita = new HashMap<>(cluster.clientEnvironment());
    asRita.put("GODFS_CLIENT_API_KEY", ritaKey);

    Launcher.Run top = Launcher.run(dir, cluster.masterAddress(), asRita, "admin", "top", "--once");

    assertThat(top.code()).isEqualTo(1);
    assertThat(top.out()).isEmpty();
    assertThat(top.err())
        .isEqualTo("godfs: admin top: permission denied: rita lacks 'admin' (holds there: read)\n");
  }

  /** A running top into a pipe: frame after frame until SIGTERM (Ctrl-C takes the same path). */
  @Test
  void aSignalEndsARunningTopCleanly() throws Exception {
    Path work = Files.createDirectories(dir.resolve("running"));
    ProcessBuilder pb =
        new ProcessBuilder(Launcher.PATH.toString(), "admin", "top", "--interval", "300ms")
            .directory(work.toFile());
    pb.environment().putAll(cluster.clientEnvironment());
    pb.environment().put("GODFS_MASTER", cluster.masterAddress());
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Path out = work.resolve("stdout.txt");
    Path err = work.resolve("stderr.txt");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    try {
      Waits.until(Duration.ofSeconds(60), "three frames", () -> frames(out) >= 3 || !p.isAlive());
      assertThat(p.isAlive()).as("still running: %s", read(err)).isTrue();
    } finally {
      p.destroy(); // SIGTERM
    }
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();

    assertThat(read(err)).isEmpty();
    String frames = read(out);
    assertThat(frames).startsWith("goDFS cluster at ").endsWith("\n\n");
    assertThat(frames).doesNotContain("\u001b");
  }

  private static int frames(Path out) {
    return read(out).split("goDFS cluster at ", -1).length - 1;
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
