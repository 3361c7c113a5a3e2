package io.godfs.bootstrap.cli;

import io.godfs.adapters.grpc.tls.GrpcTls;
import io.godfs.adapters.telemetry.NodeMetrics;
import io.godfs.bootstrap.config.ChunkserverConfig;
import io.godfs.bootstrap.config.DevConfig;
import io.godfs.bootstrap.config.MasterConfig;
import io.godfs.bootstrap.config.MasterSecurity;
import io.godfs.bootstrap.wiring.Readiness;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Starts the server processes for the {@code master}, {@code chunkserver} and {@code dev} commands.
 * Each method returns once the node serves (ports bound) or throws; closing the handle stops it.
 */
public interface NodeLauncher {

  RunningNode startMaster(MasterConfig config, MasterSecurity security);

  /** {@code clusterKey}: what the chunkserver presents to the masters, if they ask for one. */
  RunningNode startChunkserver(ChunkserverConfig config, Optional<String> clusterKey);

  /**
   * As {@link #startChunkserver(ChunkserverConfig, Optional)}, with TLS on its gRPC server and
   * connections when {@code tls} is given. A launcher of real nodes overrides it; the default is
   * for stand-ins that start nothing on the network.
   */
  default RunningNode startChunkserver(
      ChunkserverConfig config, Optional<String> clusterKey, Optional<GrpcTls> tls) {
    return startChunkserver(config, clusterKey);
  }

  /**
   * As the methods above, feeding {@code metrics} when given (ADR 0023): every call the node's gRPC
   * server serves, and a master's cluster figures. Stand-ins that start nothing on the network keep
   * the defaults.
   */
  default RunningNode startMaster(
      MasterConfig config, MasterSecurity security, Optional<NodeMetrics> metrics) {
    return startMaster(config, security);
  }

  /** As {@link #startMaster(MasterConfig, MasterSecurity, Optional)}, for a chunkserver. */
  default RunningNode startChunkserver(
      ChunkserverConfig config,
      Optional<String> clusterKey,
      Optional<GrpcTls> tls,
      Optional<NodeMetrics> metrics) {
    return startChunkserver(config, clusterKey, tls);
  }

  /**
   * As {@link #startMaster(MasterConfig, MasterSecurity, Optional)}, every call the master serves
   * and each Raft commit a span of {@code tracing} (ADR 0023).
   */
  default RunningNode startMaster(
      MasterConfig config,
      MasterSecurity security,
      Optional<NodeMetrics> metrics,
      OpenTelemetry tracing) {
    return startMaster(config, security, metrics);
  }

  /** As above, for a chunkserver: every call it serves and makes (the pipeline's hops). */
  default RunningNode startChunkserver(
      ChunkserverConfig config,
      Optional<String> clusterKey,
      Optional<GrpcTls> tls,
      Optional<NodeMetrics> metrics,
      OpenTelemetry tracing) {
    return startChunkserver(config, clusterKey, tls, metrics);
  }

  RunningDev startDev(DevConfig config);

  /**
   * A started master or chunkserver, the port it actually listens on and whether it is ready for
   * traffic.
   */
  record RunningNode(int port, AutoCloseable handle, Readiness readiness) {
    public RunningNode(int port, AutoCloseable handle) {
      this(port, handle, Readiness.ALWAYS);
    }
  }

  /**
   * A started dev cluster and the ports it actually listens on ({@code gatewayPort} -1 = no
   * gateway).
   */
  record RunningDev(
      int masterPort,
      List<Integer> chunkPorts,
      int gatewayPort,
      AutoCloseable handle,
      String masterAddresses,
      Optional<Path> adminKeyFile,
      Optional<Path> credentialsFile,
      Optional<Path> authorityFile,
      List<String> metricsUrls,
      Optional<Path> scrapeConfig) {
    public RunningDev {
      chunkPorts = List.copyOf(chunkPorts);
      metricsUrls = List.copyOf(metricsUrls);
    }

    /** A dev cluster whose nodes serve no metrics. */
    public RunningDev(
        int masterPort,
        List<Integer> chunkPorts,
        int gatewayPort,
        AutoCloseable handle,
        String masterAddresses,
        Optional<Path> adminKeyFile,
        Optional<Path> credentialsFile,
        Optional<Path> authorityFile) {
      this(
          masterPort,
          chunkPorts,
          gatewayPort,
          handle,
          masterAddresses,
          adminKeyFile,
          credentialsFile,
          authorityFile,
          List.of(),
          Optional.empty());
    }

    /** A dev cluster without security. */
    public RunningDev(
        int masterPort,
        List<Integer> chunkPorts,
        int gatewayPort,
        AutoCloseable handle,
        String masterAddresses) {
      this(
          masterPort,
          chunkPorts,
          gatewayPort,
          handle,
          masterAddresses,
          Optional.empty(),
          Optional.empty(),
          Optional.empty());
    }

    public RunningDev(
        int masterPort, List<Integer> chunkPorts, int gatewayPort, AutoCloseable handle) {
      this(masterPort, chunkPorts, gatewayPort, handle, "127.0.0.1:" + masterPort);
    }

    public RunningDev(int masterPort, List<Integer> chunkPorts, AutoCloseable handle) {
      this(masterPort, chunkPorts, -1, handle);
    }
  }
}
