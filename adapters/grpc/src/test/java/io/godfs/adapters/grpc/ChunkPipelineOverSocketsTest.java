package io.godfs.adapters.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.godfs.api.v1.ChunkData;
import io.godfs.api.v1.ChunkServiceGrpc;
import io.godfs.api.v1.WriteChunkAck;
import io.godfs.api.v1.WriteChunkRequest;
import io.godfs.api.v1.WriteHeader;
import io.godfs.application.chunkserver.ChunkserverServices;
import io.godfs.application.fake.FakeChunkStore;
import io.godfs.application.port.in.ServeChunkUseCase;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkPiece;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.chunk.LocalReplica;
import io.godfs.domain.chunk.PieceIterator;
import io.godfs.domain.chunk.PipelineHeader;
import io.godfs.domain.chunk.PipelineListener;
import io.godfs.domain.chunk.PipelineStream;
import io.godfs.domain.error.DfsError;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.node.NodeAddress;
import io.godfs.domain.node.NodeId;
import io.godfs.domain.node.NodeLocation;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three chunkservers' gRPC data services on real sockets of 127.0.0.1, forwarding to each other.
 */
class ChunkPipelineOverSocketsTest {
  static final long CHUNK_SIZE = 8L << 20;
  final List<GrpcServerHandle> servers = new ArrayList<>();
  final List<FakeChunkStore> stores = new ArrayList<>();
  final List<NodeLocation> nodes = new ArrayList<>();
  final ChannelPool channels = new ChannelPool();

  @BeforeEach
  void startThreeChunkservers() {
    for (int i = 0; i < 3; i++) {
      FakeChunkStore store = new FakeChunkStore(1L << 30);
      AtomicReference<ChunkserverServices> services = new AtomicReference<>();
      GrpcServerHandle server =
          GrpcServerHandle.start(
              "127.0.0.1",
              0,
              List.of(
                  new GrpcChunkService(
                      (h, l) -> services.get().receive().receive(h, l),
                      new ServeChunkUseCase() {
                        @Override
                        public Outcome<PieceIterator> read(
                            ChunkId c, ChunkVersion v, long o, long n) {
                          return services.get().serve().read(c, v, o, n);
                        }

                        @Override
                        public Outcome<LocalReplica> local(ChunkId c, ChunkVersion v) {
                          return services.get().serve().local(c, v);
                        }
                      })));
      NodeLocation self =
          new NodeLocation(new NodeId("cs-" + i), new NodeAddress("127.0.0.1", server.port()));
      services.set(
          ChunkserverServices.create(
              store, new GrpcChunkPipeline(channels), self, System::nanoTime));
      servers.add(server);
      stores.add(store);
      nodes.add(self);
    }
  }

  @AfterEach
  void stop() {
    channels.close();
    servers.forEach(GrpcServerHandle::close);
  }

  /** Completes when the pipeline reports its terminal event. */
  static final class Result implements PipelineListener {
    final CompletableFuture<Long> finished = new CompletableFuture<>();
    volatile long lastAck = -1;

    @Override
    public void acked(long seq) {
      lastAck = seq;
    }

    @Override
    public void finished(long seq, long chunkLength) {
      finished.complete(chunkLength);
    }

    @Override
    public void failed(DfsError error, NodeLocation node) {
      finished.completeExceptionally(
          new DfsException(DfsError.of(error.code(), error.message() + " @" + node)));
    }
  }

  /** A write of {@code chunk} to the first chunkserver, forwarded to the other two. */
  PipelineStream throughAllThree(ChunkId chunk, Result result) {
    return new GrpcChunkPipeline(channels)
        .open(
            nodes.get(0),
            new PipelineHeader(chunk, ChunkVersion.FIRST, CHUNK_SIZE, nodes.subList(1, 3)),
            result);
  }

  byte[] writeThroughPipeline(ChunkId chunk, int length) throws Exception {
    byte[] data = new byte[length];
    new Random(chunk.value()).nextBytes(data);
    Result result = new Result();
    PipelineStream stream = throughAllThree(chunk, result);
    long seq = 0;
    for (int off = 0; off < length; off += 1 << 20) {
      int n = Math.min(1 << 20, length - off);
      stream.send(seq++, ChunkPiece.of(off, ByteBuffer.wrap(data, off, n).slice()));
    }
    stream.finish(seq);
    assertThat(result.finished.get(20, TimeUnit.SECONDS)).isEqualTo(length);
    return data;
  }

