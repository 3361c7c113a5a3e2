package io.godfs.bootstrap.wiring;

import io.godfs.adapters.grpc.tls.GrpcTls;
import io.godfs.adapters.rest.GatewaySettings;
import io.godfs.bootstrap.config.ChunkserverConfig;
import io.godfs.bootstrap.config.DevConfig;
import io.godfs.bootstrap.config.GatewayConfig;
import io.godfs.bootstrap.config.MasterSecurity;
import io.godfs.bootstrap.gateway.GatewayNode;
import io.godfs.client.CredentialsFile;
import io.godfs.client.GodfsClient;
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
  static final Duration DEAD_AFTER = Duration.ofSeconds(30);
  static final Duration HEARTBEAT = Duration.ofSeconds(2);
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

  private DevCluster() {}

  public static DevCluster start(DevConfig config) {
    DevCluster cluster = new DevCluster();
    try {
      if (config.security().on()) {
        cluster.security = DevSecurity.prepare(config.dataDir());
      }
      Optional<String> clusterKey =
          cluster.security == null ? Optional.empty() : Optional.of(cluster.security.clusterKey());
      cluster.masterAddresses =
          DevMasters.start(
              config,
              DEAD_AFTER,
              HEARTBEAT,
              cluster.security == null ? MasterSecurity.OFF : cluster.security.masters(),
              cluster.masters);
      if (cluster.security != null) {
        cluster.certificates =
            DevCertificates.from(cluster.masters.getFirst(), cluster.security.folder());
      }
      for (int i = 0; i < config.chunkservers(); i++) {
        String nodeId = "chunk-" + (i + 1);
        Optional<GrpcTls> tls =
            cluster.certificates == null
                ? Optional.empty()
                : Optional.of(cluster.certificates.chunkserver(nodeId));
        int port = config.firstChunkPort() == 0 ? 0 : config.firstChunkPort() + i;
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
                tls));
      }
      if (cluster.certificates != null) {
        cluster.authorityFile = cluster.certificates.authorityFile();
      }
      awaitRegistration(cluster.chunkservers);
      if (config.gatewayPort() != DevConfig.NO_GATEWAY) {
        cluster.startGateway(GatewaySettings.defaults(config.listenHost(), config.gatewayPort()));
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

  private void startGateway(GatewaySettings settings) {
    if (security != null) {
      // It acts for each caller, with the caller's own credential; its janitor as the admin.
      gateway =
          GatewayNode.start(
              new GatewayConfig(
                  masterAddresses,
                  settings,
                  Optional.of(DevCertificates.clientOf(authorityFile)),
                  Optional.of(certificates.gateway()),
                  Optional.of(security.adminKey())));
    } else {
      gatewayClient = GodfsClient.connect(masterAddresses);
      gateway = GatewayNode.start(gatewayClient, settings, Clock.systemUTC());
    }
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
  }
}
