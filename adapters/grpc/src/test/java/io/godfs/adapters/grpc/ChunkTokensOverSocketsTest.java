package io.godfs.adapters.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.ByteString;
import io.godfs.api.v1.ChunkServiceGrpc;
import io.godfs.api.v1.OpenLocalRequest;
import io.godfs.api.v1.ReadChunkRequest;
import io.godfs.application.chunkserver.ChunkserverServices;
import io.godfs.application.fake.FakeChunkStore;
import io.godfs.application.fake.MutableClock;
import io.godfs.application.port.in.ChunkAccessUseCase;
import io.godfs.application.port.in.ReceiveChunkUseCase;
import io.godfs.application.port.in.ServeChunkUseCase;
import io.godfs.application.shared.ChunkTokenCodec;
import io.godfs.domain.chunk.ChunkAccessKey;
import io.godfs.domain.chunk.ChunkAccessToken;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkOperation;
import io.godfs.domain.chunk.ChunkPiece;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.chunk.LocalReplica;
import io.godfs.domain.chunk.PieceIterator;
import io.godfs.domain.chunk.PipelineHeader;
import io.godfs.domain.chunk.PipelineListener;
import io.godfs.domain.chunk.PipelineStream;
import io.godfs.domain.chunk.SignedChunkToken;
import io.godfs.domain.error.DfsError;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.node.NodeAddress;
import io.godfs.domain.node.NodeId;
import io.godfs.domain.node.NodeLocation;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two chunkservers that enforce chunk access tokens, on real sockets of 127.0.0.1: a hostile client
 * talking straight to their ports is refused without a valid token for the chunk, operation and
 * version, and the pipeline forwards the client's token to every hop (ADR 0022).
 */
class ChunkTokensOverSocketsTest {
  private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");
  private static final ChunkVersion V1 = ChunkVersion.FIRST;
  private static final ChunkVersion V2 = new ChunkVersion(2);
  private static final ChunkId A = new ChunkId(100);
  private static final ChunkId B = new ChunkId(200);

  private final MutableClock clock = new MutableClock(T0);
  private final ChannelPool channels = new ChannelPool();
  private final List<GrpcServerHandle> servers = new ArrayList<>();
  private final List<NodeLocation> nodes = new ArrayList<>();
  private final ChunkAccessKey oldKey = key(1, T0.minus(Duration.ofHours(24)));
  private final ChunkAccessKey newKey = key(2, T0);

  private static ChunkAccessKey key(long id, Instant created) {
    byte[] secret = new byte[32];
    Arrays.fill(secret, (byte) (id * 13));
    return new ChunkAccessKey(id, secret, created, created.plus(Duration.ofHours(49)));
  }

  @BeforeEach
  void startTwoChunkservers() {
    for (int i = 0; i < 2; i++) {
      Late late = new Late();
      GrpcServerHandle server =
          GrpcServerHandle.start("127.0.0.1", 0, List.of(new GrpcChunkService(late, late, late)));
      servers.add(server);
      NodeLocation self =
          new NodeLocation(new NodeId("cs-" + i), new NodeAddress("127.0.0.1", server.port()));
      nodes.add(self);
      late.services =
          ChunkserverServices.create(
                  new FakeChunkStore(), new GrpcChunkPipeline(channels), self, System::nanoTime)
              .requireChunkTokens(clock);
      late.services.access().acceptKeys(List.of(oldKey, newKey));
    }
  }

  @AfterEach
  void stop() {
    try {
      channels.close();
    } finally {
      servers.forEach(GrpcServerHandle::close);
    }
  }

  private static SignedChunkToken token(
      ChunkAccessKey key, ChunkId chunk, ChunkVersion version, ChunkOperation op) {
    return ChunkTokenCodec.sign(
        new ChunkAccessToken(
            key.id(), chunk, version, version, Set.of(op), "alice", T0.plusSeconds(3600)),
        key);
  }

  private SignedChunkToken write(ChunkId chunk, ChunkVersion version) {
    return token(newKey, chunk, version, ChunkOperation.WRITE);
  }

  private SignedChunkToken read(ChunkId chunk, ChunkVersion version) {
    return token(newKey, chunk, version, ChunkOperation.READ);
  }

