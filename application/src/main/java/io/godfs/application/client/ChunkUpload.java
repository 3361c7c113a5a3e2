package io.godfs.application.client;

import io.godfs.application.port.in.DfsIOException;
import io.godfs.application.port.out.ChunkPipeline;
import io.godfs.domain.chunk.ChunkPiece;
import io.godfs.domain.chunk.ChunkWriteTarget;
import io.godfs.domain.chunk.PipelineHeader;
import io.godfs.domain.chunk.PipelineListener;
import io.godfs.domain.chunk.PipelineStream;
import io.godfs.domain.error.DfsError;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.node.NodeLocation;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The client's side of one chunk's pipelined write: sends pieces with at most N unacknowledged
 * (back-pressure without holding a chunk in memory), then finishes and waits for every replica's
 * fsync. Acks arrive on transport threads; the writer thread waits on a condition with a deadline.
 *
 * <p>Pieces stay in memory until acknowledged. When a replica fails, the writer thread rebuilds the
 * pipeline through {@link Recovery} (without the failed node, under a new version) and sends the
 * unacknowledged pieces again: the survivors keep what they already received, so the write goes on
 * and every acknowledged byte stays where it was (HDFS pipeline recovery).
 */
final class ChunkUpload {
  /** Rebuilds a broken pipeline, or throws when the write cannot go on. */
  interface Recovery {
    Recovered recover(
        ChunkWriteTarget failed, NodeLocation failedNode, DfsError error, boolean nothingAcked)
        throws DfsIOException;
  }

  /**
   * The new pipeline; {@code resume}: it continues the failed write, else it starts the chunk over.
   */
  record Recovered(ChunkWriteTarget target, boolean resume) {}

  private final ChunkPipeline pipeline;
  private final ClientSettings settings;
  private final Recovery recovery;
  private final Consumer<ChunkPiece> ackedByAll;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();

  /**
   * Pieces sent but not acknowledged by every replica, oldest first; the first is number {@code
   * acked}.
   */
  private final ArrayDeque<ChunkPiece> unacked = new ArrayDeque<>();

  private ChunkWriteTarget target;
  private Attempt attempt;
  private long sent;
  private long acked;
  private boolean finishRequested;
  private long finishedLength = -1;
  private int recoveries;

  /** {@code ackedByAll}: told of each piece that every replica acknowledged, in order. */
  ChunkUpload(
      ChunkWriteTarget target,
      ChunkPipeline pipeline,
      ClientSettings settings,
      Recovery recovery,
      Consumer<ChunkPiece> ackedByAll) {
    this.ackedByAll = ackedByAll;
    this.pipeline = pipeline;
    this.settings = settings;
    this.recovery = recovery;
    lock.lock();
    try {
      this.target = target;
      open(
          new PipelineHeader(
                  target.chunkId(),
                  target.version(),
                  target.chunkSize(),
                  downstreamOf(target),
                  target.committedLength())
              .withToken(target.token()));
    } finally {
      lock.unlock();
    }
  }

  ChunkWriteTarget target() {
    lock.lock();
    try {
      return target;
    } finally {
      lock.unlock();
    }
  }

  void send(ChunkPiece piece) throws DfsIOException {
    lock.lock();
    try {
      awaitUntil(() -> sent - acked < settings.maxPiecesInFlight(), "an ack");
      unacked.addLast(piece);
      attempt.stream.send(sent - attempt.base, piece);
      sent++;
    } finally {
      lock.unlock();
    }
  }

