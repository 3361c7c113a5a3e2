package io.godfs.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.godfs.adapters.grpc.ChannelPool;
import io.godfs.adapters.grpc.GrpcAdminClient;
import io.godfs.adapters.grpc.GrpcMasterClient;
import io.godfs.adapters.grpc.GrpcMasterRegistry;
import io.godfs.adapters.identity.ApiKey;
import io.godfs.adapters.identity.ApiKeyFile;
import io.godfs.application.master.HealingSettings;
import io.godfs.application.port.in.SeekableInput;
import io.godfs.bootstrap.config.AuditConfig;
import io.godfs.bootstrap.config.MasterConfig;
import io.godfs.bootstrap.config.MasterSecurity;
import io.godfs.client.GodfsClient;
import io.godfs.domain.access.Principal;
import io.godfs.domain.access.Role;
import io.godfs.domain.chunk.LocatedChunk;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.node.NodeAddress;
import io.godfs.domain.node.NodeId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster whose master checks every caller (API keys in a file, the seed's RBAC rules, a cluster
 * key for the chunkservers), over real sockets: who is refused, with which code, and what the
 * refusal names.
 */
class SecuredClusterIT {
  static final int CHUNK = 1 << 20;
  static final SecureRandom RANDOM = new SecureRandom();
  static final ObjectMapper JSON = new ObjectMapper();
  static final String CLUSTER_KEY = "cluster-key-0123456789abcdef";
  static final String RULES =
      """
      [{"principal": "alice", "path_prefix": "/data/alice", "permissions": ["read", "write", "delete"]},
       {"principal": "*", "path_prefix": "/public", "permissions": ["read"]}]
      """;

  @TempDir static Path dir;
  static Path keys;
  static Path audit;
  static TestCluster cluster;
  static String rootKey;
  static String ritaKey;
  static String aliceKey;

  @BeforeAll
  static void start() {
    keys = dir.resolve("conf/api-keys");
    rootKey = ApiKeyFile.addKey(keys, user("root", Role.ADMIN), RANDOM);
    ritaKey = ApiKeyFile.addKey(keys, user("rita", Role.READ), RANDOM);
    aliceKey = ApiKeyFile.addKey(keys, Principal.user("alice", Set.of(), Set.of()), RANDOM);
    MasterConfig config =
        new MasterConfig(
            "127.0.0.1",
            0,
            CHUNK,
            3,
            Duration.ofSeconds(30),
            Duration.ofMillis(200),
            MasterConfig.DEFAULT_LEASE_TIMEOUT,
            HealingSettings.DEFAULTS.withSafeMode(1, Duration.ZERO));
    audit = dir.resolve("audit/audit.log");
    MasterSecurity security =
        new MasterSecurity(
                Optional.of(keys), Map.of(), Optional.of(RULES), Optional.of(CLUSTER_KEY))
            .withAudit(new AuditConfig(true, Optional.of(audit), 1 << 20, 3));
    cluster = new TestCluster(dir, 3, config, security, Optional.of(CLUSTER_KEY));
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static Principal.User user(String name, Role role) {
    return Principal.user(name, Set.of(), Set.of(role));
  }

  private static GodfsClient as(String key) {
    return cluster.client(Optional.of(key));
  }

  /** The refusal's message, after checking its code. */
  private static String refused(ErrorCode code, ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).isInstanceOf(DfsException.class);
    assertThat(((DfsException) thrown).code()).isEqualTo(code);
    return thrown.getMessage();
  }

  private static byte[] read(GodfsClient client, DfsPath path) throws Exception {
    try (SeekableInput in = client.open(path)) {
      return in.readAllBytes();
    }
  }

  @Test
  void aCallerWithoutAValidCredentialIsUnauthenticatedAndTheKeyIsNeverEchoed() {
    assertThat(
            refused(
                ErrorCode.UNAUTHENTICATED,
                () -> cluster.client(Optional.empty()).stat(DfsPath.ROOT)))
        .contains("no credential: send 'Authorization: Bearer");
    String guess = ApiKey.generate(RANDOM);
    assertThat(refused(ErrorCode.UNAUTHENTICATED, () -> as(guess).stat(DfsPath.ROOT)))
        .contains("unknown API key")
        .doesNotContain(guess);
    assertThat(refused(ErrorCode.UNAUTHENTICATED, () -> as("not-a-key").stat(DfsPath.ROOT)))
        .isEqualTo(
            "unauthenticated: the credential matches none of: the API keys in "
                + keys
                + ", the cluster key");
  }

