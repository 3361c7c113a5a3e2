package io.godfs.bootstrap.mount;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.adapters.fuse.FuseMount;
import io.godfs.application.port.in.SeekableInput;
import io.godfs.client.GodfsClient;
import io.godfs.domain.file.DfsPath;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code godfs mount} as its own process (the real launcher): fsync'd bytes survive the mount
 * process being killed; SIGTERM writes out buffered bytes and unmounts cleanly; its own listener
 * serves health and metrics, on loopback only when it has no certificate (ADR 0023).
 */
class MountProcessIT {
  static final Path LAUNCHER =
      Path.of(System.getProperty("godfs.launcher", "../godfs")).toAbsolutePath().normalize();
  @TempDir Path dir;
  MountCluster cluster;
  Path mnt;
  Process mount;

  @BeforeEach
  void start() throws IOException {
    cluster = new MountCluster(dir.resolve("cluster"), 3, 1 << 20, 3);
    cluster.client().mkdir(DfsPath.of("/proc"), true);
    mnt = Files.createDirectories(dir.resolve("mnt")).toRealPath();
  }

  @AfterEach
  void stop() throws Exception {
    try {
      if (mount != null && mount.isAlive()) {
        mount.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
      if (FuseMount.isMounted(mnt)) {
        new ProcessBuilder("fusermount", "-u", "-z", mnt.toString())
            .inheritIO()
            .start()
            .waitFor(30, TimeUnit.SECONDS);
      }
    } finally {
      cluster.close();
    }
  }

  /**
   * The launcher starts the mount with two malloc arenas and the serial collector with a 32 MiB
   * young generation and a heap that starts at 64 MiB (its resident memory stays below mfsmount's:
   * docs/benchmarks.md, stops 44 and 46), unless the operator chose otherwise.
   */
  @Test
  void theLauncherSizesTheMountsMemoryUnlessTheOperatorChoseOtherwise() throws Exception {
    mount = startMount();
    assertThat(nulSeparated(mount.pid(), "environ")).contains("MALLOC_ARENA_MAX=2");
    List<String> command = nulSeparated(mount.pid(), "cmdline");
    assertThat(command).contains("-XX:+UseSerialGC", "-Xms64m", "-Xmn32m");
    stopMount();

    mount = startMount(Map.of("MALLOC_ARENA_MAX", "8", "GODFS_JAVA_OPTS", "-Xmn48m -XX:+UseG1GC"));
    assertThat(nulSeparated(mount.pid(), "environ")).contains("MALLOC_ARENA_MAX=8");
    command = nulSeparated(mount.pid(), "cmdline");
    assertThat(command.indexOf("-Xmn48m"))
        .as("the operator's flag comes later, so the JVM takes it: %s", command)
        .isGreaterThan(command.indexOf("-Xmn32m"));
    assertThat(command)
        .as("the operator named a collector: the launcher names none (the JVM refuses two)")
        .contains("-XX:+UseG1GC")
        .doesNotContain("-XX:+UseSerialGC");
  }

  /** A /proc file of the process (the launcher execs the JVM: same pid), split at its NULs. */
  private static List<String> nulSeparated(long pid, String file) throws IOException {
    byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), file));
    return List.of(new String(raw, StandardCharsets.UTF_8).split("\0"));
  }

  private void stopMount() throws Exception {
    mount.destroy();
    assertThat(mount.waitFor(60, TimeUnit.SECONDS)).as("godfs mount exits on SIGTERM").isTrue();
    mount = null;
    assertThat(FuseMount.isMounted(mnt)).as("unmounted on SIGTERM").isFalse();
  }

  private Process startMount(String... more) throws IOException {
    return startMount(Map.of(), more);
  }

  private Process startMount(Map<String, String> environment, String... more) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                LAUNCHER.toString(),
                "mount",
                "--mountpoint",
                mnt.toString(),
                "--prefix",
                "/proc",
                "--master",
                cluster.masterAddress()));
    command.addAll(List.of(more));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().putAll(cluster.clientEnvironment());
    pb.environment().remove("MALLOC_ARENA_MAX");
    pb.environment().putAll(environment);
    pb.redirectErrorStream(true).redirectOutput(dir.resolve("mount.log").toFile());
    Process p = pb.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    // Ready once it announced the mount: by then it also handles SIGTERM (flush, then unmount).
    while (!FuseMount.isMounted(mnt)
        || !Files.readString(dir.resolve("mount.log")).contains("mounted at")) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError(
            "godfs mount did not mount: " + Files.readString(dir.resolve("mount.log")));
      }
      sleep();
    }
    return p;
  }

  @Test
  void fsyncedBytesSurviveKillingTheMountProcess() throws Exception {
    mount = startMount();
    byte[] data = new byte[3 * (1 << 20) + 4321];
    new Random(5).nextBytes(data);
    FileChannel channel =
        FileChannel.open(
            mnt.resolve("synced.bin"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    try {
      channel.write(ByteBuffer.wrap(data));
      channel.write(ByteBuffer.wrap(data, 0, 1000), 100_000); // and a rewrite inside it
      System.arraycopy(data, 0, data, 100_000, 1000);
      channel.force(true);
      mount.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, the file still open
      assertThat(mount.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      try {
        channel.close();
      } catch (IOException expected) {
        // The mount's process is gone: closing its file fails (ENOTCONN) and that is fine here.
      }
    }
    new ProcessBuilder("fusermount", "-u", "-z", mnt.toString())
        .inheritIO()
        .start()
        .waitFor(30, TimeUnit.SECONDS);
    mount = startMount();
    assertThat(Arrays.mismatch(Files.readAllBytes(mnt.resolve("synced.bin")), data)).isEqualTo(-1);
  }

  @Test
  void sigtermWritesOutBufferedBytesAndUnmounts() throws Exception {
    mount = startMount();
    byte[] data = new byte[2 * (1 << 20) + 77];
    new Random(6).nextBytes(data);
    FileChannel channel =
        FileChannel.open(
            mnt.resolve("pending.bin"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    try {
      channel.write(
          ByteBuffer.wrap(data, 5000, 5000), 70_000); // buffered: not at the end of the file
      channel.write(ByteBuffer.wrap(data, 0, 65_000), 0); // the file's end: straight into a stream
      channel.write(
          ByteBuffer.wrap(data, 65_000, data.length - 65_000),
          65_000); // overlaps the buffered bytes
      mount.destroy(); // SIGTERM, while the file is still open
      assertThat(mount.waitFor(60, TimeUnit.SECONDS)).as("godfs mount exits on SIGTERM").isTrue();
    } finally {
      try {
        channel.close();
      } catch (IOException expected) {
        // Unmounted under the open file: its close has nowhere to go.
      }
    }
    assertThat(FuseMount.isMounted(mnt)).as("unmounted").isFalse();
    GodfsClient sdk = cluster.client();
    String log = Files.readString(dir.resolve("mount.log"));
    try (SeekableInput in = sdk.open(DfsPath.of("/proc/pending.bin"))) {
      byte[] stored = in.readAllBytes();
      assertThat(stored.length)
          .as("length written out at SIGTERM; mount log:%n%s", log)
          .isEqualTo(data.length);
      assertThat(Arrays.mismatch(stored, data))
          .as("first mismatch; mount log:%n%s", log)
          .isEqualTo(-1);
    }
  }

  @Test
  void theMountServesItsHealthAndMetricsOnItsListener() throws Exception {
    mount = startMount("--health-listen", "127.0.0.1:0");
    Files.write(mnt.resolve("counted.bin"), new byte[4096]);
    assertThat(Files.exists(mnt.resolve("missing.bin"))).isFalse();
    String log = Files.readString(dir.resolve("mount.log"));
    Matcher listening =
        Pattern.compile("health and metrics on 127\\.0\\.0\\.1:(\\d+)").matcher(log);
    assertThat(listening.find()).as("the listener's address in the mount's log:%n%s", log).isTrue();
    String base = "http://127.0.0.1:" + listening.group(1);

    try (HttpClient http = HttpClient.newHttpClient()) {
      assertThat(get(http, base + "/health/ready").statusCode()).isEqualTo(200);
      HttpResponse<String> metrics = get(http, base + "/metrics");
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body())
          .contains("role=\"mount\"")
          // The mount's calls to the master, as the client side of gRPC counts them.
          .containsPattern(
              "grpc_client_handled_total\\{grpc_code=\"OK\",grpc_method=\"\\w+\","
                  + "grpc_service=\"godfs.api.v1.MasterService\",grpc_type=\"unary\"\\} [1-9]")
          // Its FUSE callbacks by name and result (the errno a program saw), and its client's
          // bytes.
          .containsPattern("godfs_fuse_operations_total\\{op=\"create\",result=\"ok\"\\} [1-9]")
          .containsPattern("godfs_fuse_operations_total\\{op=\"write\",result=\"ok\"\\} [1-9]")
          .containsPattern(
              "godfs_fuse_operations_total\\{op=\"getattr\",result=\"ENOENT\"\\} [1-9]")
          .containsPattern("godfs_fuse_operation_seconds_count\\{op=\"write\"\\} [1-9]")
          .containsPattern("(?m)^godfs_fuse_dirty_bytes \\d")
          .containsPattern("(?m)^godfs_fuse_open_files \\d");
      assertThat(MountMetricsIT.value(metrics.body(), "godfs_client_written_bytes_total"))
          .isGreaterThanOrEqualTo(4096);
    }
  }

  @Test
  void aMountWithoutACertificateKeepsItsListenerOnLoopback() throws Exception {
    Process refused = startMountExpectingExit("--health-listen", "0.0.0.0:0");
    assertThat(refused.exitValue()).isEqualTo(2);
    assertThat(Files.readString(dir.resolve("mount.log")))
        .contains("GODFS_HEALTH_LISTEN")
        .contains("loopback");
    assertThat(FuseMount.isMounted(mnt)).isFalse();
  }

  private Process startMountExpectingExit(String... more) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                LAUNCHER.toString(),
                "mount",
                "--mountpoint",
                mnt.toString(),
                "--master",
                cluster.masterAddress()));
    command.addAll(List.of(more));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().putAll(cluster.clientEnvironment());
    pb.redirectErrorStream(true).redirectOutput(dir.resolve("mount.log").toFile());
    Process p = pb.start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("godfs mount exits").isTrue();
    return p;
  }

  private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void sleep() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
