package io.godfs.bootstrap.e2e;

import static io.godfs.domain.access.Role.ADMIN;

import io.godfs.adapters.grpc.tls.GrpcTls;
import io.godfs.adapters.grpc.tls.TestCertificates;
import io.godfs.adapters.grpc.tls.TestCertificates.Ca;
import io.godfs.adapters.grpc.tls.TestCertificates.Issued;
import io.godfs.adapters.identity.ApiKeyFile;
import io.godfs.adapters.metadataratis.LoopbackPorts;
import io.godfs.adapters.telemetry.NodeMetrics;
import io.godfs.application.client.ClientSettings;
import io.godfs.application.master.HealingSettings;
import io.godfs.bootstrap.config.ChunkserverConfig;
import io.godfs.bootstrap.config.ConfigLoader;
import io.godfs.bootstrap.config.GatewayConfig;
import io.godfs.bootstrap.config.MasterConfig;
import io.godfs.bootstrap.config.MasterSecurity;
import io.godfs.bootstrap.config.RaftConfig;
import io.godfs.bootstrap.config.Role;
import io.godfs.bootstrap.gateway.GatewayNode;
import io.godfs.bootstrap.wiring.ChunkserverNode;
import io.godfs.bootstrap.wiring.MasterNode;
import io.godfs.bootstrap.wiring.NodeListener;
import io.godfs.bootstrap.wiring.Readiness;
import io.godfs.client.GodfsClient;
import io.godfs.domain.access.Principal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every port of a secured goDFS, configured the way an operator does (the seed's GODFS_TLS_*, an
 * API keys file, an HS256 JWT secret): three Ratis masters whose Raft runs mutual TLS, three
 * chunkservers named by their certificates, the REST gateway over HTTPS requiring a client
 * certificate, and two health listeners, one with client certificates optional (the default) and
 * one with them required. Built here, not with the shared harnesses, so that the matrix states its
 * own configuration.
 */
final class MatrixCluster implements AutoCloseable {
  static final int CHUNK = 1 << 20;
  static final String JWT_SECRET = "matrix-jwt-secret-0123456789abcdef-0123";

  final Ca ca;
  final Ca otherCa;

  /** A user certificate of the cluster CA that names no one with any role (CN=probe). */
  final Issued member;

  /** The same name, from a CA the cluster does not trust. */
  final Issued stranger;

  final Issued masterIdentity;
  final String rootKey;
  final int[] clientPorts = new int[3];
  final int[] raftPorts = new int[3];
  final List<MasterNode> masters = new ArrayList<>();
  final List<ChunkserverNode> chunkservers = new ArrayList<>();
  final Optional<GrpcTls> chunkserverTls;
  GatewayNode gateway;

  /** The optional listener's scrape token (GODFS_METRICS_TOKEN_FILE). */
  static final String SCRAPE_TOKEN = "c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00";

  /** The gateway's listener: its HTTPS certificate, the cluster CA, no scrape token. */
  NodeListener gatewayListener;

  /** A master's listener, with /metrics behind the certificate-or-token rule. */
  NodeListener optionalHealth;

  NodeListener requiredHealth;
  private final List<AutoCloseable> running = new ArrayList<>();