  @Test
  void piecesAreStoredAndForwardedFromTheBuffersTheyArrivedInAndThoseAreReleased()
      throws Exception {
    long heldBefore = HeldBuffers.EVER.get();
    ChunkId chunk = new ChunkId(77);
    byte[] data = writeThroughPipeline(chunk, (6 << 20) + 12345);
    long heldByTheWrite = HeldBuffers.EVER.get() - heldBefore;

    for (int i = 0; i < 3; i++) {
      assertThat(readFrom(i, chunk, data.length)).isEqualTo(data);
    }
    // Every replica held each 1 MiB piece (the 12,345-byte tail is copied: too short to hold).
    assertThat(heldByTheWrite).isEqualTo(3 * 6);
    // So did the reader, for each 1 MiB answer of the three reads.
    assertThat(HeldBuffers.EVER.get() - heldBefore - heldByTheWrite).isEqualTo(3 * 6);
    awaitReleased();
  }

  @Test
  void aPipelineCutOffMidWriteReleasesTheBuffersItHeld() throws Exception {
    Result result = new Result();
    PipelineStream stream = throughAllThree(new ChunkId(78), result);
    byte[] data = new byte[1 << 20];
    new Random(78).nextBytes(data);
    stream.send(0, ChunkPiece.of(0, ByteBuffer.wrap(data)));
    servers.get(2).close(); // the last replica goes away
    stream.send(1, ChunkPiece.of(1 << 20, ByteBuffer.wrap(data)));
    stream.cancel("the writer gives up");
    assertThatThrownBy(() -> result.finished.get(20, TimeUnit.SECONDS)).isNotNull();
    awaitReleased();
  }

  private byte[] readFrom(int node, ChunkId chunk, int length) throws Exception {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    try (PieceIterator it =
        new GrpcChunkFetcher(channels, Duration.ofSeconds(10), false)
            .fetch(nodes.get(node), chunk, ChunkVersion.FIRST, 0, length)) {
      for (ChunkPiece p = it.next(); p != null; p = it.next()) {
        assertThat(p.verify()).isTrue();
        byte[] b = new byte[p.length()];
        p.data().duplicate().get(b);
        got.write(b);
      }
    }
    return got.toByteArray();
  }

