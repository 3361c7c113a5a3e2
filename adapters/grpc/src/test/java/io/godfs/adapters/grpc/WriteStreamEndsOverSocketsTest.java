package io.godfs.adapters.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.api.v1.ChunkServiceGrpc;
import io.godfs.api.v1.WriteChunkAck;
import io.godfs.api.v1.WriteChunkRequest;
import io.godfs.api.v1.WriteHeader;
import io.godfs.application.chunkserver.ChunkserverServices;
import io.godfs.application.fake.FakeChunkStore;
import io.godfs.application.port.in.ReceiveChunkUseCase;
import io.godfs.application.port.out.ChunkWriter;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkPiece;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.chunk.PipelineHeader;
import io.godfs.domain.chunk.PipelineListener;
import io.godfs.domain.chunk.PipelineStream;
import io.godfs.domain.error.DfsError;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.node.NodeAddress;
import io.godfs.domain.node.NodeId;
import io.godfs.domain.node.NodeLocation;
import io.grpc.stub.StreamObserver;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How write streams end, on real sockets of 127.0.0.1: whichever way a stream ends without a
 * commit, every node's session is cancelled (its writer released), and a writer that gives up
 * really cancels its stream.
 */
class WriteStreamEndsOverSocketsTest {
  static final long CHUNK_SIZE = 8L << 20;
  static final long WAIT_SECONDS = 10;
  final List<GrpcServerHandle> servers = new ArrayList<>();
  final List<FakeChunkStore> stores = new ArrayList<>();
  final List<NodeLocation> nodes = new ArrayList<>();
  final List<CountDownLatch> opens = new ArrayList<>();
  final List<CountDownLatch> cancels = new ArrayList<>();
  final List<ChunkserverServices> servicesOf = new ArrayList<>();
  final ChannelPool channels = new ChannelPool();

  @AfterEach
  void stop() {
    channels.close();
    servers.forEach(GrpcServerHandle::close);
  }

  /** Starts a server whose write use case is {@code receive}; only writes are served. */
  NodeLocation start(String id, ReceiveChunkUseCase receive) {
    GrpcServerHandle server =
        GrpcServerHandle.start("127.0.0.1", 0, List.of(new GrpcChunkService(receive, null)));
    servers.add(server);
    return new NodeLocation(new NodeId(id), new NodeAddress("127.0.0.1", server.port()));
  }

  /** Real chunkservers over fake stores; each counts the cancels its sessions receive. */
  void startChunkservers(int count) {
    for (int i = 0; i < count; i++) {
      FakeChunkStore store = new FakeChunkStore(1L << 30);
      CountDownLatch opened = new CountDownLatch(1);
      CountDownLatch cancelled = new CountDownLatch(1);
      AtomicReference<ChunkserverServices> services = new AtomicReference<>();
      NodeLocation self =
          start(
              "cs-" + i,
              (h, l) -> {
                PipelineStream session =
                    countingCancels(services.get().receive().receive(h, l), cancelled);
                opened.countDown();
                return session;
              });
      services.set(
          ChunkserverServices.create(
              store, new GrpcChunkPipeline(channels), self, System::nanoTime));
      servicesOf.add(services.get());
      stores.add(store);
      nodes.add(self);
      opens.add(opened);
      cancels.add(cancelled);
    }
  }

  static PipelineStream countingCancels(PipelineStream session, CountDownLatch cancelled) {
    return new PipelineStream() {
      @Override
      public void send(long seq, ChunkPiece piece) {
        session.send(seq, piece);
      }

      @Override
      public void finish(long seq) {
        session.finish(seq);
      }

      @Override
      public void cancel(String reason) {
        session.cancel(reason);
        cancelled.countDown();
      }
    };
  }

  static final class Result implements PipelineListener {
    final CompletableFuture<Long> finished = new CompletableFuture<>();

    @Override
    public void acked(long seq) {}

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

  /**
   * The session is cancelled and its writer is not leaked: it waits parked for a pipeline recovery,
   * and a newer write of the chunk on that node takes the chunk over and commits.
   */
  void assertCancelledAndWriterReleased(int node, ChunkId chunk) throws Exception {
    assertThat(cancels.get(node).await(WAIT_SECONDS, TimeUnit.SECONDS))
        .as("the session on %s is cancelled when its stream ends without a commit", nodes.get(node))
        .isTrue();
    Result newer = new Result();
    PipelineStream stream =
        servicesOf
            .get(node)
            .receive()
            .receive(
                new PipelineHeader(chunk, ChunkVersion.FIRST.next().next(), CHUNK_SIZE, List.of()),
                newer);
    stream.finish(0);
    assertThat(newer.finished.get(WAIT_SECONDS, TimeUnit.SECONDS)).isZero();
  }

