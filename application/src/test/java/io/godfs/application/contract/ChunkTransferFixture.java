package io.godfs.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.fake.FakeChunkStore;
import io.godfs.application.port.out.ChunkFetcher;
import io.godfs.application.port.out.ChunkPipeline;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkLayout;
import io.godfs.domain.chunk.ChunkPiece;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.chunk.PieceIterator;
import io.godfs.domain.chunk.PipelineHeader;
import io.godfs.domain.chunk.PipelineListener;
import io.godfs.domain.chunk.PipelineStream;
import io.godfs.domain.error.DfsError;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.node.NodeId;
import io.godfs.domain.node.NodeLocation;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the chunk transfer contracts share: three chunkservers cs-0, cs-1, cs-2 over fake stores,
 * started by the adapter's test, and the writer's and reader's loops with their checks. Every wait
 * is bounded. Implementations extend {@link ChunkTransferContract}, not this class.
 */
public abstract class ChunkTransferFixture {
  protected static final int BLOCK = ChunkLayout.BLOCK_SIZE;
  protected static final int MIB = 1 << 20;
  protected static final long CHUNK_SIZE = 8L << 20;
  protected static final long WAIT_SECONDS = 20;
  protected static final ChunkVersion V1 = ChunkVersion.FIRST;
  protected static final ChunkVersion V2 = V1.next();

  protected final List<FakeChunkStore> stores = new ArrayList<>();
  protected List<NodeLocation> nodes;

  /**
   * Starts one chunkserver per store, the i-th named {@code cs-i}, each serving {@code
   * ChunkserverServices.create(store, pipeline, self, System::nanoTime)} where {@code pipeline} is
   * the adapter under test (so replicas reach each other through it); returns their locations in
   * order.
   */
  protected abstract List<NodeLocation> startChunkservers(List<FakeChunkStore> stores);

  /** The pipeline under test as a writer outside the chunkservers holds it. */
  protected abstract ChunkPipeline pipeline();

  /** The fetcher under test as a reader outside the chunkservers holds it. */
  protected abstract ChunkFetcher fetcher();

  /** Makes the chunkserver unreachable from now on, as a crash would. */
  protected abstract void crash(NodeLocation node);

  /** Stops what {@link #startChunkservers} started; called after every test, a failed one too. */
  protected abstract void stopChunkservers();

  @BeforeEach
  final void startThreeChunkservers() {
    for (int i = 0; i < 3; i++) {
      stores.add(new FakeChunkStore(1L << 30));
    }
    nodes = List.copyOf(startChunkservers(List.copyOf(stores)));
    assertThat(nodes)
        .extracting(NodeLocation::id)
        .containsExactly(new NodeId("cs-0"), new NodeId("cs-1"), new NodeId("cs-2"));
  }

  @AfterEach
  final void stopAll() {
    stopChunkservers();
  }

  protected static ChunkId id(long value) {
    return new ChunkId(value);
  }

  /** How a write ended: committed on every node of the pipeline, or failed. */
  protected sealed interface End {}

  protected record Finished(long seq, long chunkLength) implements End {}

  protected record Failed(DfsError error, NodeLocation node) implements End {}

  /** What a writer hears: acks (checked against what was sent) and the one terminal event. */
  protected static final class Recorder implements PipelineListener {
    final List<Long> acks = new CopyOnWriteArrayList<>();
    final List<String> violations = new CopyOnWriteArrayList<>();
    final AtomicInteger ends = new AtomicInteger();
    private final CompletableFuture<End> end = new CompletableFuture<>();
    volatile long sent = -1;
    PipelineStream stream;

    @Override
    public void acked(long seq) {
      if (end.isDone()) {
        violations.add("ack " + seq + " after the end");
      }
      if (seq > sent) {
        violations.add("ack " + seq + " when only up to " + sent + " was sent");
      }
      acks.add(seq);
    }

    @Override
    public void finished(long seq, long chunkLength) {
      ends.incrementAndGet();
      end.complete(new Finished(seq, chunkLength));
    }