  @Test
  void aReadOnlyPrincipalReadsAndCannotWriteRenameDeleteOrAdminister() throws Exception {
    GodfsClient root = as(rootKey);
    DfsPath report = DfsPath.of("/reports/q3.txt");
    root.mkdir(report.parent(), true);
    root.writeSmallFile(report, "figures".getBytes(), true);
    GodfsClient rita = as(ritaKey);

    assertThat(read(rita, report)).isEqualTo("figures".getBytes());
    assertThat(rita.list(DfsPath.of("/reports"), "", 0).entries()).hasSize(1);
    assertThat(
            refused(
                ErrorCode.PERMISSION_DENIED,
                () -> rita.writeSmallFile(DfsPath.of("/reports/q4.txt"), new byte[1], false)))
        .contains("rita lacks 'write' on /reports/q4.txt (holds there: read)");
    assertThat(
            refused(
                ErrorCode.PERMISSION_DENIED,
                () -> rita.rename(report, DfsPath.of("/reports/old.txt"), false)))
        .contains("rita lacks 'write' on /reports/q3.txt");
    assertThat(refused(ErrorCode.PERMISSION_DENIED, () -> rita.delete(report, false)))
        .contains("rita lacks 'delete' on /reports/q3.txt");
    assertThat(refused(ErrorCode.PERMISSION_DENIED, () -> rita.mkdir(DfsPath.of("/x"), true)))
        .contains("rita lacks 'write' on /x");
    try (ChannelPool channels = new ChannelPool(Optional.of(ritaKey))) {
      GrpcAdminClient admin =
          new GrpcAdminClient(cluster.masterAddress(), channels, Duration.ofSeconds(10));
      assertThat(refused(ErrorCode.PERMISSION_DENIED, () -> admin.setSafeMode(true)))
          .contains("rita lacks 'admin' (holds there: read)");
    }
    assertThat(root.stat(report).length()).isEqualTo(7);
  }

  @Test
  void pathGrantsHoldAcrossARenameOutOfTheGrantedTree() throws Exception {
    GodfsClient alice = as(aliceKey);
    DfsPath notes = DfsPath.of("/data/alice/notes.txt");
    alice.mkdir(DfsPath.of("/data/alice"), true);
    alice.writeSmallFile(notes, "mine".getBytes(), false);
    assertThat(read(alice, notes)).isEqualTo("mine".getBytes());

    assertThat(
            refused(
                ErrorCode.PERMISSION_DENIED,
                () -> alice.writeSmallFile(DfsPath.of("/data/bob/x"), new byte[1], false)))
        .contains("alice lacks 'write' on /data/bob/x (holds there: none)");
    assertThat(
            refused(
                ErrorCode.PERMISSION_DENIED,
                () -> alice.rename(notes, DfsPath.of("/public/notes.txt"), false)))
        .contains("alice lacks 'write' on /public/notes.txt (holds there: read)");
    assertThat(read(alice, notes)).isEqualTo("mine".getBytes());

    // Moved out by an administrator, the file is no longer alice's to read or write.
    as(rootKey).mkdir(DfsPath.of("/archive"), true);
    as(rootKey).rename(notes, DfsPath.of("/archive/notes.txt"), false);
    assertThat(
            refused(
                ErrorCode.PERMISSION_DENIED, () -> alice.stat(DfsPath.of("/archive/notes.txt"))))
        .contains("alice lacks 'read' on /archive/notes.txt");
  }

  @Test
  void theClusterKeyActsOnlyAsAChunkserverAndAUserCannotActAsOne() {
    assertThat(refused(ErrorCode.PERMISSION_DENIED, () -> as(CLUSTER_KEY).stat(DfsPath.ROOT)))
        .contains("cluster lacks 'read' on / (holds there: node)");
    for (String key : List.of(aliceKey, rootKey)) {
      try (ChannelPool channels = new ChannelPool(Optional.of(key))) {
        GrpcMasterRegistry registry =
            new GrpcMasterRegistry(cluster.masterAddress(), channels, Duration.ofSeconds(10));
        assertThat(
                refused(
                    ErrorCode.PERMISSION_DENIED,
                    () ->
                        registry.register(
                            new NodeId("chunk-1"),
                            new NodeAddress("127.0.0.1", 1),
                            1L << 40,
                            0,
                            List.of())))
            .contains("lacks 'node'");
      }
    }
    try (ChannelPool channels = new ChannelPool()) {
      GrpcMasterRegistry anonymous =
          new GrpcMasterRegistry(cluster.masterAddress(), channels, Duration.ofSeconds(10));
      refused(
          ErrorCode.UNAUTHENTICATED,
          () ->
              anonymous.register(
                  new NodeId("fake"), new NodeAddress("127.0.0.1", 1), 1L << 40, 0, List.of()));
    }
    assertThat(cluster.chunkservers()).allMatch(c -> c.isRegistered());
  }

