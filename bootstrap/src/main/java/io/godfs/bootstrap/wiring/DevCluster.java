package io.godfs.bootstrap.wiring;

import io.godfs.adapters.grpc.tls.GrpcTls;
import io.godfs.adapters.rest.GatewaySettings;
import io.godfs.adapters.telemetry.NodeMetrics;
import io.godfs.adapters.telemetry.NodeTracing;
import io.godfs.application.port.out.ChunkIoMeter;
import io.godfs.application.port.out.ClientIoMeter;
import io.godfs.application.port.out.HttpMeter;
import io.godfs.application.port.out.RpcMeter;
import io.godfs.bootstrap.config.ChunkserverConfig;
import io.godfs.bootstrap.config.DevConfig;
import io.godfs.bootstrap.config.GatewayConfig;
import io.godfs.bootstrap.config.MasterSecurity;
import io.godfs.bootstrap.gateway.GatewayNode;
import io.godfs.client.CredentialsFile;
import io.godfs.client.GodfsClient;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code dev} all-in-one: a master and N chunkservers in one JVM, data under one folder ({@code
 * <data>/chunk-<n>}), and the REST gateway unless turned off; returned once every chunkserver has
 * registered.
 */
public final class DevCluster implements AutoCloseable {
  static final Duration HEARTBEAT = DevConfig.HEARTBEAT;
  private static final Duration REGISTRATION_WAIT = Duration.ofSeconds(30);

  private final List<MasterNode> masters = new ArrayList<>();
  private final List<ChunkserverNode> chunkservers = new ArrayList<>();
  private String masterAddresses;
  private GodfsClient gatewayClient;
  private GatewayNode gateway;
  private DevSecurity security;
  private DevCertificates certificates;
  private Path authorityFile;
  private List<String> remembered = List.of();
  private Path credentialsFile;
  private DevMetrics metrics;
  private Path scrapeConfig;
  private final List<NodeTracing> tracings = new ArrayList<>();

  private DevCluster() {}

