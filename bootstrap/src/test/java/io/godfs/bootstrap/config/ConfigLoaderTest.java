package io.godfs.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.client.CredentialsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {
  private static final long MIB = 1 << 20;
  private final Map<String, String> env = new HashMap<>();
  private final Map<Setting, String> flags = new HashMap<>();

  /** What {@code godfs dev} runs with by default. */
  private static final DevConfig.Security SECURED =
      new DevConfig.Security(true, CredentialsFile.location(Map.of()));

  private ConfigLoader loader() {
    return new ConfigLoader(env);
  }

  @Test
  void defaultsMatchTheOriginal() {
    assertThat(loader().master(flags))
        .isEqualTo(
            new MasterConfig("", 9090, 64 * MIB, 3, Duration.ofSeconds(30), Duration.ofSeconds(2)));
    assertThat(loader().chunkserver(flags))
        .isEqualTo(
            ChunkserverConfig.of(
                "127.0.0.1:9090",
                "",
                8000,
                Path.of("./chunkdata"),
                "chunk-1",
                "127.0.0.1:8000",
                0,
                Duration.ofSeconds(2)));
    assertThat(loader().dev(flags))
        .isEqualTo(
            new DevConfig(Path.of("./godfs-data"), "127.0.0.1", 9090, 8000, 3, 64 * MIB, 3)
                .withSecurity(SECURED));
    assertThat(loader().client(flags)).isEqualTo(new ClientConfig("127.0.0.1:9090"));
  }

  @Test
  void readsTheEnvironment() {
    env.putAll(
        Map.of(
            "GODFS_MASTER_LISTEN",
            "127.0.0.1:7000",
            "GODFS_CHUNK_SIZE_BYTES",
            "1048576",
            "GODFS_REPLICATION",
            "2",
            "GODFS_NODE_DEAD_AFTER",
            "1m30s",
            "GODFS_HEARTBEAT_INTERVAL",
            "500ms"));
    env.putAll(
        Map.of(
            "GODFS_MASTER",
            "master.local:9191",
            "GODFS_CHUNK_LISTEN",
            "[::1]:8100",
            "GODFS_CHUNK_DATA",
            "/var/godfs",
            "GODFS_NODE_ID",
            "rack1.node_2",
            "GODFS_ADVERTISE_ADDR",
            "10.0.0.5:8100",
            "GODFS_CHUNK_CAPACITY_BYTES",
            "500GiB"));

    assertThat(loader().master(flags))
        .isEqualTo(
            new MasterConfig(
                "127.0.0.1", 7000, MIB, 2, Duration.ofSeconds(90), Duration.ofMillis(500)));
    assertThat(loader().chunkserver(flags))
        .isEqualTo(
            ChunkserverConfig.of(
                "master.local:9191",
                "::1",
                8100,
                Path.of("/var/godfs"),
                "rack1.node_2",
                "10.0.0.5:8100",
                500L << 30,
                Duration.ofMillis(500)));
    assertThat(loader().client(flags).masterAddress()).isEqualTo("master.local:9191");
  }

  @Test
  void theMasterKeepsSmallFilesInlineUnlessToldNotTo() {
    assertThat(loader().master(flags).inlineMaxBytes()).isEqualTo(4096);
    env.put("GODFS_MASTER_INLINE_MAX_BYTES", "0");
    assertThat(loader().master(flags).inlineMaxBytes()).isZero();
  }

  @Test
  void flagsOverrideTheEnvironmentAndBlankVariablesAreUnset() {
    env.put("GODFS_REPLICATION", "2");
    env.put("GODFS_CHUNK_SIZE_BYTES", " ");
    env.put("GODFS_MASTER", "env-master:1");
    flags.put(Setting.REPLICATION, "5");
    flags.put(Setting.MASTER, "flag-master:2");

    assertThat(loader().master(flags).replication()).isEqualTo(5);
    assertThat(loader().master(flags).chunkSize()).isEqualTo(64 * MIB);
    assertThat(loader().client(flags).masterAddress()).isEqualTo("flag-master:2");
  }

  @Test
  void anyRaftVariableSelectsReplicatedMetadataAsInTheSeed() {
    env.put("GODFS_MASTER_NODE_ID", "m2");
    env.put("GODFS_MASTER_RAFT_LISTEN", "10.0.0.2:9200");
    env.put("GODFS_MASTER_RAFT_DIR", "/var/lib/godfs/raft");
    env.put("GODFS_MASTER_PEERS", "m1@10.0.0.1:9200@10.0.0.1:9090,m3@10.0.0.3:9200@10.0.0.3:9090");
    env.put("GODFS_MASTER_BOOTSTRAP", "true");
    env.put("GODFS_MASTER_ADVERTISE_ADDR", "10.0.0.2:9090");

    RaftConfig raft = raft(loader().master(flags));

    assertThat(raft.nodeId()).isEqualTo("m2");
    assertThat(raft.raftAddress()).isEqualTo("10.0.0.2:9200");
    assertThat(raft.dir()).isEqualTo(Path.of("/var/lib/godfs/raft"));
    assertThat(raft.bootstrap()).isTrue();
    assertThat(raft.electionTimeout()).isEqualTo(RaftConfig.DEFAULT_ELECTION_TIMEOUT);
    // The seed lets the peer list leave this master out: it is added with its advertised address.
    assertThat(raft.peers())
        .containsExactly(
            "m1@10.0.0.1:9200@10.0.0.1:9090",
            "m3@10.0.0.3:9200@10.0.0.3:9090",
            "m2@10.0.0.2:9200@10.0.0.2:9090");

    env.put("GODFS_MASTER_ELECTION_TIMEOUT", "2s");
    assertThat(raft(loader().master(flags)).electionTimeout()).isEqualTo(Duration.ofSeconds(2));
    env.put("GODFS_MASTER_ELECTION_TIMEOUT", "50ms");
    assertRejected(
        ConfigLoader::master,
        "GODFS_MASTER_ELECTION_TIMEOUT (--election-timeout) : 50ms (expected: a"
            + " duration from 100ms to 60s like 500ms or 2s)");
    env.remove("GODFS_MASTER_ELECTION_TIMEOUT");

    env.put("GODFS_MASTER_PEERS", "m1@nohost");
    assertRejected(
        ConfigLoader::master,
        "GODFS_MASTER_PEERS (--peers) : m1@nohost (expected: comma-separated id@raftHost:port@clientHost:port");
  }

  @Test
  void theMemoryBackendIsTheDefaultAndCanBeForced() {
    assertThat(loader().master(flags).metadata()).isEqualTo(new MetadataBackend.Memory());
    env.put("GODFS_MASTER_NODE_ID", "m1");
    env.put("GODFS_METADATA_BACKEND", "memory");
    assertThat(loader().master(flags).metadata()).isEqualTo(new MetadataBackend.Memory());
  }

  @Test
  void theGoMastersGrpcListenNameIsAnAlias() {
    env.put("GODFS_MASTER_GRPC_LISTEN", ":9300");

    assertThat(loader().master(flags).port()).isEqualTo(9300);
  }

  @Test
  void anEphemeralChunkserverPortLeavesTheAdvertisedAddressToTheNode() {
    flags.put(Setting.CHUNK_LISTEN, "127.0.0.1:0");

    ChunkserverConfig config = loader().chunkserver(flags);

    assertThat(config.port()).isZero();
    assertThat(config.advertiseAddress()).isNull();
  }

  @Test
  void devReplicationDefaultsToTheChunkserverCountWhenFewerThanThree() {
    flags.put(Setting.DEV_CHUNKSERVERS, "1");
    flags.put(Setting.DEV_MASTER_PORT, "0");
    flags.put(Setting.DEV_FIRST_CHUNK_PORT, "0");

    assertThat(loader().dev(flags))
        .isEqualTo(
            new DevConfig(Path.of("./godfs-data"), "127.0.0.1", 0, 0, 1, 64 * MIB, 1)
                .withSecurity(SECURED));
  }

  @Test
  void aClientGivenNoCredentialFindsItsMastersCredentialAndCaInTheCredentialsFile(@TempDir Path dir)
      throws Exception {
    Path key = Files.writeString(dir.resolve("admin.key"), "godfs_secret");
    Path ca = dir.resolve("ca.crt");
    Path file = dir.resolve("credentials");
    CredentialsFile.remember(file, List.of("127.0.0.1:9090"), key, Optional.of(ca));
    env.put("GODFS_CREDENTIALS_FILE", file.toString());

    ClientConfig found = loader().client(flags);
    assertThat(found.apiKey()).contains("godfs_secret");
    assertThat(found.tls().orElseThrow().trustedAuthorities()).containsExactly(ca.toAbsolutePath());

    flags.put(Setting.MASTER, "10.0.0.9:9090"); // another master: its credential is not sent there
    assertThat(loader().client(flags).apiKey()).isEmpty();
    assertThat(loader().client(flags).tls()).isEmpty();
  }

  @Test
  void devChecksItsCallersUnlessInsecureAndRemembersItsCredentialWhereTheUserSays() {
    env.put("GODFS_CREDENTIALS_FILE", "/tmp/creds");
    assertThat(loader().dev(flags).security())
        .isEqualTo(new DevConfig.Security(true, Path.of("/tmp/creds")));
    env.put("GODFS_DEV_INSECURE", "1");
    assertThat(loader().dev(flags).security().on()).isFalse();
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      GODFS_REPLICATION        | 0          | GODFS_REPLICATION (--replication) : 0 (expected: an integer 1-16)
      GODFS_REPLICATION        | 17         | GODFS_REPLICATION (--replication) : 17 (expected: an integer 1-16)
      GODFS_REPLICATION        | three      | GODFS_REPLICATION (--replication) : three (expected: an integer 1-16)
      GODFS_CHUNK_SIZE_BYTES   | 1000       | GODFS_CHUNK_SIZE_BYTES (--chunk-size) : 1000 (expected: a multiple of 64KiB from 64KiB to 1GiB, like 64MiB or 67108864)
      GODFS_CHUNK_SIZE_BYTES   | 100000     | GODFS_CHUNK_SIZE_BYTES (--chunk-size) : 100000 (expected: a multiple of 64KiB
      GODFS_CHUNK_SIZE_BYTES   | 2GiB       | GODFS_CHUNK_SIZE_BYTES (--chunk-size) : 2GiB (expected: a multiple of 64KiB
      GODFS_CHUNK_SIZE_BYTES   | 64MB       | GODFS_CHUNK_SIZE_BYTES (--chunk-size) : 64MB (expected: a multiple of 64KiB
      GODFS_MASTER_LISTEN      | 9090       | GODFS_MASTER_LISTEN (--listen) : 9090 (expected: [host]:port to listen on, like :9090 or 127.0.0.1:9090)
      GODFS_MASTER_LISTEN      | :70000     | GODFS_MASTER_LISTEN (--listen) : :70000 (expected: [host]:port
      GODFS_MASTER_GRPC_LISTEN | :x         | GODFS_MASTER_GRPC_LISTEN (--listen) : :x (expected: [host]:port
      GODFS_NODE_DEAD_AFTER    | 30         | GODFS_NODE_DEAD_AFTER (--dead-after) : 30 (expected: a duration > 0 like 30s or 1m)
      GODFS_NODE_DEAD_AFTER    | 0          | GODFS_NODE_DEAD_AFTER (--dead-after) : 0 (expected: a duration > 0 like 30s or 1m)
      GODFS_NODE_DEAD_AFTER    | 1s         | GODFS_NODE_DEAD_AFTER (--dead-after) : 1s (expected: a duration longer than the heartbeat interval 2s (GODFS_HEARTBEAT_INTERVAL (--heartbeat-interval)))
      GODFS_HEARTBEAT_INTERVAL | 2 seconds  | GODFS_HEARTBEAT_INTERVAL (--heartbeat-interval) : 2 seconds (expected: a duration > 0 like 2s or 500ms)
      GODFS_METADATA_BACKEND   | raft       | GODFS_METADATA_BACKEND (--metadata) : raft (expected: memory or ratis)
      GODFS_MASTER_BOOTSTRAP   | 1          | GODFS_MASTER_NODE_ID (--master-id) is required with replicated metadata
      GODFS_MASTER_INLINE_MAX_BYTES | 5000  | GODFS_MASTER_INLINE_MAX_BYTES (--inline-max) : 5000 (expected: an integer 0-4096
      GODFS_SOFT_DELETE_GRACE  | 7          | GODFS_SOFT_DELETE_GRACE (--soft-delete-grace) : 7 (expected: a duration from 0 (off: deletes are immediate) to 365d, like 30s, 1h or 7d)
      GODFS_SOFT_DELETE_GRACE  | 366d       | GODFS_SOFT_DELETE_GRACE (--soft-delete-grace) : 366d (expected: a duration from 0
      GODFS_SOFT_DELETE_GRACE  | -1s        | GODFS_SOFT_DELETE_GRACE (--soft-delete-grace) : -1s (expected: a duration from 0
      """)
  void badMasterValuesAreRejectedNamingTheSetting(String variable, String value, String message) {
    env.put(variable, value);

    assertRejected(ConfigLoader::master, message);
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      GODFS_MASTER               | localhost      | GODFS_MASTER (--master) : localhost (expected: host:port of the master, or of every master comma-separated, like 127.0.0.1:9090)
      GODFS_MASTER               | host:0         | GODFS_MASTER (--master) : host:0 (expected: host:port
      GODFS_CHUNK_LISTEN         | 8000           | GODFS_CHUNK_LISTEN (--listen) : 8000 (expected: [host]:port to listen on, like :8000 or 127.0.0.1:8000)
      GODFS_NODE_ID              | -chunk         | GODFS_NODE_ID (--node-id) : -chunk (expected: 1-128 characters [A-Za-z0-9][A-Za-z0-9._-]*, like chunk-1)
      GODFS_NODE_ID              | chunk/1        | GODFS_NODE_ID (--node-id) : chunk/1 (expected: 1-128 characters
      GODFS_ADVERTISE_ADDR       | 0.0.0.0:8000   | GODFS_ADVERTISE_ADDR (--advertise) : 0.0.0.0:8000 (expected: host:port that clients and other chunkservers can reach, like 10.0.0.5:8000)
      GODFS_ADVERTISE_ADDR       | 10.0.0.5       | GODFS_ADVERTISE_ADDR (--advertise) : 10.0.0.5 (expected: host:port that clients
      GODFS_CHUNK_CAPACITY_BYTES | -1             | GODFS_CHUNK_CAPACITY_BYTES (--capacity) : -1 (expected: a size >= 0 like 500GiB or 536870912000 (0 = measure the disk))
      GODFS_CHUNK_CAPACITY_BYTES | 99999999999TiB | GODFS_CHUNK_CAPACITY_BYTES (--capacity) : 99999999999TiB (expected: a size >= 0
      GODFS_HEARTBEAT_INTERVAL   | 0s             | GODFS_HEARTBEAT_INTERVAL (--heartbeat-interval) : 0s (expected: a duration > 0 like 2s or 500ms)
      GODFS_CHUNK_DIRECT_WRITES  | direct         | GODFS_CHUNK_DIRECT_WRITES (--direct-writes) : direct (expected: true or false
      """)
  void badChunkserverValuesAreRejectedNamingTheSetting(
      String variable, String value, String message) {
    env.put(variable, value);

    assertRejected(ConfigLoader::chunkserver, message);
  }

  @Test
  void aBlankNodeIdGivenAsAFlagIsRejected() {
    flags.put(Setting.NODE_ID, "");

    assertRejected(
        ConfigLoader::chunkserver, "GODFS_NODE_ID (--node-id) : '' (expected: 1-128 characters");
  }

  @Test
  void aBadFlagValueNamesTheFlagAndItsVariable() {
    env.put("GODFS_REPLICATION", "3");
    flags.put(Setting.REPLICATION, "0");

    assertRejected(
        ConfigLoader::master, "GODFS_REPLICATION (--replication) : 0 (expected: an integer 1-16)");
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      DEV_CHUNKSERVERS     | 0    | --chunkservers : 0 (expected: an integer 1-16)
      DEV_MASTER_PORT      | -1   | --port : -1 (expected: a port 0-65535 (0 = any free port))
      DEV_FIRST_CHUNK_PORT | http | --first-chunk-port : http (expected: a port 0-65535 (0 = any free ports))
      DEV_FIRST_CHUNK_PORT | 9089 | --first-chunk-port : 9089 (expected: chunkserver ports 9089-9091 that do not include the master port 9090 (--port))
      DEV_FIRST_CHUNK_PORT | 65534 | --first-chunk-port : 65534 (expected: a port low enough for 3 chunkservers (at most 65533))
      REPLICATION          | 4    | GODFS_REPLICATION (--replication) : 4 (expected: at most the number of dev chunkservers, 3 (--chunkservers))
      DATA                 | ' '  | GODFS_CHUNK_DATA (--data) : ' ' (expected: a directory path)
      """)
  void badDevValuesAreRejected(Setting setting, String value, String message) {
    flags.put(setting, value);

    assertRejected(ConfigLoader::dev, message);
  }

  @Test
  void devRejectsAReplicationFromTheEnvironmentAboveTheChunkserverCount() {
    env.put("GODFS_REPLICATION", "3");
    flags.put(Setting.DEV_CHUNKSERVERS, "2");

    assertRejected(
        ConfigLoader::dev,
        "GODFS_REPLICATION (--replication) : 3 (expected: at most the number of dev chunkservers, 2 (--chunkservers))");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "67108864, 67108864",
    "64MiB, 67108864",
    "64m, 67108864",
    "1GiB, 1073741824",
    "512 KiB, 524288",
    "10B, 10"
  })
  void sizesAcceptBytesAndBinaryUnits(String text, long bytes) {
    assertThat(Sizes.parse(text)).isEqualTo(bytes);
  }

  @Test
  void theTrashGraceIsADurationOfTheMasterAndOfTheDevCluster() {
    assertThat(loader().master(flags).trashGrace()).isZero();
    env.put("GODFS_SOFT_DELETE_GRACE", "7d");
    assertThat(loader().master(flags).trashGrace()).isEqualTo(Duration.ofDays(7));
    flags.put(Setting.SOFT_DELETE_GRACE, "2s");
    assertThat(loader().master(flags).trashGrace()).isEqualTo(Duration.ofSeconds(2));
    assertThat(loader().dev(flags).trashGrace()).isEqualTo(Duration.ofSeconds(2));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "10s, PT10S",
    "500ms, PT0.5S",
    "2m, PT2M",
    "1h, PT1H",
    "1m30s, PT1M30S",
    "0, PT0S",
    "7d, PT168H",
    "1d12h, PT36H"
  })
  void durationsAcceptGoNotation(String text, Duration expected) {
    assertThat(Durations.parse(text)).isEqualTo(expected);
    assertThat(Durations.parse(Durations.format(expected))).isEqualTo(expected);
  }

  /** The Raft settings of a master on the replicated backend; fails for any other backend. */
  private static RaftConfig raft(MasterConfig config) {
    assertThat(config.metadata()).isInstanceOf(MetadataBackend.Ratis.class);
    return ((MetadataBackend.Ratis) config.metadata()).raft();
  }

  private void assertRejected(
      BiFunction<ConfigLoader, Map<Setting, String>, ?> load, String messageStart) {
    assertThatThrownBy(() -> load.apply(loader(), flags))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(messageStart.strip());
  }

  @Test
  void theHealthListenerAsksForClientCertificatesUnlessTheyAreRequired() {
    assertThat(new ConfigLoader(Map.of()).healthRequiresClientCertificate(Role.MASTER, Map.of()))
        .isFalse();
    assertThat(
            new ConfigLoader(Map.of("GODFS_HEALTH_CLIENT_CERT", "Required"))
                .healthRequiresClientCertificate(Role.CHUNKSERVER, Map.of()))
        .isTrue();
    assertThatThrownBy(
            () ->
                new ConfigLoader(Map.of("GODFS_HEALTH_CLIENT_CERT", "yes"))
                    .healthRequiresClientCertificate(Role.MASTER, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("GODFS_HEALTH_CLIENT_CERT")
        .hasMessageContaining("optional or required");
  }

  @Test
  void theSeedsMetricsListenNamesTheHealthListenerAndMustAgreeWithIt() {
    assertThat(
            new ConfigLoader(Map.of("GODFS_METRICS_LISTEN", ":9091"))
                .healthListen(Role.MASTER, Map.of()))
        .contains(new ListenAddress("", 9091));
    assertThat(
            new ConfigLoader(
                    Map.of(
                        "GODFS_METRICS_LISTEN",
                        "0.0.0.0:9091",
                        "GODFS_HEALTH_LISTEN",
                        "0.0.0.0:9091"))
                .healthListen(Role.CHUNKSERVER, Map.of()))
        .contains(new ListenAddress("0.0.0.0", 9091));
    assertThatThrownBy(
            () ->
                new ConfigLoader(
                        Map.of("GODFS_METRICS_LISTEN", ":9091", "GODFS_HEALTH_LISTEN", ":9100"))
                    .healthListen(Role.MASTER, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("GODFS_HEALTH_LISTEN (--health-listen) : :9100")
        .hasMessageContaining("GODFS_METRICS_LISTEN : :9091")
        .hasMessageContaining("name two addresses");
    assertThat(new ConfigLoader(Map.of()).healthListen(Role.MASTER, Map.of())).isEmpty();
  }

  @Test
  void theScrapeTokenFileIsAPath() {
    assertThat(new ConfigLoader(Map.of()).metricsTokenFile(Role.MASTER, Map.of())).isEmpty();
    assertThat(
            new ConfigLoader(Map.of("GODFS_METRICS_TOKEN_FILE", "/etc/godfs/scrape-token"))
                .metricsTokenFile(Role.CHUNKSERVER, Map.of()))
        .contains(Path.of("/etc/godfs/scrape-token"));
  }

  @Test
  void aChunkserverWritesThroughThePageCacheUnlessToldToWriteAroundIt() {
    assertThat(loader().chunkserver(flags).directWrites()).isFalse();
    env.put("GODFS_CHUNK_DIRECT_WRITES", "true");
    assertThat(loader().chunkserver(flags).directWrites()).isTrue();
    flags.put(Setting.DIRECT_WRITES, "false");
    assertThat(loader().chunkserver(flags).directWrites()).isFalse();
  }

  @Test
  void aChunkserverKeepsATrailWithTheSeedsAuditChunkBesideAuditEnabled() {
    Map<String, String> env = new HashMap<>();
    env.put("GODFS_AUDIT_ENABLED", "1");
    assertThat(new ConfigLoader(env).chunkserver(Map.of()).audit().enabled())
        .as("GODFS_AUDIT_ENABLED alone: a chunkserver has no master calls to record")
        .isFalse();
    env.put("GODFS_AUDIT_CHUNK", "yes");
    env.put("GODFS_AUDIT_LOG", "/var/log/godfs/chunk-audit.log");
    env.put("GODFS_AUDIT_MAX_BYTES", "1MiB");
    AuditConfig trail = new ConfigLoader(env).chunkserver(Map.of()).audit();
    assertThat(trail.enabled()).isTrue();
    assertThat(trail.file()).hasValue(Path.of("/var/log/godfs/chunk-audit.log"));
    assertThat(trail.maxBytes()).isEqualTo(1L << 20);
    assertThatThrownBy(
            () -> new ConfigLoader(Map.of("GODFS_AUDIT_CHUNK", "1")).chunkserver(Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("GODFS_AUDIT_ENABLED");
  }
}
