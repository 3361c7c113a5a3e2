package io.godfs.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.godfs.api.v1.AllocateChunkRequest;
import io.godfs.api.v1.ChunkData;
import io.godfs.api.v1.ChunkServiceGrpc;
import io.godfs.api.v1.CloseFileRequest;
import io.godfs.api.v1.CommitChunkRequest;
import io.godfs.api.v1.CreateFileRequest;
import io.godfs.api.v1.MasterServiceGrpc;
import io.godfs.api.v1.OpenForWriteRequest;
import io.godfs.api.v1.OpenLocalRequest;
import io.godfs.api.v1.ReadChunkRequest;
import io.godfs.api.v1.RecoverChunkRequest;
import io.godfs.api.v1.ReportBadReplicaRequest;
import io.godfs.api.v1.StatRequest;
import io.godfs.api.v1.StoreInlineRequest;
import io.godfs.api.v1.TruncateRequest;
import io.godfs.api.v1.WriteChunkAck;
import io.godfs.api.v1.WriteChunkRequest;
import io.godfs.api.v1.WriteFinish;
import io.godfs.api.v1.WriteHeader;
import io.godfs.application.master.HealingSettings;
import io.godfs.application.port.in.RepairEvent;
import io.godfs.application.port.in.SeekableInput;
import io.godfs.bootstrap.config.MasterConfig;
import io.godfs.client.GodfsClient;
import io.godfs.cluster.v1.ChunkserverRegistryGrpc;
import io.godfs.cluster.v1.HeartbeatRequest;
import io.godfs.cluster.v1.RegisterRequest;
import io.godfs.cluster.v1.StoredChunk;
import io.godfs.domain.chunk.LocatedChunk;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.node.NodeLocation;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that talks straight to the master's and the chunkservers' ports (no SDK) and makes the
 * calls a client may make today, the way a careless or hostile one would: nothing acknowledged is
 * lost, bounds hold, and refusals say what was wrong without showing another client's lease name.
 * (A write forged at a newer version than any grant is refused only with the chunk access tokens of
 * the security work; ADR 0018.)
 */
class HostileClientIT {
  private static final int CHUNK = 1 << 20;
  private static final long LENGTH = 2L * CHUNK + 100;
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;
  TestCluster cluster;
  ManagedChannel channel;
  MasterServiceGrpc.MasterServiceBlockingStub master;
  ChunkserverRegistryGrpc.ChunkserverRegistryBlockingStub registry;

  @BeforeEach
  void start() {
    // Four chunkservers for R=3: healing has somewhere to copy to.
    // Security off: what the protocol itself guards, for whoever gets past authentication (the
    // same calls against a secured cluster: ChunkTokensIT, SecuredClusterIT, PortRefusalMatrixIT).
    cluster =
        TestCluster.insecure(
            dir,
            4,
            new MasterConfig(
                "127.0.0.1",
                0,
                CHUNK,
                3,
                Duration.ofSeconds(30),
                Duration.ofMillis(200),
                MasterConfig.DEFAULT_LEASE_TIMEOUT,
                HealingSettings.DEFAULTS.withSafeMode(1, Duration.ZERO)));
    channel = ManagedChannelBuilder.forTarget(cluster.masterAddress()).usePlaintext().build();
    master = MasterServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    registry =
        ChunkserverRegistryGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
    cluster.close();
  }

  @Test
  void reportsNamingEveryReplicaOfAHealthyChunkCorruptDeleteNoGoodCopy() throws Exception {
    DfsPath path = acknowledgedFile("/reported.bin", 1);
    LocatedChunk first = cluster.locate(path).getFirst();
    Set<String> holders = holders(first);
    for (String node : holders) {
      master.reportBadReplica(
          ReportBadReplicaRequest.newBuilder()
              .setChunkId(first.chunkId().value())
              .setNodeId(node)
              .setReason("hostile")
              .build());
    }

    // The file reads whole at once (readers check CRCs, so a falsely reported replica still
    // serves),
    // and healing copies from a reported replica (verified block by block) onto the fourth node.
    assertReadsWhole(path, 1);
    Waits.until(
        WAIT,
        "a verified copy of the reported chunk on the fourth node",
        () -> !holders.containsAll(holders(cluster.locate(path).getFirst())));
    assertThat(repairs(RepairEvent.Kind.CORRUPT_DELETED))
        .as("no reported replica deleted below 3 good copies")
        .isEmpty();
    assertThat(holders(cluster.locate(path).getFirst())).hasSize(4);
    assertReadsWhole(path, 1);
  }

