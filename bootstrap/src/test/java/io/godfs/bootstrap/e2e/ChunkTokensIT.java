package io.godfs.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.adapters.grpc.ChannelPool;
import io.godfs.adapters.grpc.GrpcMasterClient;
import io.godfs.adapters.identity.ApiKeyFile;
import io.godfs.application.client.ClientSettings;
import io.godfs.application.master.HealingSettings;
import io.godfs.application.port.in.SeekableInput;
import io.godfs.bootstrap.config.MasterConfig;
import io.godfs.bootstrap.config.MasterSecurity;
import io.godfs.bootstrap.wiring.ChunkserverNode;
import io.godfs.client.GodfsClient;
import io.godfs.domain.access.Principal;
import io.godfs.domain.access.Role;
import io.godfs.domain.chunk.ChunkWriteTarget;
import io.godfs.domain.chunk.LocatedChunk;
import io.godfs.domain.chunk.SignedChunkToken;
import io.godfs.domain.file.ChunkAllocationRequest;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.LeaseHolder;
import io.godfs.domain.node.NodeId;
import io.godfs.domain.node.NodeLocation;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A secured cluster (API keys, and the cluster key that gives the chunkservers their identity) with
 * chunk access tokens: the SDK reads and writes as before, the master's copies heal a dead node,
 * and a client that talks straight to a chunkserver's port is refused every read, short-circuit
 * open, overwrite, truncate and forged-version write (ADR 0022).
 */
class ChunkTokensIT {
  private static final int CHUNK = 1 << 20;
  private static final long LENGTH = 2L * CHUNK + 100;
  private static final String CLUSTER_KEY = "cluster-key-0123456789abcdef";
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;
  TestCluster cluster;
  String rootKey;
  ChannelPool rootChannels;
  GrpcMasterClient master;
  final List<ManagedChannel> raw = new ArrayList<>();

  @BeforeEach
  void start() {
    Path keys = dir.resolve("conf/api-keys");
    rootKey =
        ApiKeyFile.addKey(
            keys, Principal.user("root", Set.of(), Set.of(Role.ADMIN)), new SecureRandom());
    cluster =
        new TestCluster(
            dir,
            4,
            new MasterConfig(
                "127.0.0.1",
                0,
                CHUNK,
                3,
                Duration.ofSeconds(2),
                Duration.ofMillis(200),
                MasterConfig.DEFAULT_LEASE_TIMEOUT,
                HealingSettings.DEFAULTS.withSafeMode(1, Duration.ZERO)),
            new MasterSecurity(
                Optional.of(keys), Map.of(), Optional.empty(), Optional.of(CLUSTER_KEY)),
            Optional.of(CLUSTER_KEY));
    rootChannels = new ChannelPool(Optional.of(rootKey));
    master = new GrpcMasterClient(cluster.masterAddress(), rootChannels, Duration.ofSeconds(10));
  }

