package io.godfs.application.chunkserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.fake.FakeChunkStore;
import io.godfs.application.port.out.ChunkPipeline;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkPiece;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.chunk.PipelineHeader;
import io.godfs.domain.chunk.PipelineListener;
import io.godfs.domain.chunk.PipelineStream;
import io.godfs.domain.error.DfsError;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.node.NodeAddress;
import io.godfs.domain.node.NodeId;
import io.godfs.domain.node.NodeLocation;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The chunkserver's pipeline step: verify, forward, write, and ack only what is held below too. */
class ChunkWriteSessionTest {
  static final NodeLocation SELF = loc("cs-1", 8000);
  static final NodeLocation NEXT = loc("cs-2", 8001);
  static final ChunkId CHUNK = new ChunkId(7);
  final FakeChunkStore store = new FakeChunkStore(1L << 30);
  final RecordingListener upstream = new RecordingListener();
  final Downstream downstream = new Downstream();

  static NodeLocation loc(String id, int port) {
    return new NodeLocation(new NodeId(id), new NodeAddress("127.0.0.1", port));
  }

  /** A fake next replica: records what it receives; the test decides when it acks. */
  static final class Downstream implements ChunkPipeline, PipelineStream {
    final List<Long> sent = new ArrayList<>();
    PipelineListener listener;
    PipelineHeader header;
    boolean finished;
    String cancelled;

    @Override
    public PipelineStream open(NodeLocation target, PipelineHeader h, PipelineListener l) {
      header = h;
      listener = l;
      return this;
    }

    @Override
    public void send(long seq, ChunkPiece piece) {
      sent.add(seq);
    }

    @Override
    public void finish(long seq) {
      finished = true;
    }

    @Override
    public void cancel(String reason) {
      cancelled = reason;
    }
  }

  PipelineStream receive(List<NodeLocation> below) {
    var service =
        new ReceiveChunkService(
            store,
            downstream,
            SELF,
            new RecentlyStored(),
            new ParkedWriters(Duration.ofMinutes(1), System::nanoTime));
    return service.receive(new PipelineHeader(CHUNK, ChunkVersion.FIRST, 1 << 20, below), upstream);
  }

  static ChunkPiece piece(long offset, int length, int seed) {
    byte[] b = new byte[length];
    new Random(seed).nextBytes(b);
    return ChunkPiece.of(offset, ByteBuffer.wrap(b));
  }

  @Test
  void acksWaitForTheNodeBelowAndFinishWaitsForItsFsync() {
    PipelineStream session = receive(List.of(NEXT));
    assertThat(downstream.header.downstream()).isEmpty();
    session.send(0, piece(0, 100_000, 1));
    session.send(1, piece(100_000, 50_000, 2));
    assertThat(downstream.sent).containsExactly(0L, 1L);
    assertThat(upstream.acks).as("nothing acked before the node below holds it").isEmpty();

    downstream.listener.acked(0);
    assertThat(upstream.acks).containsExactly(0L);
    downstream.listener.acked(1);
    assertThat(upstream.acks).containsExactly(0L, 1L);

    session.finish(2);
    assertThat(downstream.finished).isTrue();
    assertThat(upstream.finishedLength)
        .as("not finished before the node below committed")
        .isEqualTo(-1);
    assertThat(store.describe(CHUNK)).as("published only after the node below committed").isEmpty();
    downstream.listener.finished(2, 150_000);
    assertThat(store.describe(CHUNK)).get().extracting(c -> c.length()).isEqualTo(150_000L);
    assertThat(upstream.finishedLength).isEqualTo(150_000);
  }