  public static DevCluster start(DevConfig config) {
    DevCluster cluster = new DevCluster();
    try {
      if (config.security().on()) {
        cluster.security = DevSecurity.prepare(config.dataDir());
      }
      Optional<String> clusterKey =
          cluster.security == null ? Optional.empty() : Optional.of(cluster.security.clusterKey());
      boolean watched = config.watch().metrics();
      if (watched) {
        cluster.metrics =
            DevMetrics.prepare(
                config.dataDir(),
                config.listenHost(),
                config.watch().metricsPort(),
                Optional.ofNullable(cluster.security).map(DevSecurity::folder));
      }
      List<NodeMetrics> masterMetrics = new ArrayList<>();
      for (int i = 0; watched && i < config.masters(); i++) {
        masterMetrics.add(DevMetrics.registry("master", masterName(config, i)));
      }
      cluster.masterAddresses =
          DevMasters.start(
              config,
              config.watch().deadAfter(),
              HEARTBEAT,
              cluster.security == null ? MasterSecurity.OFF : cluster.security.masters(),
              i ->
                  (watched
                          ? new MasterMeters(
                              masterMetrics.get(i).rpc(),
                              masterMetrics.get(i).metadata(),
                              masterMetrics.get(i).healing())
                          : MasterMeters.NONE)
                      .tracedBy(cluster.tracing(config, "master", masterName(config, i))),
              cluster.masters);
      if (cluster.security != null) {
        cluster.certificates =
            DevCertificates.from(cluster.masters.getFirst(), cluster.security.folder());
      }
      Optional<GrpcTls> listenerTls =
          watched && cluster.certificates != null
              ? Optional.of(cluster.certificates.listener())
              : Optional.empty();
      for (int i = 0; i < masterMetrics.size(); i++) {
        MasterNode master = cluster.masters.get(i);
        masterMetrics.get(i).watchCluster(master.clusterFigures());
        masterMetrics.get(i).watchNamespace(master.clusterFigures());
        masterMetrics.get(i).watchLeadership(master.leadership());
        cluster.metrics.serve("master", masterMetrics.get(i), master.readiness(), listenerTls);
      }
      for (int i = 0; i < config.chunkservers(); i++) {
        String nodeId = "chunk-" + (i + 1);
        Optional<GrpcTls> tls =
            cluster.certificates == null
                ? Optional.empty()
                : Optional.of(cluster.certificates.chunkserver(nodeId));
        int port = config.firstChunkPort() == 0 ? 0 : config.firstChunkPort() + i;
        Optional<NodeMetrics> nodeMetrics =
            watched ? Optional.of(DevMetrics.registry("chunkserver", nodeId)) : Optional.empty();
        cluster.chunkservers.add(
            ChunkserverNode.start(
                ChunkserverConfig.of(
                    cluster.masterAddresses,
                    config.listenHost(),
                    port,
                    config.dataDir().resolve(nodeId),
                    nodeId,
                    null,
                    0,
                    HEARTBEAT),
                clusterKey,
                tls,
                nodeMetrics.<RpcMeter>map(NodeMetrics::rpc).orElse(RpcMeter.NONE),
                nodeMetrics.<ChunkIoMeter>map(NodeMetrics::chunkIo).orElse(ChunkIoMeter.NONE),
                cluster.tracing(config, "chunkserver", nodeId)));
        ChunkserverNode started = cluster.chunkservers.getLast();
        nodeMetrics.ifPresent(
            m -> {
              m.watchChunkserver(started.figures());
              cluster.metrics.serve("chunkserver", m, started.readiness(), listenerTls);
            });
      }
      if (cluster.certificates != null) {
        cluster.authorityFile = cluster.certificates.authorityFile();
      }
      awaitRegistration(cluster.chunkservers);
      if (config.gatewayPort() != DevConfig.NO_GATEWAY) {
        Optional<NodeMetrics> gatewayMetrics =
            watched ? Optional.of(DevMetrics.registry("gateway", "gateway")) : Optional.empty();
        cluster.startGateway(
            GatewaySettings.defaults(config.listenHost(), config.gatewayPort()),
            gatewayMetrics,
            cluster.tracing(config, "gateway", "gateway"));
        gatewayMetrics.ifPresent(
            m -> cluster.metrics.serve("gateway", m, Readiness.ALWAYS, listenerTls));
      }
      if (watched) {
        cluster.scrapeConfig =
            cluster.metrics.writeScrapeConfig(Optional.ofNullable(cluster.authorityFile));
      }
      if (cluster.security != null) {
        cluster.rememberCredential(config.security().credentialsFile());
      }
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /**
   * The spans of the dev node {@code name} of {@code role}, as service {@code godfs-<role>}, when
   * the dev cluster traces; the no-op API otherwise. Closed with the cluster, after the nodes.
   */
  private OpenTelemetry tracing(DevConfig config, String role, String name) {
    if (config.watch().tracing().isEmpty()) {
      return OpenTelemetry.noop();
    }
    NodeTracing node =
        NodeTracing.start(config.watch().tracing().get().named("godfs-" + role), name);
    tracings.add(node);
    return node.openTelemetry();
  }

  private static String masterName(DevConfig config, int i) {
    return config.masters() == 1 ? "master" : "m" + (i + 1);
  }

  private void startGateway(
      GatewaySettings settings, Optional<NodeMetrics> metrics, OpenTelemetry tracing) {
    HttpMeter http = metrics.<HttpMeter>map(NodeMetrics::http).orElse(HttpMeter.NONE);
    if (security != null) {
      // It acts for each caller, with the caller's own credential; its janitor as the admin.
      gateway =
          GatewayNode.start(
              new GatewayConfig(
                  masterAddresses,
                  settings,
                  Optional.of(DevCertificates.clientOf(authorityFile)),
                  Optional.of(certificates.gateway()),
                  Optional.of(security.adminKey())),
              metrics.<RpcMeter>map(NodeMetrics::rpc).orElse(RpcMeter.NONE),
              http,
              metrics.<ClientIoMeter>map(NodeMetrics::clientIo).orElse(ClientIoMeter.NONE),
              tracing);
    } else {
      gatewayClient = GodfsClient.connect(masterAddresses);
      gateway =
          GatewayNode.start(gatewayClient, settings, Clock.systemUTC(), Optional.empty(), http);
    }
  }

  /** Each node's {@code /metrics} address; empty unless asked for ({@code --metrics-port}). */
  public List<String> metricsUrls() {
    return metrics == null ? List.of() : metrics.urls(authorityFile != null);
  }

  /** The Prometheus configuration written for the nodes' metrics, if they are served. */
  public Optional<Path> scrapeConfig() {
    return Optional.ofNullable(scrapeConfig);
  }

  /**
   * Stops chunkserver {@code nodeId} ({@code chunk-<n>}) while the rest runs on: the masters then
   * see it go silent and heal its chunks, as when a machine dies. Its metrics listener keeps
   * answering, as a dead machine's would not; its figures no longer change.
   */
  public void stopChunkserver(String nodeId) {
    ChunkserverNode node =
        chunkservers.stream()
            .filter(c -> c.location().id().value().equals(nodeId))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no chunkserver " + nodeId));
    chunkservers.remove(node);
    node.close();
  }

  /**
   * Writes the admin credential's file into the user's credentials file for each master address
   * (and its {@code localhost} spelling), so the CLI and the SDK on this machine present it with no
   * setup; removed again at close.
   */
  private void rememberCredential(Path file) {
    List<String> addresses = new ArrayList<>();
    for (String address : masterAddresses.split(",")) {
      addresses.add(address);
      addresses.add(address.replace("127.0.0.1:", "localhost:"));
    }
    CredentialsFile.remember(file, addresses, security.adminKeyFile(), Optional.of(authorityFile));
    credentialsFile = file;
    remembered = addresses;
  }

  /** Where the admin's API key is; empty when the cluster runs without security. */
  public Optional<Path> adminKeyFile() {
    return Optional.ofNullable(security).map(DevSecurity::adminKeyFile);
  }

  /** The CA certificate clients trust; empty when the cluster runs without security. */
  public Optional<Path> authorityFile() {
    return Optional.ofNullable(authorityFile);
  }

  /** The credentials file the admin credential was written into, if any. */
  public Optional<Path> credentialsFile() {
    return Optional.ofNullable(credentialsFile);
  }

  private static void awaitRegistration(List<ChunkserverNode> nodes) {
    long deadline = System.nanoTime() + REGISTRATION_WAIT.toNanos();
    for (ChunkserverNode node : nodes) {
      while (!node.isRegistered()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "chunkserver " + node.location() + " did not register within " + REGISTRATION_WAIT);
        }
        Thread.onSpinWait();
        try {
          Thread.sleep(20); // polling a real condition with a deadline, not synchronising on time
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for chunkservers", e);
        }
      }
    }
  }

  public int masterPort() {
    return masters.getFirst().port();
  }

  /** Every master's client address, comma-separated (what clients are given). */
  public String masterAddresses() {
    return masterAddresses;
  }

  public List<Integer> chunkPorts() {
    return chunkservers.stream().map(ChunkserverNode::port).toList();
  }

  /** The REST gateway's port, or -1 when it was turned off. */
  public int gatewayPort() {
    return gateway == null ? DevConfig.NO_GATEWAY : gateway.port();
  }

  @Override
  public void close() {
    if (metrics != null) {
      metrics.close();
    }
    if (credentialsFile != null) {
      try {
        CredentialsFile.forget(credentialsFile, remembered);
      } catch (RuntimeException e) {
        // The cluster stops anyway; a stale line names a key file that still exists.
      }
    }
    if (gateway != null) {
      gateway.close();
    }
    if (gatewayClient != null) {
      gatewayClient.close();
    }
    chunkservers.forEach(ChunkserverNode::close);
    if (certificates != null) {
      certificates.close();
    }
    masters.forEach(MasterNode::close);
    tracings.forEach(NodeTracing::close); // after the nodes: their last spans go out
  }
}
