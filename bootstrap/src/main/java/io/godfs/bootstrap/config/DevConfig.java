package io.godfs.bootstrap.config;

import io.godfs.adapters.telemetry.TraceExport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code dev} all-in-one: a master on {@code masterPort} and {@code chunkservers} chunkservers
 * on consecutive ports from {@code firstChunkPort} (0 = ephemeral), data in {@code
 * dataDir/chunk-<n>}, and the REST gateway on {@code gatewayPort} ({@value #DEFAULT_GATEWAY_PORT}
 * by default, 0 = ephemeral, {@value #NO_GATEWAY} = none); one master in memory, or a replicated
 * group of {@code masters}. {@code trashGrace}: how long the masters keep deleted paths in their
 * trash (ADR 0024; zero = none).
 */
public record DevConfig(
    Path dataDir,
    String listenHost,
    int masterPort,
    int firstChunkPort,
    int chunkservers,
    long chunkSize,
    int replication,
    int gatewayPort,
    int masters,
    Security security,
    Watch watch,
    Duration trashGrace) {
  public static final int DEFAULT_GATEWAY_PORT = 8080;

  /** How often the dev chunkservers report to the masters. */
  public static final Duration HEARTBEAT = Duration.ofSeconds(2);

  /**
   * How the dev cluster is watched: from which port its nodes serve {@code /metrics} and health,
   * one port each ({@value #NO_METRICS} = none, 0 = free ports), how long a silent chunkserver
   * takes to count as dead, and where each node sends its spans (each as its role's service).
   */
  public record Watch(int metricsPort, Duration deadAfter, Optional<TraceExport> tracing) {
    public static final int NO_METRICS = -1;
    public static final Watch DEFAULT = new Watch(NO_METRICS, Duration.ofSeconds(30));

    /** Untraced. */
    public Watch(int metricsPort, Duration deadAfter) {
      this(metricsPort, deadAfter, Optional.empty());
    }

    public Watch {
      Objects.requireNonNull(tracing, "tracing");
      if (metricsPort != NO_METRICS) {
        Guards.port("metricsPort", metricsPort);
      }
      if (deadAfter.compareTo(HEARTBEAT) <= 0) {
        throw new IllegalArgumentException(
            "GODFS_NODE_DEAD_AFTER : "
                + deadAfter.toSeconds()
                + "s (expected: longer than the dev chunkservers' heartbeat, 2s)");
      }
    }

    public boolean metrics() {
      return metricsPort != NO_METRICS;
    }
  }

  /** A dev cluster watched as by default: no metrics, chunkservers dead after 30 s. */
  public DevConfig(
      Path dataDir,
      String listenHost,
      int masterPort,
      int firstChunkPort,
      int chunkservers,
      long chunkSize,
      int replication,
      int gatewayPort,
      int masters,
      Security security) {
    this(
        dataDir,
        listenHost,
        masterPort,
        firstChunkPort,
        chunkservers,
        chunkSize,
        replication,
        gatewayPort,
        masters,
        security,
        Watch.DEFAULT,
        Duration.ZERO);
  }

  /** The same cluster, watched as {@code choice} says. */
  public DevConfig withWatch(Watch choice) {
    return new DevConfig(
        dataDir,
        listenHost,
        masterPort,
        firstChunkPort,
        chunkservers,
        chunkSize,
        replication,
        gatewayPort,
        masters,
        security,
        choice,
        trashGrace);
  }

  /**
   * The same cluster, its masters keeping deleted paths in their trash for {@code grace} (zero:
   * deletes are immediate, ADR 0024).
   */
  public DevConfig withTrashGrace(Duration grace) {
    return new DevConfig(
        dataDir,
        listenHost,
        masterPort,
        firstChunkPort,
        chunkservers,
        chunkSize,
        replication,
        gatewayPort,
        masters,
        security,
        watch,
        grace);
  }

  /**
   * Whether the dev cluster checks its callers ({@code godfs dev} does unless {@code --insecure}),
   * and which credentials file ({@code ~/.godfs/credentials}) it writes its admin credential into
   * for the clients on this machine.
   */
  public record Security(boolean on, Path credentialsFile) {
    /**
     * No credential asked, none written: what tests and benchmarks that build a dev cluster get.
     */
    public static final Security OFF = new Security(false, Path.of("/dev/null"));

    public Security {
      Objects.requireNonNull(credentialsFile, "credentialsFile");
    }
  }

  /** A dev cluster without security (tests and benchmarks). */
  public DevConfig(
      Path dataDir,
      String listenHost,
      int masterPort,
      int firstChunkPort,
      int chunkservers,
      long chunkSize,
      int replication,
      int gatewayPort,
      int masters) {
    this(
        dataDir,
        listenHost,
        masterPort,
        firstChunkPort,
        chunkservers,
        chunkSize,
        replication,
        gatewayPort,
        masters,
        Security.OFF);
  }

  public static final int NO_GATEWAY = -1;

  public DevConfig(
      Path dataDir,
      String listenHost,
      int masterPort,
      int firstChunkPort,
      int chunkservers,
      long chunkSize,
      int replication) {
    this(
        dataDir,
        listenHost,
        masterPort,
        firstChunkPort,
        chunkservers,
        chunkSize,
        replication,
        DEFAULT_GATEWAY_PORT);
  }

  public DevConfig(
      Path dataDir,
      String listenHost,
      int masterPort,
      int firstChunkPort,
      int chunkservers,
      long chunkSize,
      int replication,
      int gatewayPort) {
    this(
        dataDir,
        listenHost,
        masterPort,
        firstChunkPort,
        chunkservers,
        chunkSize,
        replication,
        gatewayPort,
        1);
  }

  public DevConfig withGatewayPort(int port) {
    return new DevConfig(
        dataDir,
        listenHost,
        masterPort,
        firstChunkPort,
        chunkservers,
        chunkSize,
        replication,
        port,
        masters,
        security,
        watch,
        trashGrace);
  }

  /**
   * {@code count} 1: one master with its namespace in memory; 3 or 5: a Ratis group on consecutive
   * ports from {@code masterPort}, Raft on the ports 100 above, logs under {@code
   * dataDir/master-<n>}.
   */
  public DevConfig withMasters(int count) {
    return new DevConfig(
        dataDir,
        listenHost,
        masterPort,
        firstChunkPort,
        chunkservers,
        chunkSize,
        replication,
        gatewayPort,
        count,
        security,
        watch,
        trashGrace);
  }

  /** The same cluster, checking its callers or not. */
  public DevConfig withSecurity(Security choice) {
    return new DevConfig(
        dataDir,
        listenHost,
        masterPort,
        firstChunkPort,
        chunkservers,
        chunkSize,
        replication,
        gatewayPort,
        masters,
        choice,
        watch,
        trashGrace);
  }

  public DevConfig {
    if (gatewayPort != NO_GATEWAY) {
      Guards.port("gatewayPort", gatewayPort);
    }
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(listenHost, "listenHost");
    Objects.requireNonNull(security, "security");
    Objects.requireNonNull(watch, "watch");
    Objects.requireNonNull(trashGrace, "trashGrace");
    Guards.port("masterPort", masterPort);
    Guards.port("firstChunkPort", firstChunkPort);
    if (masters != 1 && masters != 3 && masters != 5) {
      throw new IllegalArgumentException("masters : " + masters + " (expected: 1, 3 or 5)");
    }
    if (chunkservers < 1) {
      throw new IllegalArgumentException("chunkservers : " + chunkservers + " (expected: >= 1)");
    }
  }
}