    @Override
    public void failed(DfsError error, NodeLocation failedNode) {
      ends.incrementAndGet();
      end.complete(new Failed(error, failedNode));
    }

    /** Waits (bounded) for the end and asserts what kind it was. */
    <E extends End> E awaitEnd(Class<E> kind) throws Exception {
      End e = end.get(WAIT_SECONDS, TimeUnit.SECONDS);
      assertThat(e).isInstanceOf(kind);
      return kind.cast(e);
    }
  }

  /** Opens a write to the pipeline's first node; the others are its downstream. */
  protected final Recorder open(ChunkId chunk, ChunkVersion version, List<NodeLocation> pipeline) {
    Recorder recorder = new Recorder();
    recorder.stream =
        pipeline()
            .open(
                pipeline.getFirst(),
                new PipelineHeader(
                    chunk, version, CHUNK_SIZE, pipeline.subList(1, pipeline.size())),
                recorder);
    return recorder;
  }

  /** Sends {@code data[from, from+length)} at that offset as the next seq, with correct CRCs. */
  protected static void send(Recorder recorder, long seq, byte[] data, int from, int length) {
    recorder.sent = seq;
    recorder.stream.send(seq, ChunkBytes.piece(from, data, from, length));
  }

  /**
   * Writes {@code data} from offset 0 down {@code pipeline} in pieces of the given sizes (the last
   * size repeats), then finishes with the next seq; returns without waiting.
   */
  protected final Recorder write(
      ChunkId chunk, ChunkVersion version, List<NodeLocation> pipeline, byte[] data, int... sizes) {
    Recorder recorder = open(chunk, version, pipeline);
    long seq = 0;
    for (int position = 0; position < data.length; seq++) {
      int size = Math.min(sizes[(int) Math.min(seq, sizes.length - 1)], data.length - position);
      send(recorder, seq, data, position, size);
      position += size;
    }
    recorder.stream.finish(seq);
    return recorder;
  }

  /** Bytes fetched from a replica, starting at {@code offset} (-1 when no piece came). */
  protected record Fetched(long offset, byte[] bytes) {}

  /**
   * Fetches {@code [offset, offset+length)} checking every piece: block-aligned, contiguous, at
   * most one message, and its CRCs verify. Copies each piece before asking for the next.
   */
  protected final Fetched fetch(
      NodeLocation node, ChunkId chunk, ChunkVersion version, long offset, long length) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long start = -1;
    long next = -1;
    try (PieceIterator pieces = fetcher().fetch(node, chunk, version, offset, length)) {
      for (ChunkPiece piece = pieces.next(); piece != null; piece = pieces.next()) {
        assertThat(piece.offset() % BLOCK).as("piece offset %d", piece.offset()).isZero();
        assertThat(piece.length()).isPositive().isLessThanOrEqualTo(ChunkLayout.MAX_MESSAGE_BYTES);
        assertThat(piece.verify()).as("CRCs of the piece at %d", piece.offset()).isTrue();
        if (start < 0) {
          start = piece.offset();
        } else {
          assertThat(piece.offset()).isEqualTo(next);
        }
        next = piece.end();
        byte[] bytes = new byte[piece.length()];
        piece.data().duplicate().get(bytes);
        out.writeBytes(bytes);
      }
    }
    return new Fetched(start, out.toByteArray());
  }

  /** The refusal of a fetch, thrown by {@code fetch} itself or by the first {@code next()}. */
  protected final DfsException fetchRefusal(
      NodeLocation node, ChunkId chunk, ChunkVersion version, long offset, long length) {
    PieceIterator pieces;
    try {
      pieces = fetcher().fetch(node, chunk, version, offset, length);
    } catch (DfsException e) {
      return e;
    }
    try (pieces) {
      ChunkPiece piece = pieces.next();
      throw new AssertionError(
          "expected a refusal, got "
              + (piece == null ? "the end" : "a piece at " + piece.offset()));
    } catch (DfsException e) {
      return e;
    }
  }
}