  @Test
  void heartbeatsPosingAsEveryHolderToCallAHealthyChunkCorruptDeleteNoGoodCopy() throws Exception {
    DfsPath path = acknowledgedFile("/claimed.bin", 2);
    LocatedChunk first = cluster.locate(path).getFirst();
    Set<String> holders = holders(first);
    for (String node : holders) {
      registry.heartbeat(
          HeartbeatRequest.newBuilder()
              .setNodeId(node)
              .setCapacityBytes(1L << 40)
              .addCorruptChunkIds(first.chunkId().value())
              .build());
    }

    assertReadsWhole(path, 2);
    Waits.until(
        WAIT,
        "a verified copy of the claimed chunk on the fourth node",
        () -> !holders.containsAll(holders(cluster.locate(path).getFirst())));
    assertThat(repairs(RepairEvent.Kind.CORRUPT_DELETED)).isEmpty();
    assertReadsWhole(path, 2);
  }

  @Test
  void leaseGuardedCallsWithoutTheLeaseChangeNothing() throws Exception {
    DfsPath path = acknowledgedFile("/guarded.bin", 3);
    long fileId = cluster.client().stat(path).fileId().value();
    LocatedChunk first = cluster.locate(path).getFirst();
    String p = path.toString();
    String stranger = "client-guess-1234";

    // (Closing a closed file is a no-op that anyone may do; a stranger closing an open one is
    // refused below.)
    master.closeFile(CloseFileRequest.newBuilder().setFileId(fileId).setWriter(stranger).build());
    refused(
        () ->
            master.allocateChunk(
                AllocateChunkRequest.newBuilder()
                    .setPath(p)
                    .setFileId(fileId)
                    .setChunkIndex(0)
                    .setWriter(stranger)
                    .build()));
    refused(
        () ->
            master.commitChunk(
                CommitChunkRequest.newBuilder()
                    .setPath(p)
                    .setFileId(fileId)
                    .setChunkIndex(0)
                    .setChunkId(first.chunkId().value())
                    .setVersion(first.version().value() + 1)
                    .setChunkLength(1)
                    .addAllReplicaNodeIds(holders(first))
                    .setWriter(stranger)
                    .build()));
    refused(
        () ->
            master.recoverChunk(
                RecoverChunkRequest.newBuilder()
                    .setPath(p)
                    .setFileId(fileId)
                    .setChunkIndex(0)
                    .setChunkId(first.chunkId().value())
                    .setFailedVersion(first.version().value())
                    .setWriter(stranger)
                    .build()));
    // A commit without any lease must not shorten a file either: it names a version nobody granted.
    refused(
        () ->
            master.commitChunk(
                CommitChunkRequest.newBuilder()
                    .setPath(p)
                    .setFileId(fileId)
                    .setChunkIndex(0)
                    .setChunkId(first.chunkId().value())
                    .setVersion(first.version().value() + 1)
                    .setChunkLength(1)
                    .addAllReplicaNodeIds(holders(first))
                    .build()));
    refused(
        () ->
            master.storeInline(
                StoreInlineRequest.newBuilder()
                    .setPath(p)
                    .setFileId(fileId)
                    .setOffset(0)
                    .setData(ByteString.copyFromUtf8("x"))
                    .setWriter(stranger)
                    .setCloseFile(true)
                    .build()));

    assertThat(cluster.client().stat(path).length()).isEqualTo(LENGTH);
    assertReadsWhole(path, 3);
  }

