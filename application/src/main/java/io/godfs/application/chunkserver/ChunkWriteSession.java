package io.godfs.application.chunkserver;

import io.godfs.application.port.out.ChunkIoMeter;
import io.godfs.application.port.out.ChunkWriter;
import io.godfs.domain.chunk.ChunkLayout;
import io.godfs.domain.chunk.ChunkPiece;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.chunk.PipelineHeader;
import io.godfs.domain.chunk.PipelineListener;
import io.godfs.domain.chunk.PipelineStream;
import io.godfs.domain.chunk.StoredChunk;
import io.godfs.domain.error.DfsError;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.node.NodeLocation;
import java.util.ArrayDeque;
import java.util.function.LongSupplier;

/**
 * One chunk write passing through this chunkserver. Each piece is verified against its CRCs,
 * forwarded to the next replica first (so the links work in parallel) and then written locally. An
 * ack goes upstream for the highest seq that both this node wrote and the node below acked. At
 * finish every replica fsyncs in parallel, but a replica publishes (commits) its new bytes only
 * once the node below has committed, from the tail upward (as HDFS finalizes blocks): if any
 * replica fails, the nodes above it never publish, and the acknowledged bytes of the previous
 * version stay what every replica serves.
 *
 * <p>The upstream side calls {@link #send}/{@link #finish}/{@link #cancel} from one thread (the
 * inbound thread); acks from below arrive on another, which runs the commit when the node below
 * finishes last. Writer calls are serialised by {@code writerLock}; state and upstream
 * notifications by this object's monitor (never held during disk I/O). The transport calls {@link
 * #cancel} when the upstream stream ends without a finish, which releases the writer.
 *
 * <p>Metrics (ADR 0023): each message's bytes once written here, the fsync's time, how the write
 * ended, and each message's time at this hop, from its arrival to the ack sent up for it (the
 * arrival times wait in {@code arrivals}, in seq order, until an ack covers them).
 */
final class ChunkWriteSession implements PipelineStream, PipelineListener {
  private final PipelineHeader header;
  private final NodeLocation self;
  private final ChunkWriter writer;
  private final PipelineListener upstream;
  private final ParkedWriters parking;
  private final ChunkIoMeter meter;
  private final LongSupplier nanoTime;

  /** Seq and arrival time of each message written here and not yet acked up; under the monitor. */
  private final ArrayDeque<long[]> arrivals = new ArrayDeque<>();

  /** Told once when this session lets go of its writer (published, parked or closed). */
  private volatile Runnable onRelease = () -> {};

  private PipelineStream downstream;
  private final NodeLocation downstreamNode;

  private long written = -1;
  private long downAcked;
  private long ackedUp = -1;
  private long finishSeq = -1;
  private StoredChunk committed;
  private boolean downFinished;
  private boolean done;
  private boolean synced;
  private boolean commitStarted;
  private final Object writerLock = new Object();
  private boolean writerClosed;

  ChunkWriteSession(
      PipelineHeader header,
      NodeLocation self,
      ChunkWriter writer,
      PipelineListener upstream,
      ParkedWriters parking,
      ChunkIoMeter meter,
      LongSupplier nanoTime) {
    this.header = header;
    this.meter = meter;
    this.nanoTime = nanoTime;
    this.parking = parking;
    this.self = self;
    this.writer = writer;
    this.upstream = upstream;
    this.downstreamNode = header.downstream().isEmpty() ? null : header.downstream().getFirst();
    this.downAcked = downstreamNode == null ? Long.MAX_VALUE : -1;
    this.downFinished = downstreamNode == null;
  }

  void onRelease(Runnable action) {
    this.onRelease = action;
  }

  ChunkVersion version() {
    return header.version();
  }

  /** Connects the next replica; must be called once before any piece when there is one. */
  void connectDownstream(PipelineStream stream) {
    this.downstream = stream;
  }

  NodeLocation downstreamNode() {
    return downstreamNode;
  }

  @Override
  public void send(long seq, ChunkPiece piece) {
    long arrived = nanoTime.getAsLong();
    if (isDone()) {
      park();
      return;
    }
    if (piece.length() > ChunkLayout.MAX_MESSAGE_BYTES) {
      fail(
          DfsError.of(
              ErrorCode.INVALID_ARGUMENT,
              "piece seq "
                  + seq
                  + " carries "
                  + piece.length()
                  + " bytes (expected: at most "
                  + ChunkLayout.MAX_MESSAGE_BYTES
                  + ")"),
          self);
      park();
      return;
    }
    if (piece.end() > header.chunkSize()) {
      fail(
          DfsError.of(
              ErrorCode.INVALID_ARGUMENT,
              "piece seq "
                  + seq
                  + " ends at "
                  + piece.end()
                  + ", past the chunk size "
                  + header.chunkSize()),
          self);
      park();
      return;
    }
    long bad = piece.firstBadBlockOffset();
    if (bad >= 0) {
      fail(
          DfsError.of(
              ErrorCode.CORRUPT,
              "piece seq "
                  + seq
                  + " of "
                  + header.chunkId()
                  + " failed its CRC32C check at chunk offset "
                  + bad
                  + " on "
                  + self.id()),
          self);
      park();
      return;
    }
    if (downstream != null) {
      downstream.send(seq, piece);
    }
    try {
      synchronized (writerLock) {
        if (writerClosed) {
          return; // cancelled meanwhile
        }
        writer.write(piece);
      }
      meter.written(piece.length());
    } catch (RuntimeException e) {
      failHere(LocalDiskFailure.of("write of " + header.chunkId(), self, e));
      return;
    }
    synchronized (this) {
      arrivals.addLast(new long[] {seq, arrived});
      written = seq;
      ackUpIfPossible();
    }
  }