  @AfterEach
  void stop() throws InterruptedException {
    for (ManagedChannel c : raw) {
      c.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
    if (rootChannels != null) {
      rootChannels.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  /** A client of root's, reading co-located replicas from their files or over the network. */
  private GodfsClient root(boolean localReads) {
    return GodfsClient.connect(
        cluster.masterAddress(),
        ClientSettings.DEFAULTS.withLocalReads(localReads),
        Optional.of(rootKey));
  }

  private DfsPath acknowledgedFile(String name, long seed) throws Exception {
    DfsPath path = DfsPath.of(name);
    try (GodfsClient fs = root(true);
        OutputStream out = fs.create(path, false)) {
      Payload.write(out, seed, LENGTH, 1 << 20);
    }
    return path;
  }

  private void assertReadsWhole(DfsPath path, long seed, boolean localReads) throws Exception {
    try (GodfsClient fs = root(localReads);
        SeekableInput in = fs.open(path)) {
      assertThat(Payload.firstMismatch(in, seed, 0, LENGTH)).isEqualTo(-1);
    }
  }

  /** A plaintext channel to {@code node}'s port, as a client that bypasses the SDK opens one. */
  private ManagedChannel chunkserver(NodeLocation node) {
    ManagedChannel c =
        ManagedChannelBuilder.forTarget(node.address().toString()).usePlaintext().build();
    raw.add(c);
    return c;
  }

  private Status readRefusal(LocatedChunk chunk, SignedChunkToken token) {
    return ChunkPortCalls.read(chunkserver(chunk.replicas().getFirst()), chunk, token);
  }

  private Status openLocalRefusal(LocatedChunk chunk, SignedChunkToken token) {
    return ChunkPortCalls.openLocal(chunkserver(chunk.replicas().getFirst()), chunk, token);
  }

  /** A raw WriteChunk that sends no bytes at {@code version}; what the chunkserver answered. */
  private Status writeRefusal(
      NodeLocation node,
      LocatedChunk chunk,
      long version,
      OptionalLong baseLength,
      SignedChunkToken t)
      throws Exception {
    return ChunkPortCalls.write(chunkserver(node), chunk, version, baseLength, CHUNK, t);
  }

  @Test
  void theSdkWritesAndReadsWithTokensOverTheNetworkAndShortCircuit() throws Exception {
    DfsPath path = acknowledgedFile("/sdk.bin", 1);
    assertReadsWhole(path, 1, false);
    assertReadsWhole(path, 1, true);
    LocatedChunk first = master.locate(path, 0, 0).chunks().getFirst();
    assertThat(first.token().isPresent()).isTrue();
  }

  @Test
  void aHostileClientIsRefusedEveryCallOnAChunkserverPort() throws Exception {
    DfsPath path = acknowledgedFile("/victim.bin", 2);
    DfsPath other = acknowledgedFile("/other.bin", 3);
    LocatedChunk victim = master.locate(path, 0, 0).chunks().getFirst();
    LocatedChunk mine = master.locate(other, 0, 0).chunks().getFirst();
    NodeLocation holder = victim.replicas().getFirst();

    // Reads and short-circuit opens: no token, another chunk's token.
    Status none = readRefusal(victim, SignedChunkToken.NONE);
    assertThat(none.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(none.getDescription()).contains("no chunk access token");
    assertThat(readRefusal(victim, mine.token()).getCode())
        .isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(openLocalRefusal(victim, SignedChunkToken.NONE).getCode())
        .isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(openLocalRefusal(victim, mine.token()).getCode())
        .isEqualTo(Status.Code.PERMISSION_DENIED);

    // Overwrite at the committed version, and truncate (base length 0): no token, a read token.
    long v = victim.version().value();
    assertThat(
            writeRefusal(holder, victim, v, OptionalLong.empty(), SignedChunkToken.NONE).getCode())
        .isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(writeRefusal(holder, victim, v, OptionalLong.of(0), SignedChunkToken.NONE).getCode())
        .isEqualTo(Status.Code.UNAUTHENTICATED);
    Status readToWrite = writeRefusal(holder, victim, v, OptionalLong.of(0), victim.token());
    assertThat(readToWrite.getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(readToWrite.getDescription()).contains("does not allow write");

    // A forged newer version: a legitimate write token covers its own version only.
    LeaseHolder.Client writer = LeaseHolder.client("hostile-writer");
    FileStatus file = master.openForWrite(path, writer);
    ChunkWriteTarget granted =
        master.allocateChunk(new ChunkAllocationRequest(path, file.fileId(), 0), writer);
    master.closeFile(file.fileId(), writer);
    long forged = granted.version().value() + 5;
    Status forgedWrite =
        writeRefusal(holder, victim, forged, OptionalLong.empty(), granted.token());
    assertThat(forgedWrite.getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(forgedWrite.getDescription()).contains("not v" + forged);

    // Nothing a refused call sent changed the file.
    assertReadsWhole(path, 2, false);
  }

  @Test
  void copiesTheMasterOrdersAfterAChunkserverDiesStillHeal() throws Exception {
    DfsPath path = acknowledgedFile("/heal.bin", 4);
    LocatedChunk first = master.locate(path, 0, 0).chunks().getFirst();
    NodeId dead = first.replicas().getFirst().id();
    ChunkserverNode victim =
        cluster.chunkservers().stream()
            .filter(n -> n.location().id().equals(dead))
            .findFirst()
            .orElseThrow();
    victim.close();
    Waits.until(
        WAIT,
        "every chunk back at 3 live replicas without " + dead,
        () ->
            master.locate(path, 0, 0).chunks().stream()
                .allMatch(
                    c ->
                        c.replicas().size() == 3
                            && c.replicas().stream().noneMatch(r -> r.id().equals(dead))));
    assertReadsWhole(path, 4, false);
  }

  @Test
  void aDeletedFilesReplicasAreDroppedWithTheMastersDeleteTokens() throws Exception {
    DfsPath path = acknowledgedFile("/gone.bin", 5);
    int before =
        cluster.chunkservers().stream().mapToInt(n -> TestCluster.chunkFiles(n).size()).sum();
    assertThat(before).isEqualTo(9); // 3 chunks, 3 replicas each
    master.delete(path, false);
    Waits.until(
        WAIT,
        "every replica of the deleted file dropped",
        () ->
            cluster.chunkservers().stream().mapToInt(n -> TestCluster.chunkFiles(n).size()).sum()
                == 0);
  }
}