  @Test
  void aBusyRefusalNeverShowsTheWritersNameAndOnlyTheWriterReleasesTheLease() throws Exception {
    GodfsClient writer = cluster.client();
    DfsPath path = DfsPath.of("/open.log");
    byte[] first = Payload.bytes(7, CHUNK + 10);
    try (OutputStream out = writer.create(path, false)) {
      out.write(first);
      out.flush();
      long fileId = writer.stat(path).fileId().value();

      StatusRuntimeException busy =
          refused(
              () ->
                  master.openForWrite(
                      OpenForWriteRequest.newBuilder()
                          .setPath(path.toString())
                          .setWriter("intruder")
                          .build()));
      assertThat(busy.getStatus().getDescription())
          .contains("being written by another client")
          .doesNotContain("client-");
      StatusRuntimeException overwrite =
          refused(
              () ->
                  master.createFile(
                      CreateFileRequest.newBuilder()
                          .setPath(path.toString())
                          .setOverwrite(true)
                          .setWriter("intruder")
                          .build()));
      assertThat(overwrite.getStatus().getDescription()).doesNotContain("client-");
      refused(
          () ->
              master.truncate(
                  TruncateRequest.newBuilder().setPath(path.toString()).setLength(0).build()));
      refused(
          () ->
              master.closeFile(
                  CloseFileRequest.newBuilder().setFileId(fileId).setWriter("intruder").build()));

      out.write(first); // the writer goes on, its lease intact
    }
    try (SeekableInput in = writer.open(path)) {
      assertThat(in.readAllBytes()).hasSize(2 * first.length);
    }
  }

  @Test
  void oversizedListsAndStringsAreRefusedNamingTheBound() {
    RegisterRequest.Builder huge =
        RegisterRequest.newBuilder()
            .setNodeId("fake-1")
            .setAddress("127.0.0.1:1")
            .setCapacityBytes(1L << 40);
    for (int i = 1; i <= 10_001; i++) {
      huge.addChunks(
          StoredChunk.newBuilder().setChunkId(1_000_000_000L + i).setVersion(1).setLength(1));
    }
    assertInvalid(
        () -> registry.register(huge.build()),
        "chunks : 10001 entries (expected: at most 10000 per call");

    HeartbeatRequest.Builder beat =
        HeartbeatRequest.newBuilder().setNodeId("chunk-1").setCapacityBytes(1L << 40);
    for (int i = 1; i <= 10_001; i++) {
      beat.addCorruptChunkIds(i);
    }
    assertInvalid(() -> registry.heartbeat(beat.build()), "corrupt_chunk_ids : 10001 entries");

    String longName = "w".repeat(7000);
    assertInvalid(
        () ->
            master.openForWrite(
                OpenForWriteRequest.newBuilder().setPath("/x").setWriter(longName).build()),
        "writer : 7000 characters (expected: at most 256)");
    assertInvalid(
        () ->
            master.reportBadReplica(
                ReportBadReplicaRequest.newBuilder()
                    .setChunkId(1)
                    .setNodeId("chunk-1")
                    .setReason(longName)
                    .build()),
        "reason : 7000 characters (expected: at most 1024)");
    assertInvalid(
        () ->
            master.reportBadReplica(
                ReportBadReplicaRequest.newBuilder().setChunkId(1).setNodeId(longName).build()),
        "(7000 characters)");

    cluster.client().createEmpty(DfsPath.of("/sparse"), false);
    assertInvalid(
        () ->
            master.truncate(
                TruncateRequest.newBuilder().setPath("/sparse").setLength(1L << 50).build()),
        "(expected: at most the largest file size, 17592186044416 bytes, GODFS_MASTER_MAX_FILE_SIZE)");
    assertThat(cluster.client().stat(DfsPath.of("/sparse")).length()).isZero();

    Metadata headers = new Metadata();
    headers.put(
        Metadata.Key.of("godfs-request-id", Metadata.ASCII_STRING_MARSHALLER), "r".repeat(7000));
    assertInvalid(
        () ->
            master
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .stat(StatRequest.newBuilder().setPath("/").build()),
        "request id : 7000 characters (expected: at most 64)");
  }

