package io.godfs.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.adapters.metadataratis.LoopbackPorts;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deployments/local/cluster.sh: a master and three chunkservers as separate processes. */
class LocalClusterScriptIT {
  static final Path LAUNCHER = Launcher.PATH;
  static final Path SCRIPT = LAUNCHER.getParent().resolve("deployments/local/cluster.sh");
  @TempDir Path dir;

  /** Four consecutive free ports would be luck; one free port per role instead. */
  static int freePort() {
    return LoopbackPorts.free();
  }

  record Run(int code, String output) {}

  Run run(Map<String, String> env, String... command) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().putAll(env);
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish within 180 s");
    }
    return new Run(p.exitValue(), output);
  }

  /** What a port answers an HTTP/2 client that does not speak TLS: -1 when it closes. */
  static int plaintextAnswer(int port) throws IOException {
    try (Socket plaintext = new Socket("127.0.0.1", port)) {
      plaintext.setSoTimeout(10_000);
      plaintext
          .getOutputStream()
          .write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      plaintext.getOutputStream().flush();
      try {
        return plaintext.getInputStream().read();
      } catch (SocketException reset) {
        return -1;
      }
    }
  }

  static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void startsAClusterOfSeparateProcessesThatStoresFilesAndStopsIt() throws Exception {
    int master = freePort();
    // The script takes three consecutive chunkserver ports from the first one: all three must be
    // free (a CI run once failed with one of them taken, so only 2 of 3 chunkservers came up).
    int firstChunk = freeRange(3);
    while (master >= firstChunk && master <= firstChunk + 2) {
      firstChunk = freeRange(3);
    }
    Map<String, String> env =
        Map.of(
            "GODFS_LOCAL_MASTER_PORT",
            String.valueOf(master),
            "GODFS_LOCAL_FIRST_CHUNK_PORT",
            String.valueOf(firstChunk),
            "GODFS_MASTER",
            "127.0.0.1:" + master);
    Path data = dir.resolve("cluster");
    try {
      Run start = run(env, SCRIPT.toString(), "start", data.toString());
      assertThat(start.code()).as(() -> start.output() + logs(data)).isZero();
      assertThat(start.output())
          .contains("goDFS running", data.resolve("security/admin.key").toString());

      // Secured by default: without the admin's key the master does not know who calls.
      Map<String, String> stranger = new HashMap<>(env);
      stranger.put("GODFS_TLS_ENABLED", "1");
      stranger.put("GODFS_TLS_CA_FILE", data.resolve("security/ca.crt").toString());
      Run refused = run(stranger, LAUNCHER.toString(), "fs", "ls", "/");
      assertThat(refused.code()).as(refused.output()).isNotZero();
      assertThat(refused.output()).containsIgnoringCase("credential");
      env = asAdmin(env, data);

      Path local = dir.resolve("in.txt");
      Files.writeString(local, "separate processes");
      assertThat(run(env, LAUNCHER.toString(), "fs", "put", local.toString(), "/x.txt").code())
          .isZero();
      Run cat = run(env, LAUNCHER.toString(), "fs", "cat", "/x.txt");
      assertThat(cat.output()).isEqualTo("separate processes");
      for (int i = 1; i <= 3; i++) {
        assertThat(data.resolve("chunk-" + i).resolve("index")).isDirectory();
      }
    } finally {
      run(env, SCRIPT.toString(), "stop", data.toString());
    }
    int masterPort = master;
    Waits.until(
        Duration.ofSeconds(30), "the master to stop listening", () -> !listening(masterPort));
  }

  /** {@code env} plus what DIR/security/client.env sets: the CA to trust and the admin's key. */
  static Map<String, String> asAdmin(Map<String, String> env, Path data) {
    Map<String, String> admin = new HashMap<>(env);
    admin.put("GODFS_TLS_ENABLED", "1");
    admin.put("GODFS_TLS_CA_FILE", data.resolve("security/ca.crt").toString());
    admin.put("GODFS_CLIENT_API_KEY", "@" + data.resolve("security/admin.key"));
    return admin;
  }

  /**
   * The last lines of every node's log, for a failure message (the temp folder goes with the test).
   */
  static String logs(Path data) {
    StringBuilder out = new StringBuilder();
    try (var files = Files.list(data.resolve("logs"))) {
      for (Path log : files.sorted().toList()) {
        List<String> lines = Files.readAllLines(log);
        out.append("\n--- ")
            .append(log.getFileName())
            .append(" (last 20 lines)\n")
            .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
      }
    } catch (IOException e) {
      out.append("\n(no logs: ").append(e.getMessage()).append(')');
    }
    return out.toString();
  }

  /** {@code n} consecutive ports that are free now (checked one by one), below 65000. */
  static int freeRange(int n) throws IOException {
    while (true) {
      int first = freePort();
      if (first + n >= 65000) {
        continue;
      }
      boolean allFree = true;
      for (int p = first; p < first + n && allFree; p++) {
        try (ServerSocket s = new ServerSocket(p)) {
          s.setReuseAddress(true);
        } catch (IOException taken) {
          allFree = false;
        }
      }
      if (allFree) {
        return first;
      }
    }
  }

  @Test
  void threeMastersStartedWithTheSeedVariablesRunRaftOverTlsAndSurviveTheLeadersDeath()
      throws Exception {
    int masters = freeRange(3);
    int raft = freeRange(3);
    int chunks = freeRange(3);
    while (Math.abs(raft - masters) < 3
        || Math.abs(chunks - masters) < 3
        || Math.abs(chunks - raft) < 3) {
      raft = freeRange(3);
      chunks = freeRange(3);
    }
    String list =
        "127.0.0.1:" + masters + ",127.0.0.1:" + (masters + 1) + ",127.0.0.1:" + (masters + 2);
    Map<String, String> env =
        Map.of(
            "GODFS_LOCAL_MASTERS",
            "3",
            "GODFS_LOCAL_MASTER_PORT",
            String.valueOf(masters),
            "GODFS_LOCAL_FIRST_RAFT_PORT",
            String.valueOf(raft),
            "GODFS_LOCAL_FIRST_CHUNK_PORT",
            String.valueOf(chunks),
            "GODFS_MASTER",
            list);
    Path data = dir.resolve("raft-cluster");
    try {
      Run start = run(env, SCRIPT.toString(), "start", data.toString());
      assertThat(start.code()).as(start.output()).isZero();
      assertThat(start.output()).contains("goDFS running: master " + list);
      // Secured by default, Raft included: the masters' Raft ports speak only TLS, with
      // certificates from the CA the script made once (its key readable by its owner only).
      for (int p = raft; p < raft + 3; p++) {
        int answer;
        try {
          answer = plaintextAnswer(p);
        } catch (ConnectException refused) {
          throw new AssertionError("nothing listens on Raft port " + p + logs(data), refused);
        }
        assertThat(answer).as("plaintext on Raft port " + p).isEqualTo(-1);
      }
      assertThat(Files.getPosixFilePermissions(data.resolve("security/ca/ca.key")))
          .containsExactlyInAnyOrder(
              PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
      env = asAdmin(env, data);
      Path local = dir.resolve("in.txt");
      Files.writeString(local, "three masters");
      assertThat(run(env, LAUNCHER.toString(), "fs", "put", local.toString(), "/x.txt").code())
          .isZero();

      Run listed = run(env, LAUNCHER.toString(), "admin", "masters", "list");
      assertThat(listed.code()).as(listed.output()).isZero();
      String leader =
          listed
              .output()
              .lines()
              .filter(l -> l.endsWith("leader"))
              .map(l -> l.split("\\s+")[0])
              .findFirst()
              .orElseThrow(() -> new AssertionError("no leader in: " + listed.output()));
      long pid =
          Long.parseLong(
              Files.readString(data.resolve("master-" + leader.substring(1) + ".pid")).strip());
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);

      // Clients and chunkservers follow the new leader: the file is still there and readable.
      Run cat = run(env, LAUNCHER.toString(), "fs", "cat", "/x.txt");
      assertThat(cat.output()).as("cat after killing " + leader).endsWith("three masters");
      Run after = run(env, LAUNCHER.toString(), "admin", "masters", "list");
      assertThat(after.output().lines().filter(l -> l.endsWith("leader")).toList())
          .singleElement()
          .asString()
          .doesNotStartWith(leader + " ");

      // stop returns once every process has exited, so the directory can go at once (a master
      // still writes its Raft files while it shuts down).
      List<Long> pids = new ArrayList<>();
      try (var files = Files.newDirectoryStream(data, "*.pid")) {
        for (Path f : files) {
          pids.add(Long.parseLong(Files.readString(f).strip()));
        }
      }
      assertThat(pids).hasSize(6); // 3 masters (one killed above) and 3 chunkservers
      Run stop = run(env, SCRIPT.toString(), "stop", data.toString());
      assertThat(stop.code()).as(stop.output()).isZero();
      assertThat(pids)
          .as("processes still running when stop returned")
          .noneMatch(p -> ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false));
    } finally {
      run(env, SCRIPT.toString(), "stop", data.toString());
    }
  }
}
