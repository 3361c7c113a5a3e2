package io.godfs.bootstrap.e2e;

import io.godfs.adapters.metadataratis.LoopbackPorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A chunkserver run as its own OS process by the real {@code godfs} launcher, so that a test can
 * SIGKILL it: no shutdown hook, no close of RocksDB or of any file, exactly what a crash leaves.
 * Each start logs to its own file. {@link #close()} kills the process; call it even when a test
 * fails.
 */
final class ChunkserverProcess implements AutoCloseable {
  private final String masterAddress;
  private final String id;
  private final Path dataDir;
  private final Path logDir;
  private final int port;
  private final Map<String, String> environment;
  private Process process;
  private Path log;
  private int starts;

  /**
   * Not started yet: {@link #start()} it. Listens on a free port of 127.0.0.1, the same one at
   * every start.
   */
  ChunkserverProcess(
      String masterAddress, String id, Path dataDir, Path logDir, Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
    this.masterAddress = masterAddress;
    this.id = id;
    this.dataDir = dataDir;
    this.logDir = logDir;
    this.port = LoopbackPorts.free();
  }

  String id() {
    return id;
  }

  Path dataDir() {
    return dataDir;
  }

  /** Starts the process; {@link #awaitRegistered()} waits for it to join the cluster. */
  ChunkserverProcess start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException(id + " is already running");
    }
    try {
      Files.createDirectories(logDir);
      log = logDir.resolve(id + "-" + (++starts) + ".log");
      ProcessBuilder pb =
          new ProcessBuilder(Launcher.PATH.toString(), "chunkserver")
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
      pb.environment().putAll(environment);
      pb.environment().put("GODFS_MASTER", masterAddress);
      pb.environment().put("GODFS_NODE_ID", id);
      pb.environment().put("GODFS_CHUNK_LISTEN", "127.0.0.1:" + port);
      pb.environment().put("GODFS_ADVERTISE_ADDR", "127.0.0.1:" + port);
      pb.environment().put("GODFS_CHUNK_DATA", dataDir.toString());
      pb.environment().put("GODFS_HEARTBEAT_INTERVAL", "200ms");
      pb.environment().put("GODFS_SCRUB_RATE", "0"); // the tests look at the disk themselves
      pb.environment().put("GODFS_JAVA_OPTS", "-Xmx256m");
      process = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("start chunkserver " + id, e);
    }
    return this;
  }

  /** Waits (bounded) until the running process logged its registration with the master. */
  ChunkserverProcess awaitRegistered() {
    try {
      Waits.until(
          Duration.ofSeconds(60),
          id + " to register with the master",
          () -> {
            if (!process.isAlive()) {
              throw new AssertionError(id + " exited with " + process.exitValue());
            }
            return logText().contains("registered with the master");
          });
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + logTail(), e);
    }
    return this;
  }

  /** SIGKILL (Process.destroyForcibly on Linux), then waits until the process is gone. */
  void kill() {
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new AssertionError(id + " (pid " + process.pid() + ") still runs 30 s after SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted killing " + id, e);
    }
  }

  /** The last lines of the current log, for failure messages. */
  String logTail() {
    List<String> lines = logText().lines().toList();
    return "\n--- "
        + id
        + " log (last 30 lines)\n"
        + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }

  private String logText() {
    try {
      return log == null || !Files.exists(log) ? "" : Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    kill();
  }
}