  MatrixCluster(Path dir) {
    ca = TestCertificates.newCa(dir.resolve("pki"), "cluster-ca");
    otherCa = TestCertificates.newCa(dir.resolve("other-pki"), "other-ca");
    member = ca.issue("CN=probe");
    stranger = otherCa.issue("CN=probe");
    masterIdentity = ca.issue("CN=m0,OU=master");
    Path keys = dir.resolve("api-keys");
    rootKey =
        ApiKeyFile.addKey(
            keys, Principal.user("root", Set.of(), Set.of(ADMIN)), new SecureRandom());
    try {
      startMasters(dir, keys);
      Map<String, String> nodeEnv = tlsEnv(ca.issue("CN=chunk-1,OU=chunkserver"));
      chunkserverTls = new ConfigLoader(nodeEnv).tls(Role.CHUNKSERVER, Map.of());
      startChunkservers(dir, nodeEnv);
      startGateway();
      Path tokenFile = dir.resolve("scrape-token");
      Files.writeString(tokenFile, SCRAPE_TOKEN);
      optionalHealth =
          started(
              NodeListener.start(
                  "127.0.0.1",
                  0,
                  masters.getFirst().readiness(),
                  masterTls(),
                  false,
                  Optional.of(
                      new NodeListener.Metrics(
                          NodeMetrics.of("goDFS test", "master", "m0").handler(),
                          Optional.of(tokenFile)))));
      requiredHealth =
          started(
              NodeListener.start(
                  "127.0.0.1", 0, chunkservers.getFirst().readiness(), chunkserverTls, true));
    } catch (IOException e) {
      close();
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private <T extends AutoCloseable> T started(T node) {
    running.add(node);
    return node;
  }

  Map<String, String> tlsEnv(Issued identity) {
    Map<String, String> env = new HashMap<>();
    env.put("GODFS_TLS_ENABLED", "1");
    env.put("GODFS_TLS_CA_FILE", ca.certificate().toString());
    env.put("GODFS_TLS_CERT_FILE", identity.chain().toString());
    env.put("GODFS_TLS_KEY_FILE", identity.key().toString());
    return env;
  }

  private Map<String, String> masterEnv(Issued identity, Path keys) {
    Map<String, String> env = tlsEnv(identity);
    env.put("GODFS_API_KEYS_FILE", keys.toString());
    env.put("GODFS_JWT_HMAC_SECRET", JWT_SECRET);
    return env;
  }

  private Path keysFile;

  private Optional<GrpcTls> masterTls() {
    return new ConfigLoader(masterEnv(masterIdentity, keysFile))
        .masterSecurity(Map.of())
        .transport();
  }

  private void startMasters(Path dir, Path keys) {
    keysFile = keys;
    List<String> peers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      clientPorts[i] = LoopbackPorts.free();
      raftPorts[i] = LoopbackPorts.free();
      peers.add("m" + i + "@127.0.0.1:" + raftPorts[i] + "@127.0.0.1:" + clientPorts[i]);
    }
    for (int i = 0; i < 3; i++) {
      Issued identity = i == 0 ? masterIdentity : ca.issue("CN=m" + i + ",OU=master");
      MasterSecurity security =
          new ConfigLoader(masterEnv(identity, keys)).masterSecurity(Map.of());
      MasterConfig config =
          new MasterConfig(
                  "127.0.0.1",
                  clientPorts[i],
                  CHUNK,
                  3,
                  Duration.ofSeconds(30),
                  Duration.ofMillis(200),
                  MasterConfig.DEFAULT_LEASE_TIMEOUT,
                  HealingSettings.DEFAULTS.withSafeMode(1, Duration.ZERO))
              .withRaft(
                  new RaftConfig(
                      "m" + i,
                      "127.0.0.1:" + raftPorts[i],
                      dir.resolve("raft-m" + i),
                      peers,
                      true,
                      "127.0.0.1:" + clientPorts[i]));
      masters.add(started(MasterNode.start(config, security)));
    }
    Waits.until(
        Duration.ofSeconds(30),
        "a leader elected over mutual TLS Raft",
        () -> masters.stream().anyMatch(MasterNode::isLeader));
  }

  private void startChunkservers(Path dir, Map<String, String> firstEnv) {
    for (int i = 1; i <= 3; i++) {
      Map<String, String> env =
          i == 1 ? firstEnv : tlsEnv(ca.issue("CN=chunk-" + i + ",OU=chunkserver"));
      chunkservers.add(
          started(
              ChunkserverNode.start(
                  ChunkserverConfig.of(
                      addresses(),
                      "127.0.0.1",
                      0,
                      dir.resolve("chunk-" + i),
                      "chunk-" + i,
                      null,
                      0,
                      Duration.ofMillis(200)),
                  Optional.empty(),
                  new ConfigLoader(env).tls(Role.CHUNKSERVER, Map.of()))));
    }
    Waits.until(
        Duration.ofSeconds(30),
        "3 chunkservers registered by their certificates",
        () -> chunkservers.stream().allMatch(ChunkserverNode::isRegistered));
  }

  /** HTTPS with a client certificate of the cluster CA required; callers' bearers go on. */
  private void startGateway() {
    Issued https = ca.issue("CN=gateway");
    Issued toMasters = ca.issue("CN=gateway,OU=client");
    Map<String, String> env = new HashMap<>();
    env.put("GODFS_MASTER", addresses());
    env.put("GODFS_GATEWAY_LISTEN", "127.0.0.1:0");
    env.put("GODFS_REST_HTTPS_ENABLED", "1");
    env.put("GODFS_REST_TLS_CERT_FILE", https.chain().toString());
    env.put("GODFS_REST_TLS_KEY_FILE", https.key().toString());
    env.put("GODFS_REST_TLS_CA_FILE", ca.certificate().toString());
    env.put("GODFS_TLS_ENABLED", "1");
    env.put("GODFS_TLS_CA_FILE", ca.certificate().toString());
    env.put("GODFS_TLS_CLIENT_CERT_FILE", toMasters.chain().toString());
    env.put("GODFS_TLS_CLIENT_KEY_FILE", toMasters.key().toString());
    env.put("GODFS_CLIENT_API_KEY", rootKey);
    GatewayConfig config = new ConfigLoader(env).gateway(Map.of());
    gateway = started(GatewayNode.start(config));
    // The gateway's own listener, as `godfs gateway --health-listen` starts it.
    gatewayListener =
        started(
            NodeListener.start(
                "127.0.0.1",
                0,
                Readiness.ALWAYS,
                config.listenerTls(),
                false,
                Optional.of(
                    new NodeListener.Metrics(
                        NodeMetrics.of("goDFS test", "gateway", "gateway").handler(),
                        Optional.empty()))));
  }

  String addresses() {
    List<String> out = new ArrayList<>();
    for (int port : clientPorts) {
      out.add("127.0.0.1:" + port);
    }
    return String.join(",", out);
  }

  /** A client's TLS: presenting {@code identity} (or nothing), trusting the cluster CA. */
  GrpcTls clientTls(Optional<Issued> identity) {
    return new GrpcTls(
        Optional.empty(), identity.map(Issued::files), List.of(ca.certificate()), Optional.empty());
  }

  /** Root's SDK client, over mutual TLS, reading over the network. */
  GodfsClient root() {
    return started(
        GodfsClient.connect(
            addresses(),
            ClientSettings.DEFAULTS.withLocalReads(false),
            Optional.of(rootKey),
            Optional.of(clientTls(Optional.of(member)))));
  }

  @Override
  public void close() {
    for (AutoCloseable c : running.reversed()) {
      try {
        c.close();
      } catch (Exception e) {
        // Closing the rest matters more than why one did not close.
      }
    }
    running.clear();
  }
}