  @Override
  public void finish(long seq) {
    if (isDone()) {
      park();
      return;
    }
    if (downstream != null) {
      downstream.finish(seq);
    }
    try {
      synchronized (writerLock) {
        if (writerClosed) {
          return;
        }
        long started = nanoTime.getAsLong();
        writer.sync(); // in parallel with the replicas below
        meter.fsync(nanoTime.getAsLong() - started);
      }
    } catch (RuntimeException e) {
      failHere(LocalDiskFailure.of("fsync of " + header.chunkId(), self, e));
      return;
    }
    synchronized (this) {
      finishSeq = seq;
      synced = true;
    }
    commitIfBelowCommitted();
  }

  /** Publishes this replica once it synced and every replica below committed; runs once. */
  private void commitIfBelowCommitted() {
    synchronized (this) {
      if (done || !synced || !downFinished || commitStarted) {
        return;
      }
      commitStarted = true;
    }
    StoredChunk stored;
    try {
      synchronized (writerLock) {
        if (writerClosed) {
          return; // cancelled between the checks: nothing is published
        }
        stored = writer.commit();
        writerClosed = true;
        writer.close();
      }
      onRelease.run();
    } catch (RuntimeException e) {
      failHere(LocalDiskFailure.of("commit of " + header.chunkId(), self, e));
      return;
    }
    synchronized (this) {
      committed = stored;
      finishUpIfPossible();
    }
  }

  @Override
  public void cancel(String reason) {
    boolean wasDone;
    synchronized (this) {
      wasDone = done;
      done = true;
    }
    if (!wasDone) {
      meter.writeEnded(ChunkIoMeter.Result.ERROR);
    }
    if (!wasDone && downstream != null) {
      downstream.cancel(reason);
    }
    park();
  }

  // ---- acks from the node below

  @Override
  public synchronized void acked(long seq) {
    downAcked = Math.max(downAcked, seq);
    ackUpIfPossible();
  }

  @Override
  public void finished(long seq, long chunkLength) {
    synchronized (this) {
      downFinished = true;
    }
    commitIfBelowCommitted();
  }

  @Override
  public void failed(DfsError error, NodeLocation failedNode) {
    fail(error, failedNode == null ? downstreamNode : failedNode);
  }

  // ---- internals

  private synchronized boolean isDone() {
    return done;
  }

  private void ackUpIfPossible() {
    long ackable = Math.min(written, downAcked);
    if (!done && ackable > ackedUp) {
      ackedUp = ackable;
      // Timed as the ack goes up, and counted before it does (as the write's end, above).
      long now = nanoTime.getAsLong();
      while (!arrivals.isEmpty() && arrivals.peekFirst()[0] <= ackable) {
        meter.hop(header.hop(), now - arrivals.pollFirst()[1]);
      }
      upstream.acked(ackable);
    }
  }

  private void finishUpIfPossible() {
    if (!done && committed != null && downFinished) {
      done = true;
      // Counted before the writer hears of it: a client whose close returned sees it counted.
      meter.writeEnded(ChunkIoMeter.Result.OK);
      upstream.finished(finishSeq, committed.length());
    }
  }

  private void fail(DfsError error, NodeLocation failedNode) {
    synchronized (this) {
      if (done) {
        return;
      }
      done = true;
      upstream.failed(error, failedNode);
    }
    meter.writeEnded(ChunkIoMeter.Result.ERROR);
    if (downstream != null) {
      downstream.cancel(error.message());
    }
  }

  /**
   * Hands the uncommitted writer to {@code parking}, so that a recovered pipeline can continue this
   * write without the bytes flowing again (the node's own disk failing closes it instead). Safe
   * from any thread, runs once.
   */
  private void park() {
    synchronized (writerLock) {
      if (!writerClosed) {
        writerClosed = true;
        parking.park(header.chunkId(), header.version(), writer);
        onRelease.run();
      }
    }
  }

  /**
   * This node's own store failed the write: the pipeline hears it, the writer is released, and the
   * failure is kept for a while, so that a recovered pipeline asking to continue here learns why
   * there is nothing to continue (all replicas on one full disk fail one after another).
   */
  private void failHere(DfsError error) {
    parking.failedHere(header.chunkId(), header.version(), error); // before anyone hears of it
    fail(error, self);
    closeWriter();
  }

  /** Releases the writer (abandoning uncommitted bytes); safe from any thread, runs once. */
  private void closeWriter() {
    synchronized (writerLock) {
      if (!writerClosed) {
        writerClosed = true;
        writer.close();
        onRelease.run();
      }
    }
  }
}