  @Test
  void chunkserverCallsWithoutAGrantChangeNoAcknowledgedByte() throws Exception {
    DfsPath path = acknowledgedFile("/direct.bin", 4);
    LocatedChunk first = cluster.locate(path).getFirst();
    for (NodeLocation holder : first.replicas()) {
      ManagedChannel direct =
          ManagedChannelBuilder.forTarget(holder.address().toString()).usePlaintext().build();
      try {
        // Garbage at the version readers trust (a forged or stale writer): refused, nothing
        // changes.
        for (long version : List.of(first.version().value(), first.version().value() - 1)) {
          assertThat(writeGarbage(direct, first.chunkId().value(), version))
              .as("write at " + version + " on " + holder)
              .contains("which holds");
        }
        ChunkServiceGrpc.ChunkServiceBlockingStub chunks =
            ChunkServiceGrpc.newBlockingStub(direct).withDeadlineAfter(10, TimeUnit.SECONDS);
        refused(
            () ->
                chunks.openLocal(
                    OpenLocalRequest.newBuilder()
                        .setChunkId(first.chunkId().value() + 1_000)
                        .setVersion(1)
                        .build()));
        refused(
            () ->
                chunks
                    .readChunk(
                        ReadChunkRequest.newBuilder()
                            .setChunkId(first.chunkId().value())
                            .setVersion(first.version().value())
                            .setOffset(-5)
                            .setLength(10)
                            .build())
                    .forEachRemaining(r -> {}));
      } finally {
        direct.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
      }
    }
    assertReadsWhole(path, 4);
  }

  /**
   * Streams one 64 KiB piece of zeros as a new write of the chunk at {@code version}; returns the
   * refusal.
   */
  private static String writeGarbage(ManagedChannel channel, long chunkId, long version)
      throws InterruptedException {
    CompletableFuture<String> outcome = new CompletableFuture<>();
    var requests =
        ChunkServiceGrpc.newStub(channel)
            .withDeadlineAfter(10, TimeUnit.SECONDS)
            .writeChunk(
                new StreamObserver<>() {
                  @Override
                  public void onNext(WriteChunkAck ack) {
                    if (ack.getFinished()) {
                      outcome.complete("accepted: finished at " + ack.getChunkLength());
                    }
                  }

                  @Override
                  public void onError(Throwable t) {
                    outcome.complete(String.valueOf(Status.fromThrowable(t).getDescription()));
                  }

                  @Override
                  public void onCompleted() {
                    outcome.complete("completed without a finish");
                  }
                });
    byte[] zeros = new byte[64 * 1024];
    CRC32C crc = new CRC32C();
    crc.update(zeros);
    requests.onNext(
        WriteChunkRequest.newBuilder()
            .setHeader(
                WriteHeader.newBuilder()
                    .setChunkId(chunkId)
                    .setVersion(version)
                    .setChunkSize(CHUNK)
                    .setBaseLength(0))
            .build());
    requests.onNext(
        WriteChunkRequest.newBuilder()
            .setData(
                ChunkData.newBuilder()
                    .setSeq(1)
                    .setOffsetInChunk(0)
                    .setData(ByteString.copyFrom(zeros))
                    .addCrcs((int) crc.getValue()))
            .build());
    requests.onNext(
        WriteChunkRequest.newBuilder().setFinish(WriteFinish.newBuilder().setSeq(2)).build());
    try {
      return outcome.get(20, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError("no answer to a write of " + chunkId, e);
    } finally {
      requests.onCompleted();
    }
  }

  private DfsPath acknowledgedFile(String name, long seed) throws Exception {
    DfsPath path = DfsPath.of(name);
    try (OutputStream out = cluster.client().create(path, false)) {
      Payload.write(out, seed, LENGTH, 1 << 16);
    }
    return path;
  }

  private void assertReadsWhole(DfsPath path, long seed) throws Exception {
    try (SeekableInput in = cluster.networkClient().open(path)) {
      assertThat(Payload.firstMismatch(in, seed, 0, LENGTH))
          .as("first wrong byte of " + path)
          .isEqualTo(-1);
    }
  }

  private static Set<String> holders(LocatedChunk chunk) {
    return chunk.replicas().stream()
        .map(NodeLocation::id)
        .map(Object::toString)
        .collect(Collectors.toSet());
  }

  private List<RepairEvent> repairs(RepairEvent.Kind kind) {
    return cluster.master().maintenance().recentRepairs().stream()
        .filter(e -> e.kind() == kind)
        .toList();
  }

  private static StatusRuntimeException refused(Runnable call) {
    StatusRuntimeException e = Assertions.assertThrows(StatusRuntimeException.class, call::run);
    assertThat(e.getStatus().getCode())
        .isNotIn(Status.Code.OK, Status.Code.INTERNAL, Status.Code.UNKNOWN);
    return e;
  }

  private static void assertInvalid(Runnable call, String message) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(e.getStatus().getDescription()).contains(message);
            });
  }
}