  /** Writes {@code data} down both nodes; null when every node committed, else the refusal. */
  private DfsError writeChunk(ChunkId chunk, ChunkVersion version, SignedChunkToken token)
      throws Exception {
    byte[] data = new byte[10_000];
    Arrays.fill(data, (byte) 7);
    CompletableFuture<DfsError> end = new CompletableFuture<>();
    PipelineStream stream =
        new GrpcChunkPipeline(channels)
            .open(
                nodes.get(0),
                new PipelineHeader(chunk, version, 1 << 20, List.of(nodes.get(1))).withToken(token),
                new PipelineListener() {
                  @Override
                  public void acked(long seq) {}

                  @Override
                  public void finished(long seq, long chunkLength) {
                    end.complete(null);
                  }

                  @Override
                  public void failed(DfsError error, NodeLocation failedNode) {
                    end.complete(error);
                  }
                });
    stream.send(0, ChunkPiece.of(0, ByteBuffer.wrap(data)));
    stream.finish(1);
    return end.get(30, TimeUnit.SECONDS);
  }

  private byte[] readChunk(
      NodeLocation node, ChunkId chunk, ChunkVersion version, SignedChunkToken t) {
    var replies =
        ChunkServiceGrpc.newBlockingStub(channels.channel(node.address().toString()))
            .withDeadlineAfter(30, TimeUnit.SECONDS)
            .readChunk(
                ReadChunkRequest.newBuilder()
                    .setChunkId(chunk.value())
                    .setVersion(version.value())
                    .setLength(1 << 20)
                    .setAccessToken(ByteString.copyFrom(t.bytes()))
                    .build());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    replies.forEachRemaining(r -> out.writeBytes(r.getData().toByteArray()));
    return out.toByteArray();
  }

  private Status readRefusal(NodeLocation node, ChunkId chunk, SignedChunkToken t) {
    return catchThrowableOfType(StatusRuntimeException.class, () -> readChunk(node, chunk, V1, t))
        .getStatus();
  }