  @Test
  void aReplicaBelowFailingAfterTheFsyncMeansThisReplicaNeverPublishes() {
    PipelineStream session = receive(List.of(NEXT));
    session.send(0, piece(0, 4000, 8));
    downstream.listener.acked(0);
    session.finish(1);
    downstream.listener.failed(DfsError.of(ErrorCode.UNAVAILABLE, "node below died"), NEXT);
    session.cancel("upstream saw the failure");
    assertThat(upstream.failure.code()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(upstream.finishedLength).isEqualTo(-1);
    assertThat(store.describe(CHUNK)).as("nothing published").isEmpty();
  }

  @Test
  void theLastNodeAcksAsSoonAsItWrote() {
    PipelineStream session = receive(List.of());
    session.send(0, piece(0, 65_536, 3));
    assertThat(upstream.acks).containsExactly(0L);
    session.finish(1);
    assertThat(upstream.finishedLength).isEqualTo(65_536);
  }

  @Test
  void aPieceFailingItsChecksumFailsTheWriteAndCommitsNothing() {
    PipelineStream session = receive(List.of(NEXT));
    ChunkPiece good = piece(0, 1000, 4);
    int[] crcs = good.crcs().clone();
    crcs[0] ^= 1;
    session.send(0, new ChunkPiece(0, good.data(), crcs));
    assertThat(upstream.failure.code()).isEqualTo(ErrorCode.CORRUPT);
    assertThat(upstream.failedNode).isEqualTo(SELF);
    assertThat(downstream.sent).as("a corrupt piece is not forwarded").isEmpty();
    assertThat(downstream.cancelled).isNotNull();
    session.finish(1);
    assertThat(store.describe(CHUNK)).isEmpty();
  }

  @Test
  void aFailureBelowIsReportedUpstreamNamingTheFailedNode() {
    PipelineStream session = receive(List.of(NEXT));
    session.send(0, piece(0, 1000, 5));
    downstream.listener.failed(DfsError.of(ErrorCode.UNAVAILABLE, "disk gone"), null);
    assertThat(upstream.failure.code()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(upstream.failedNode).isEqualTo(NEXT);
    session.cancel("upstream gave up");
    // The writer was released: the chunk can be written again.
    receive(List.of()).send(0, piece(0, 10, 6));
  }

  @Test
  void aFullDiskFailsTheWriteAsNoCapacityAndARecoveredPipelineHearsWhy() {
    var full = new FakeChunkStore(100_000);
    var service =
        new ReceiveChunkService(
            full,
            downstream,
            SELF,
            new RecentlyStored(),
            new ParkedWriters(Duration.ofMinutes(1), System::nanoTime));
    PipelineStream session =
        service.receive(
            new PipelineHeader(CHUNK, ChunkVersion.FIRST, 1 << 20, List.of()), upstream);
    session.send(0, piece(0, 150_000, 9));
    assertThat(upstream.failure.code()).isEqualTo(ErrorCode.NO_CAPACITY);
    assertThat(upstream.failure.message())
        .contains("write of " + CHUNK + " failed on cs-1")
        .contains("No space left on device");
    assertThat(upstream.failedNode).isEqualTo(SELF);

    // All replicas on one full disk fail one after another: the client's recovery that asks this
    // node to continue hears that the disk was full here, not that there is nothing to continue.
    RecordingListener recovery = new RecordingListener();
    service.receive(
        new PipelineHeader(
            CHUNK,
            ChunkVersion.FIRST.next(),
            1 << 20,
            List.of(),
            PipelineHeader.KEEP_LENGTH,
            ChunkVersion.FIRST),
        recovery);
    assertThat(recovery.failure.code()).isEqualTo(ErrorCode.NO_CAPACITY);
    assertThat(recovery.failure.message())
        .contains("cannot continue on cs-1, where it failed")
        .contains("No space left on device");
    assertThat(full.describe(CHUNK)).as("nothing published").isEmpty();
  }

  @Test
  void aPiecePastTheChunkSizeIsRefused() {
    PipelineStream session = receive(List.of());
    session.send(0, piece((1 << 20) - 10, 20, 7));
    assertThat(upstream.failure.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
  }

  @Test
  void aSecondWriterOnTheSameChunkIsRefusedWhileTheFirstIsOpen() {
    receive(List.of());
    RecordingListener second = new RecordingListener();
    new ReceiveChunkService(
            store,
            downstream,
            SELF,
            new RecentlyStored(),
            new ParkedWriters(Duration.ofMinutes(1), System::nanoTime))
        .receive(new PipelineHeader(CHUNK, ChunkVersion.FIRST, 1 << 20, List.of()), second);
    assertThat(second.failure.code()).isEqualTo(ErrorCode.CONFLICT);
  }
}