  @Test
  void onlyAReaderOfAFileMayReportItsReplicasCorrupt() throws Exception {
    GodfsClient root = as(rootKey);
    DfsPath big = DfsPath.of("/private/big.bin");
    root.mkdir(big.parent(), true);
    try (var out = root.create(big, true)) {
      out.write(new byte[64 * 1024]); // past the inline limit: a chunk on the chunkservers
    }
    try (ChannelPool rootChannels = new ChannelPool(Optional.of(rootKey));
        ChannelPool aliceChannels = new ChannelPool(Optional.of(aliceKey))) {
      var asRoot =
          new GrpcMasterClient(cluster.masterAddress(), rootChannels, Duration.ofSeconds(10));
      LocatedChunk chunk = asRoot.locate(big, 0, 0).chunks().getFirst();
      NodeId replica = chunk.replicas().getFirst().id();
      var asAlice =
          new GrpcMasterClient(cluster.masterAddress(), aliceChannels, Duration.ofSeconds(10));

      assertThat(
              refused(
                  ErrorCode.PERMISSION_DENIED,
                  () -> asAlice.reportBadReplica(chunk.chunkId(), replica, "says alice")))
          .contains("alice lacks 'read' on /private/big.bin");
      assertThat(asRoot.locate(big, 0, 0).chunks().getFirst().replicas()).hasSize(3);
    }
  }

  @Test
  void theAuditTrailHasEveryMutationAndRefusalWithWhoAndWhereButNoSecret() throws Exception {
    as(rootKey).mkdir(DfsPath.of("/audited"), true);
    refused(
        ErrorCode.PERMISSION_DENIED,
        () -> as(ritaKey).rename(DfsPath.of("/audited"), DfsPath.of("/moved"), false));
    refused(ErrorCode.UNAUTHENTICATED, () -> as("wrong-key").mkdir(DfsPath.of("/nope"), true));
    as(ritaKey).stat(DfsPath.of("/audited")); // an allowed read: not in the trail

    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(audit)) {
      assertThat(line).doesNotContain(rootKey, ritaKey, aliceKey, CLUSTER_KEY, "wrong-key");
      lines.add(JSON.readTree(line));
    }
    assertThat(lines)
        .anySatisfy(
            l -> {
              assertThat(l.get("principal").asText()).isEqualTo("root");
              assertThat(l.get("operation").asText()).isEqualTo("godfs.api.v1.MasterService/Mkdir");
              assertThat(l.get("paths").get(0).asText()).isEqualTo("/audited");
              assertThat(l.get("result").asText()).isEqualTo("ok");
              assertThat(l.get("source").asText()).startsWith("127.0.0.1:");
              assertThat(l.get("request_id").asText()).isNotBlank();
            })
        .anySatisfy(
            l -> {
              assertThat(l.get("principal").asText()).isEqualTo("rita");
              assertThat(l.get("operation").asText())
                  .isEqualTo("godfs.api.v1.MasterService/Rename");
              assertThat(l.get("paths"))
                  .extracting(JsonNode::asText)
                  .containsExactly("/audited", "/moved");
              assertThat(l.get("result").asText()).isEqualTo("permission_denied");
            })
        .anySatisfy(
            l -> {
              assertThat(l.get("principal").asText()).isEqualTo("unauthenticated");
              assertThat(l.get("result").asText()).isEqualTo("unauthenticated");
            })
        .noneSatisfy(
            l -> {
              // An allowed read is not in the trail (a refused one is).
              assertThat(l.get("operation").asText()).isEqualTo("godfs.api.v1.MasterService/Stat");
              assertThat(l.get("result").asText()).isEqualTo("ok");
            });
  }

  @Test
  void aKeyAddedWhileTheMasterRunsWorksWithoutARestart() {
    String ninaKey = ApiKeyFile.addKey(keys, user("nina", Role.READ), RANDOM);
    GodfsClient nina = as(ninaKey);
    Waits.until(
        Duration.ofSeconds(10),
        "the master to read the keys file again",
        () -> {
          try {
            nina.stat(DfsPath.ROOT);
            return true;
          } catch (DfsException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
            return false;
          }
        });
  }
}
