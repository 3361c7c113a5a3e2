package io.godfs.application.chunkserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.fake.FakeChunkStore;
import io.godfs.application.fake.RecordingChunkIoMeter;
import io.godfs.application.port.out.ChunkIoMeter.Result;
import io.godfs.application.port.out.ChunkReader;
import io.godfs.application.port.out.ChunkStore;
import io.godfs.application.port.out.ChunkWriter;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkPiece;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.chunk.LocalReplica;
import io.godfs.domain.chunk.PieceIterator;
import io.godfs.domain.chunk.PipelineHeader;
import io.godfs.domain.chunk.PipelineStream;
import io.godfs.domain.chunk.SignedChunkToken;
import io.godfs.domain.chunk.StoredChunk;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.node.NodeId;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * What the chunkserver's services tell their {@code ChunkIoMeter} (ADR 0023): bytes per message,
 * each message's time at its hop, the fsync, how reads and writes ended, and the scrubber's pass.
 */
class ChunkIoMeteringTest {
  static final ChunkId CHUNK = new ChunkId(7);
  final FakeChunkStore store = new FakeChunkStore(1L << 30);
  final RecordingChunkIoMeter meter = new RecordingChunkIoMeter();
  final AtomicLong nanos = new AtomicLong(1_000);
  final RecordingListener upstream = new RecordingListener();
  final ChunkWriteSessionTest.Downstream downstream = new ChunkWriteSessionTest.Downstream();

  private PipelineStream receive(int hop) {
    var service =
        new ReceiveChunkService(
            store,
            downstream,
            ChunkWriteSessionTest.SELF,
            new RecentlyStored(),
            new ParkedWriters(Duration.ofMinutes(1), nanos::get),
            meter,
            nanos::get);
    return service.receive(
        new PipelineHeader(
            CHUNK,
            ChunkVersion.FIRST,
            1 << 20,
            List.of(ChunkWriteSessionTest.NEXT),
            PipelineHeader.KEEP_LENGTH,
            null,
            SignedChunkToken.NONE,
            hop),
        upstream);
  }

  @Test
  void eachMessageIsTimedFromItsArrivalToTheAckSentUpForIt() {
    PipelineStream session = receive(1);
    assertThat(downstream.header.hop()).as("the node below is the next hop").isEqualTo(2);

    session.send(0, ChunkWriteSessionTest.piece(0, 100_000, 1)); // arrives at 1_000
    nanos.set(4_000);
    session.send(1, ChunkWriteSessionTest.piece(100_000, 50_000, 2)); // arrives at 4_000
    nanos.set(10_000);
    downstream.listener.acked(1); // one ack from below covers both

    assertThat(meter.writtenBytes).hasValue(150_000);
    assertThat(meter.hops).extracting(h -> h[0] + "/" + h[1]).containsExactly("1/9000", "1/6000");

    nanos.set(20_000);
    session.finish(2);
    downstream.listener.finished(2, 150_000);

    assertThat(meter.fsyncs).hasSize(1);
    assertThat(meter.writes).containsExactly(Result.OK);
  }

  @Test
  void aWriteCancelledMidwayEndsInError() {
    PipelineStream session = receive(0);
    session.send(0, ChunkWriteSessionTest.piece(0, 100_000, 1));
    session.cancel("the client went away");
    session.cancel("again");

    assertThat(meter.writes).containsExactly(Result.ERROR);
    assertThat(meter.fsyncs).isEmpty();
  }

  private void commit(FakeChunkStore on, long id, int bytes) {
    try (ChunkWriter w = on.openWriter(new ChunkId(id), ChunkVersion.FIRST)) {
      w.write(ChunkPiece.of(0, ByteBuffer.wrap(new byte[bytes])));
      w.commit();
    }
  }

  @Test
  void aReadCountsItsBytesAndEndsWellOnlyWhenServedToItsEnd() {
    commit(store, 7, 1_500_000); // two messages
    var serve = new ServeChunkService(store, new NodeId("cs-1"), meter);

    try (PieceIterator all = serve.read(CHUNK, ChunkVersion.FIRST, 0, 1_500_000).orThrow()) {
      while (all.next() != null) {
        // drain
      }
    }
    try (PieceIterator cut = serve.read(CHUNK, ChunkVersion.FIRST, 0, 1_500_000).orThrow()) {
      cut.next(); // the reader goes away after one message
    }
    Outcome<PieceIterator> stale = serve.read(CHUNK, new ChunkVersion(2), 0, 10);

    assertThat(stale).isInstanceOf(Outcome.Rejected.class);
    assertThat(meter.readBytes).hasValue(1_500_000 + (1 << 20));
    assertThat(meter.reads).containsExactly(Result.OK, Result.ERROR, Result.ERROR);
  }

  @Test
  void aScrubPassCountsBytesProgressCorruptionAndItsEnd() {
    commit(store, 1, 100);
    commit(store, 2, 200);
    commit(store, 3, 300);
    var scrubber =
        new ScrubService(
            new NodeId("cs-1"), new Unreadable(store, new ChunkId(2)), new ChunkIdLog(), meter);

    scrubber.scrub(16L << 20);

    assertThat(meter.scrubbedBytes).hasValue(100 + 300);
    assertThat(meter.corruptFound).hasValue(1);
    assertThat(meter.progress)
        .extracting(p -> p[0] + "/" + p[1])
        .containsExactly("0/3", "1/3", "2/3", "3/3");
    assertThat(meter.passesEnded).hasValue(1);
  }

  /** A store whose one replica cannot be read (a failing disk sector). */
  private record Unreadable(FakeChunkStore delegate, ChunkId bad) implements ChunkStore {
    @Override
    public ChunkWriter openWriter(ChunkId id, ChunkVersion version) {
      return delegate.openWriter(id, version);
    }

    @Override
    public ChunkReader openReader(ChunkId id) {
      if (id.equals(bad)) {
        throw new IllegalStateException("read error");
      }
      return delegate.openReader(id);
    }

    @Override
    public Optional<StoredChunk> describe(ChunkId id) {
      return delegate.describe(id);
    }

    @Override
    public LocalReplica localReplica(ChunkId id) {
      return delegate.localReplica(id);
    }

    @Override
    public boolean delete(ChunkId id) {
      return delegate.delete(id);
    }

    @Override
    public List<StoredChunk> list() {
      return delegate.list();
    }

    @Override
    public StoreUsage usage() {
      return delegate.usage();
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
