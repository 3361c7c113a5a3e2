package io.godfs.bootstrap.e2e;

import io.godfs.adapters.grpc.ChannelPool;
import io.godfs.adapters.grpc.GrpcMasterClient;
import io.godfs.application.client.ClientSettings;
import io.godfs.application.master.HealingSettings;
import io.godfs.bootstrap.config.ChunkserverConfig;
import io.godfs.bootstrap.config.MasterConfig;
import io.godfs.bootstrap.config.MasterSecurity;
import io.godfs.bootstrap.wiring.ChunkserverNode;
import io.godfs.bootstrap.wiring.MasterNode;
import io.godfs.client.GodfsClient;
import io.godfs.domain.chunk.LocatedChunk;
import io.godfs.domain.file.DfsPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A real in-process cluster for end-to-end tests: a master and N chunkservers on free ports of
 * 127.0.0.1, data in a temp folder, talking real gRPC. Close it in a finally/@AfterEach.
 */
final class TestCluster implements AutoCloseable {
  private MasterNode master;
  private final Path dir;
  private final List<ChunkserverNode> chunkservers = new ArrayList<>();
  private final List<GodfsClient> clients = new ArrayList<>();
  private final Optional<String> clusterKey;
  private final MasterSecurity security;

  /** Null when the test configured the master's security itself (or switched it off). */
  private final ClusterCredentials credentials;

  TestCluster(Path dir, int chunkservers, long chunkSize, int replication) {
    this(dir, chunkservers, chunkSize, replication, Duration.ofSeconds(30));
  }

  /**
   * {@code deadAfter}: how long the master waits for a silent chunkserver before calling it dead.
   */
  TestCluster(Path dir, int chunkservers, long chunkSize, int replication, Duration deadAfter) {
    this(dir, chunkservers, chunkSize, replication, deadAfter, MasterConfig.DEFAULT_LEASE_TIMEOUT);
  }

  /**
   * {@code leaseTimeout}: how long a writer may stay silent before the master recovers its files.
   */
  TestCluster(
      Path dir,
      int chunkservers,
      long chunkSize,
      int replication,
      Duration deadAfter,
      Duration leaseTimeout) {
    this(
        dir,
        chunkservers,
        new MasterConfig(
            "127.0.0.1",
            0,
            chunkSize,
            replication,
            deadAfter,
            Duration.ofMillis(200),
            leaseTimeout,
            HealingSettings.DEFAULTS.withSafeMode(1, Duration.ZERO)));
  }

  /**
   * A cluster whose master runs with {@code config} (port 0, heartbeat every 200 ms expected),
   * secured as an operator secures one ({@link ClusterCredentials}): TLS everywhere, nodes named by
   * certificates, chunk access tokens, API keys and the audit trail. Its clients present the admin
   * key.
   */
  TestCluster(Path dir, int chunkservers, MasterConfig config) {
    this(dir, chunkservers, config, ClusterCredentials.in(dir));
  }

  private TestCluster(
      Path dir, int chunkservers, MasterConfig config, ClusterCredentials credentials) {
    this(dir, chunkservers, config, credentials.master(), Optional.empty(), credentials);
  }

  /** The same with security off: for the tests of what an open cluster does. */
  static TestCluster insecure(Path dir, int chunkservers, MasterConfig config) {
    return new TestCluster(dir, chunkservers, config, MasterSecurity.OFF, Optional.empty());
  }

  /**
   * A cluster whose master checks its callers as {@code security} says, and whose chunkservers
   * present {@code clusterKey}.
   */
  TestCluster(
      Path dir,
      int chunkservers,
      MasterConfig config,
      MasterSecurity security,
      Optional<String> clusterKey) {
    this(dir, chunkservers, config, security, clusterKey, null);
  }