  @Test
  void aFailureBelowReleasesTheWritersOfTheNodesAbove() throws Exception {
    startChunkservers(3);
    ChunkId chunk = new ChunkId(11);
    ChunkWriter busy =
        stores.get(2).openWriter(chunk, ChunkVersion.FIRST); // the last replica refuses
    Result result = new Result();
    PipelineStream stream =
        new GrpcChunkPipeline(channels)
            .open(
                nodes.get(0),
                new PipelineHeader(chunk, ChunkVersion.FIRST, CHUNK_SIZE, nodes.subList(1, 3)),
                result);
    stream.send(0, ChunkPiece.of(0, ByteBuffer.wrap(new byte[1000])));
    assertThatThrownBy(() -> result.finished.get(WAIT_SECONDS, TimeUnit.SECONDS))
        .hasCauseInstanceOf(DfsException.class)
        .hasMessageContaining("cs-2");
    stream.cancel("client failed"); // what the client's stream does on such a failure
    assertCancelledAndWriterReleased(0, chunk);
    assertCancelledAndWriterReleased(1, chunk);
    busy.close();
  }

  @Test
  void aStreamRefusedForABadMessageReleasesItsWriterAndTheNodeBelow() throws Exception {
    startChunkservers(2);
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
    WriteChunkRequest header =
        WriteChunkRequest.newBuilder()
            .setHeader(
                WriteHeader.newBuilder()
                    .setChunkId(12)
                    .setVersion(1)
                    .setChunkSize(CHUNK_SIZE)
                    .addDownstream(ProtoMapper.toProto(nodes.get(1))))
            .build();
    requests.onNext(header);
    assertThat(opens.get(1).await(WAIT_SECONDS, TimeUnit.SECONDS))
        .as("the header reached the node below")
        .isTrue();
    requests.onNext(header); // a second header is refused
    assertThat(error.get(WAIT_SECONDS, TimeUnit.SECONDS))
        .isNotNull()
        .hasMessageContaining("second header");
    assertCancelledAndWriterReleased(0, new ChunkId(12));
    assertCancelledAndWriterReleased(1, new ChunkId(12));
  }

  @Test
  void aStreamHalfClosedWithoutAFinishIsEndedWithAnError() throws Exception {
    startChunkservers(1);
    CompletableFuture<Throwable> end = new CompletableFuture<>();
    StreamObserver<WriteChunkRequest> requests =
        ChunkServiceGrpc.newStub(channels.channel(nodes.get(0).address().toString()))
            .writeChunk(
                new StreamObserver<>() {
                  @Override
                  public void onNext(WriteChunkAck ack) {}

                  @Override
                  public void onError(Throwable t) {
                    end.complete(t);
                  }

                  @Override
                  public void onCompleted() {
                    end.complete(null);
                  }
                });
    requests.onNext(
        WriteChunkRequest.newBuilder()
            .setHeader(
                WriteHeader.newBuilder().setChunkId(14).setVersion(1).setChunkSize(CHUNK_SIZE))
            .build());
    requests.onCompleted(); // no finish: nothing is committed, and the writer must hear so
    assertThat(end.get(WAIT_SECONDS, TimeUnit.SECONDS))
        .as("the call ends with an error")
        .isNotNull();
    assertThat(cancels.get(0).await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(stores.get(0).describe(new ChunkId(14))).as("nothing was committed").isEmpty();
    assertCancelledAndWriterReleased(0, new ChunkId(14));
  }

  @Test
  void cancellingAfterFinishStillCancelsTheStream() throws Exception {
    // A replica that never answers the finish (a hung disk, a silent network): the client's wait
    // times out and it cancels; the cancel must reach the replica so it releases the chunk.
    CountDownLatch cancelled = new CountDownLatch(1);
    CountDownLatch finishReceived = new CountDownLatch(1);
    NodeLocation hung =
        start(
            "hung",
            (h, l) ->
                new PipelineStream() {
                  @Override
                  public void send(long seq, ChunkPiece piece) {}

                  @Override
                  public void finish(long seq) {
                    finishReceived.countDown();
                  }

                  @Override
                  public void cancel(String reason) {
                    cancelled.countDown();
                  }
                });
    Result result = new Result();
    PipelineStream stream =
        new GrpcChunkPipeline(channels)
            .open(
                hung,
                new PipelineHeader(new ChunkId(13), ChunkVersion.FIRST, CHUNK_SIZE, List.of()),
                result);
    stream.send(0, ChunkPiece.of(0, ByteBuffer.wrap(new byte[1000])));
    stream.finish(1);
    assertThat(finishReceived.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    stream.cancel("timed out"); // what ChunkUpload does when its bounded wait for the fsync ends
    assertThat(cancelled.await(WAIT_SECONDS, TimeUnit.SECONDS))
        .as("the replica learns that the writer gave up")
        .isTrue();
    assertThatThrownBy(() -> result.finished.get(WAIT_SECONDS, TimeUnit.SECONDS))
        .hasCauseInstanceOf(DfsException.class);
  }
}