  private Status openLocalRefusal(NodeLocation node, ChunkId chunk, SignedChunkToken t) {
    return catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                ChunkServiceGrpc.newBlockingStub(channels.channel(node.address().toString()))
                    .withDeadlineAfter(30, TimeUnit.SECONDS)
                    .openLocal(
                        OpenLocalRequest.newBuilder()
                            .setChunkId(chunk.value())
                            .setVersion(V1.value())
                            .setAccessToken(ByteString.copyFrom(t.bytes()))
                            .build()))
        .getStatus();
  }

  @Test
  void aWriteWithItsTokenReachesEveryHopAndReadsBackWithAReadToken() throws Exception {
    assertThat(writeChunk(A, V1, write(A, V1))).isNull();
    for (NodeLocation node : nodes) {
      assertThat(readChunk(node, A, V1, read(A, V1))).hasSize(10_000);
    }
  }

  @Test
  void aWriteWithoutATokenOrWithAWrongOneIsRefusedBeforeAByteIsStored() throws Exception {
    DfsError none = writeChunk(A, V1, SignedChunkToken.NONE);
    assertThat(none.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(none.message()).contains("no chunk access token");

    DfsError readToken = writeChunk(A, V1, read(A, V1));
    assertThat(readToken.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(readToken.message()).contains("does not allow write");

    DfsError otherChunk = writeChunk(A, V1, write(B, V1));
    assertThat(otherChunk.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(otherChunk.message()).contains("does not open " + A);

    assertThat(readRefusal(nodes.get(0), A, read(A, V1)).getCode())
        .isEqualTo(Status.Code.NOT_FOUND); // admitted, and nothing was stored
  }

  @Test
  void aTokenForVersionOneCannotWriteAForgedNewerVersion() throws Exception {
    assertThat(writeChunk(A, V1, write(A, V1))).isNull();
    DfsError forged = writeChunk(A, V2, write(A, V1));
    assertThat(forged.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(forged.message()).contains("covers v1, not v2");
    // Still v1 on both nodes: the forged version never reached a replica.
    for (NodeLocation node : nodes) {
      assertThat(readChunk(node, A, V1, read(A, V1))).hasSize(10_000);
    }
  }

  @Test
  void readsAndShortCircuitOpensNeedAValidReadTokenForThatChunk() throws Exception {
    assertThat(writeChunk(A, V1, write(A, V1))).isNull();
    NodeLocation node = nodes.get(0);

    Status none = readRefusal(node, A, SignedChunkToken.NONE);
    assertThat(none.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(none.getDescription()).contains("no chunk access token (read of " + A + ")");
    assertThat(readRefusal(node, A, read(B, V1)).getCode())
        .isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(readRefusal(node, A, write(A, V1)).getCode())
        .isEqualTo(Status.Code.PERMISSION_DENIED);

    assertThat(openLocalRefusal(node, A, SignedChunkToken.NONE).getCode())
        .isEqualTo(Status.Code.UNAUTHENTICATED);
    Status otherChunk = openLocalRefusal(node, A, read(B, V1));
    assertThat(otherChunk.getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(otherChunk.getDescription()).contains("does not open " + A);
  }

  @Test
  void expiredTamperedAndUnknownKeyTokensAreRefusedWithoutShowingTheirBytes() throws Exception {
    assertThat(writeChunk(A, V1, write(A, V1))).isNull();
    NodeLocation node = nodes.get(0);

    byte[] tampered = read(A, V1).bytes();
    tampered[tampered.length - 1] ^= 1;
    Status bad = readRefusal(node, A, SignedChunkToken.of(tampered));
    assertThat(bad.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(bad.getDescription())
        .contains("signature does not verify")
        .doesNotContain(HexFormat.of().formatHex(tampered, tampered.length - 8, tampered.length));

    Status unknown = readRefusal(node, A, token(key(9, T0), A, V1, ChunkOperation.READ));
    assertThat(unknown.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(unknown.getDescription()).contains("signed with key 9");

    SignedChunkToken soon = read(A, V1);
    clock.advance(Duration.ofHours(1));
    Status expired = readRefusal(node, A, soon);
    assertThat(expired.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(expired.getDescription()).contains("expired at");
  }

  @Test
  void anOldKeyIsHonouredAfterRotationAndAReplicateTokenCopiesTheChunk() throws Exception {
    assertThat(writeChunk(A, V1, write(A, V1))).isNull();
    NodeLocation node = nodes.get(0);
    assertThat(readChunk(node, A, V1, token(oldKey, A, V1, ChunkOperation.READ))).hasSize(10_000);
    // What a chunkserver ordered to copy presents to its source: the fetcher carries the token.
    PieceIterator copy =
        new GrpcChunkFetcher(channels, Duration.ofSeconds(30), false)
            .fetch(node, A, V1, 0, 10_000, token(newKey, A, V1, ChunkOperation.REPLICATE));
    long copied = 0;
    for (ChunkPiece p = copy.next(); p != null; p = copy.next()) {
      copied += p.length();
    }
    assertThat(copied).isEqualTo(10_000);
  }

  /** A chunkserver's use cases, set once its server has a port. */
  private static final class Late
      implements ReceiveChunkUseCase, ServeChunkUseCase, ChunkAccessUseCase {
    volatile ChunkserverServices services;

    @Override
    public PipelineStream receive(PipelineHeader header, PipelineListener upstream) {
      return services.receive().receive(header, upstream);
    }

    @Override
    public Outcome<PieceIterator> read(
        ChunkId chunk, ChunkVersion minVersion, long offset, long length) {
      return services.serve().read(chunk, minVersion, offset, length);
    }

    @Override
    public Outcome<LocalReplica> local(ChunkId chunk, ChunkVersion minVersion) {
      return services.serve().local(chunk, minVersion);
    }

    @Override
    public Outcome<Void> admit(
        SignedChunkToken token, ChunkId chunk, ChunkVersion version, ChunkOperation op) {
      return services.access().admit(token, chunk, version, op);
    }

    @Override
    public void acceptKeys(List<ChunkAccessKey> keys) {
      services.access().acceptKeys(keys);
    }

    @Override
    public boolean enforced() {
      return services.access().enforced();
    }
  }
}