  private TestCluster(
      Path dir,
      int chunkservers,
      MasterConfig config,
      MasterSecurity security,
      Optional<String> clusterKey,
      ClusterCredentials credentials) {
    this.dir = dir;
    this.clusterKey = clusterKey;
    this.credentials = credentials;
    this.security = security;
    this.master = MasterNode.start(config, security);
    try {
      for (int i = 0; i < chunkservers; i++) {
        this.chunkservers.add(startChunkserver(i));
      }
      awaitLiveNodes(chunkservers);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private ChunkserverNode startChunkserver(int i) {
    return startChunkserver(i, 0, false);
  }

  private ChunkserverNode startChunkserver(int i, long capacityBytes, boolean directWrites) {
    String id = "chunk-" + (i + 1);
    return ChunkserverNode.start(
        ChunkserverConfig.of(
                masterAddress(),
                "127.0.0.1",
                0,
                dir.resolve(id),
                id,
                null,
                capacityBytes,
                Duration.ofMillis(200))
            .withDirectWrites(directWrites),
        clusterKey,
        credentials == null ? Optional.empty() : credentials.chunkserver(id));
  }

  /**
   * Starts one more chunkserver offering {@code capacityBytes} (0 = measure the disk), under the
   * next id.
   */
  ChunkserverNode addChunkserver(long capacityBytes) {
    return addChunkserver(capacityBytes, false);
  }

  /** As {@link #addChunkserver(long)}, appending to its replicas around the page cache or not. */
  ChunkserverNode addChunkserver(long capacityBytes, boolean directWrites) {
    ChunkserverNode node = startChunkserver(chunkservers.size(), capacityBytes, directWrites);
    chunkservers.add(node);
    return node;
  }

  /**
   * Starts chunkserver {@code i} (0-based, closed before) again on its data folder, under its id.
   */
  ChunkserverNode restartChunkserver(int i) {
    ChunkserverNode node = startChunkserver(i);
    chunkservers.set(i, node);
    return node;
  }

  /**
   * Stops the master and starts a new one on the same port with {@code config}: its in-memory
   * namespace is empty.
   */
  void restartMaster(MasterConfig config) {
    int port = master.port();
    master.close();
    master = MasterNode.start(config.withPort(port), security);
  }

  MasterNode master() {
    return master;
  }

  String masterAddress() {
    return "127.0.0.1:" + master.port();
  }

  /** A client that reads co-located replicas straight from their files (the default). */
  GodfsClient client() {
    return client(ClientSettings.DEFAULTS);
  }

  /** A client that always reads over gRPC, as a client on another machine does. */
  GodfsClient networkClient() {
    return client(ClientSettings.DEFAULTS.withLocalReads(false));
  }

  GodfsClient client(ClientSettings settings) {
    return client(settings, credentials == null ? Optional.empty() : credentials.adminKey());
  }

  /** A client presenting {@code apiKey} (empty: no credential). */
  GodfsClient client(Optional<String> apiKey) {
    return client(ClientSettings.DEFAULTS, apiKey);
  }

  private GodfsClient client(ClientSettings settings, Optional<String> apiKey) {
    GodfsClient c =
        GodfsClient.connect(
            masterAddress(),
            settings,
            apiKey,
            credentials == null ? Optional.empty() : credentials.client());
    clients.add(c);
    return c;
  }

  /** What the cluster is secured with; empty when the test configured it (or security is off). */
  Optional<ClusterCredentials> credentials() {
    return Optional.ofNullable(credentials);
  }

  /** What a client process (the CLI) needs in its environment to reach this cluster. */
  Map<String, String> clientEnvironment() {
    return credentials == null ? Map.of() : credentials.clientEnvironment();
  }

  /** Connections to the cluster's ports as its admin client (plaintext when security is off). */
  ChannelPool channels() {
    return credentials == null ? new ChannelPool() : credentials.channels();
  }

  List<ChunkserverNode> chunkservers() {
    return chunkservers;
  }

  /** Waits (bounded) until {@code n} chunkservers have registered with the master. */
  void awaitLiveNodes(int n) {
    Waits.until(
        Duration.ofSeconds(20),
        n + " chunkservers to register",
        () -> chunkservers.stream().filter(ChunkserverNode::isRegistered).count() >= n);
  }

  /** Live chunkservers as the master counts them. */
  int liveNodes() {
    try (var master = channels()) {
      return new GrpcMasterClient(masterAddress(), master, Duration.ofSeconds(5))
          .clusterInfo()
          .liveNodes();
    }
  }

  /**
   * Where the master says a file's chunks are (live replicas of the committed version), asked over
   * gRPC.
   */
  List<LocatedChunk> locate(DfsPath path) {
    try (var channels = channels()) {
      return new GrpcMasterClient(masterAddress(), channels, Duration.ofSeconds(5))
          .locate(path, 0, 0)
          .chunks();
    }
  }

  /** Every chunk file (one per replica) under a chunkserver's data folder. */
  static List<Path> chunkFiles(ChunkserverNode node) {
    try (Stream<Path> files = Files.walk(node.dataDir())) {
      return files.filter(p -> p.getFileName().toString().endsWith(".chunk")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    clients.forEach(GodfsClient::close);
    chunkservers.forEach(ChunkserverNode::close);
    master.close();
  }
}