  @Test
  void aReaderThatStopsAfterOnePieceReleasesTheAnswersItNeverTook() throws Exception {
    ChunkId chunk = new ChunkId(79);
    byte[] data = writeThroughPipeline(chunk, (int) CHUNK_SIZE); // eight 1 MiB answers
    long heldBefore = HeldBuffers.EVER.get();
    try (PieceIterator it =
        new GrpcChunkFetcher(channels, Duration.ofSeconds(10), false)
            .fetch(nodes.get(1), chunk, ChunkVersion.FIRST, 0, data.length)) {
      ChunkPiece first = it.next();
      assertThat(first.verify()).isTrue();
      byte[] head = new byte[first.length()];
      first.get(0, head, 0, head.length);
      assertThat(head).isEqualTo(Arrays.copyOf(data, head.length));
      // The other answers arrive meanwhile (read ahead), each held in its network buffers.
      int asked = (int) (CHUNK_SIZE >> 20);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (HeldBuffers.EVER.get() - heldBefore < asked && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(HeldBuffers.EVER.get() - heldBefore).isEqualTo(asked);
    }
    awaitReleased();
  }

  @Test
  void piecesThatNoHandlerTakesAreReleased() throws Exception {
    // An interceptor that swallows every message of the call: the chunk handler never sees them.
    ServerInterceptor swallow =
        new ServerInterceptor() {
          @Override
          public <Q, R> ServerCall.Listener<Q> interceptCall(
              ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            call.request(Integer.MAX_VALUE);
            return new ServerCall.Listener<>() {};
          }
        };
    long heldBefore = HeldBuffers.EVER.get();
    try (GrpcServerHandle deaf =
        GrpcServerHandle.start(
            "127.0.0.1",
            0,
            List.of(new GrpcChunkService((h, l) -> null, null)),
            List.of(swallow))) {
      NodeLocation node =
          new NodeLocation(new NodeId("deaf"), new NodeAddress("127.0.0.1", deaf.port()));
      PipelineStream stream =
          new GrpcChunkPipeline(channels)
              .open(
                  node,
                  new PipelineHeader(new ChunkId(79), ChunkVersion.FIRST, CHUNK_SIZE, List.of()),
                  new Result());
      byte[] data = new byte[1 << 20];
      for (int i = 0; i < 3; i++) {
        stream.send(i, ChunkPiece.of((long) i << 20, ByteBuffer.wrap(data)));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (HeldBuffers.EVER.get() - heldBefore < 3 && System.nanoTime() < deadline) {
        Thread.sleep(10); // waits for the server to have parsed all three
      }
      assertThat(HeldBuffers.EVER.get() - heldBefore).isEqualTo(3);
      stream.cancel("done");
    }
    awaitReleased();
  }

  /**
   * Every held message let go: gRPC's pool gets its buffers back (bounded wait, real condition).
   */
  private static void awaitReleased() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (HeldBuffers.LIVE.get() != 0 && System.nanoTime() < deadline) {
      System.gc(); // a forward gRPC dropped unsent is released when it is collected
      Thread.sleep(20);
    }
    assertThat(HeldBuffers.LIVE.get()).as("network buffers still held").isZero();
  }

  @Test
  void aPipelinedWriteLandsOnEveryReplicaAndReadsBackVerified() throws Exception {
    ChunkId chunk = new ChunkId(1);
    byte[] data = writeThroughPipeline(chunk, 5 * (1 << 20) + 4321);
    for (int i = 0; i < 3; i++) {
      assertThat(stores.get(i).describe(chunk))
          .get()
          .extracting(c -> c.length())
          .isEqualTo((long) data.length);
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      try (PieceIterator it =
          new GrpcChunkFetcher(channels, Duration.ofSeconds(10), false)
              .fetch(nodes.get(i), chunk, ChunkVersion.FIRST, 0, data.length)) {
        for (ChunkPiece p = it.next(); p != null; p = it.next()) {
          assertThat(p.verify()).isTrue();
          assertThat(p.length()).isLessThanOrEqualTo(1 << 20);
          byte[] b = new byte[p.length()];
          p.data().duplicate().get(b);
          got.write(b);
        }
      }
      assertThat(got.toByteArray()).isEqualTo(data);
    }
  }

  @Test
  void aPartialReadStartsAtTheCoveringBlockAndCarriesItsChecksums() throws Exception {
    ChunkId chunk = new ChunkId(2);
    byte[] data = writeThroughPipeline(chunk, 300_000);
    try (PieceIterator it =
        new GrpcChunkFetcher(channels, Duration.ofSeconds(10), false)
            .fetch(nodes.get(2), chunk, ChunkVersion.FIRST, 70_000, 10)) {
      ChunkPiece p = it.next();
      assertThat(p.offset()).isEqualTo(65_536);
      assertThat(p.verify()).isTrue();
      assertThat(p.data().get(p.data().position() + (70_000 - 65_536))).isEqualTo(data[70_000]);
      assertThat(it.next()).isNull();
    }
  }

  @Test
  void readingAStaleOrMissingReplicaIsRefusedWithItsCode() throws Exception {
    ChunkId chunk = new ChunkId(3);
    writeThroughPipeline(chunk, 1000);
    var fetcher = new GrpcChunkFetcher(channels, Duration.ofSeconds(10), false);
    try (PieceIterator it = fetcher.fetch(nodes.get(0), chunk, new ChunkVersion(2), 0, 1000)) {
      assertThatThrownBy(it::next)
          .isInstanceOfSatisfying(
              DfsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT))
          .hasMessageContaining("stale");
    }
    try (PieceIterator it =
        fetcher.fetch(nodes.get(0), new ChunkId(99), ChunkVersion.FIRST, 0, 1)) {
      assertThatThrownBy(it::next)
          .isInstanceOfSatisfying(
              DfsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }
  }

  @Test
  void aDeadReplicaFailsTheWriteNamingTheNode() throws Exception {
    servers.get(2).close();
    Result result = new Result();
    PipelineStream stream = throughAllThree(new ChunkId(4), result);
    stream.send(0, ChunkPiece.of(0, ByteBuffer.wrap(new byte[1000])));
    stream.finish(1);
    assertThatThrownBy(() -> result.finished.get(20, TimeUnit.SECONDS))
        .hasCauseInstanceOf(DfsException.class)
        .hasMessageContaining("cs-2");
    // The primary may have committed its own copy before the failure reached it: that copy was
    // never acknowledged, and the master never records it (no CommitChunk follows a failure).
  }

  @Test
  void anOversizedMessageIsRefusedAndNothingIsCommitted() throws Exception {
    CompletableFuture<Throwable> error = new CompletableFuture<>();
    StreamObserver<WriteChunkRequest> requests =
        ChunkServiceGrpc.newStub(channels.channel(nodes.get(0).address().toString()))
            .writeChunk(
                new StreamObserver<>() {
                  @Override
                  public void onNext(WriteChunkAck ack) {}

                  @Override
                  public void onError(Throwable t) {
                    error.complete(t);
                  }

                  @Override
                  public void onCompleted() {
                    error.complete(null);
                  }
                });
    requests.onNext(
        WriteChunkRequest.newBuilder()
            .setHeader(
                WriteHeader.newBuilder().setChunkId(5).setVersion(1).setChunkSize(CHUNK_SIZE))
            .build());
    requests.onNext(
        WriteChunkRequest.newBuilder()
            .setData(
                ChunkData.newBuilder()
                    .setSeq(0)
                    .setOffsetInChunk(0)
                    .setData(ByteString.copyFrom(new byte[(1 << 20) + 1])))
            .build());
    Throwable t = error.get(20, TimeUnit.SECONDS);
    assertThat(t).isInstanceOf(StatusRuntimeException.class);
    Status.Code code = Status.fromThrowable(t).getCode();
    assertThat(code).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(Status.fromThrowable(t).getDescription()).contains("at most 1048576");
    assertThat(stores.get(0).describe(new ChunkId(5))).isEmpty();
  }
}