  /** Asks every replica to fsync and commit, without waiting. */
  void requestFinish() {
    lock.lock();
    try {
      finishRequested = true;
      attempt.stream.finish(sent - attempt.base);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until every replica fsynced and committed (recovering the pipeline if needed); returns
   * the chunk's length.
   */
  long awaitFinished() throws DfsIOException {
    lock.lock();
    try {
      awaitUntil(() -> finishedLength >= 0, "the replicas' fsync");
      return finishedLength;
    } finally {
      lock.unlock();
    }
  }

  void abort(String reason) {
    lock.lock();
    try {
      attempt.stream.cancel(reason);
    } finally {
      lock.unlock();
    }
  }

  // ---- internals (the lock is held)

  private static List<NodeLocation> downstreamOf(ChunkWriteTarget target) {
    return target.pipeline().subList(1, target.pipeline().size());
  }

  /** Starts a stream: the attempt is current before the pipeline can report on it. */
  private void open(PipelineHeader header) {
    Attempt next = new Attempt(acked);
    attempt = next;
    next.stream = pipeline.open(target.pipeline().getFirst(), header, next);
  }

  /**
   * Waits at most the ack timeout, counted again after each recovery; {@code awaitNanos} measures
   * the time left.
   */
  private void awaitUntil(BooleanSupplier condition, String what) throws DfsIOException {
    long left = settings.ackTimeout().toNanos();
    try {
      while (true) {
        if (attempt.failure != null) {
          recover();
          left = settings.ackTimeout().toNanos();
          continue;
        }
        if (condition.getAsBoolean()) {
          return;
        }
        if (left <= 0) {
          attempt.stream.cancel("timed out");
          throw new DfsIOException(
              DfsError.of(
                  ErrorCode.UNAVAILABLE,
                  "timed out after "
                      + settings.ackTimeout()
                      + " waiting for "
                      + what
                      + " from the pipeline of "
                      + target.chunkId()
                      + " "
                      + target.pipeline()),
              null);
        }
        left = changed.awaitNanos(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      attempt.stream.cancel("interrupted");
      throw new DfsIOException(
          DfsError.of(ErrorCode.UNAVAILABLE, "interrupted while writing " + target.chunkId()), e);
    }
  }

  /** Replaces the failed stream and sends the unacknowledged pieces (and the finish) again. */
  private void recover() throws DfsIOException {
    Attempt failed = attempt;
    failed.stream.cancel("pipeline recovery after " + failed.failure.message());
    int limit = 2 * target.pipeline().size() + 2;
    if (++recoveries > limit) {
      throw new DfsIOException(
          DfsError.of(
              failed.failure.code(),
              "write of "
                  + target.chunkId()
                  + " failed after "
                  + limit
                  + " pipeline recoveries; last: "
                  + failed.failure.message()),
          null);
    }
    ChunkWriteTarget broken = target;
    Recovered next = recovery.recover(broken, failed.failedNode, failed.failure, acked == 0);
    target = next.target();
    open(
        (next.resume()
                ? PipelineHeader.resume(
                    target.chunkId(),
                    target.version(),
                    target.chunkSize(),
                    downstreamOf(target),
                    broken.version())
                : new PipelineHeader(
                    target.chunkId(),
                    target.version(),
                    target.chunkSize(),
                    downstreamOf(target),
                    target.committedLength()))
            .withToken(target.token()));
    long seq = 0;
    for (ChunkPiece piece : unacked) {
      attempt.stream.send(seq++, piece);
    }
    if (finishRequested) {
      attempt.stream.finish(seq);
    }
  }

  private void signal(Runnable update) {
    lock.lock();
    try {
      update.run();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** One stream down one pipeline; events of a replaced attempt are ignored. */
  private final class Attempt implements PipelineListener {
    /** The upload-wide number of this stream's seq 0. */
    final long base;

    PipelineStream stream;
    DfsError failure;
    NodeLocation failedNode;

    Attempt(long base) {
      this.base = base;
    }

    @Override
    public void acked(long seq) {
      signal(
          () -> {
            if (attempt == this) {
              long upTo = Math.min(sent, base + seq + 1);
              while (acked < upTo) {
                ackedByAll.accept(unacked.pollFirst());
                acked++;
              }
            }
          });
    }

    @Override
    public void finished(long seq, long chunkLength) {
      signal(
          () -> {
            if (attempt == this && failure == null) {
              finishedLength = chunkLength;
            }
          });
    }

    @Override
    public void failed(DfsError error, NodeLocation node) {
      signal(
          () -> {
            if (attempt == this && failure == null && finishedLength < 0) {
              failure = error;
              failedNode = node;
            }
          });
    }
  }
}
