package io.godfs.application.service;

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
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The client's side of one chunk's pipelined write: sends pieces with at most N unacknowledged
 * (back-pressure without holding a chunk in memory), then finishes and waits for every replica's
 * fsync. Acks arrive on transport threads; the writer thread waits on a condition with a deadline.
 */
final class ChunkUpload implements PipelineListener {
  private final ChunkWriteTarget target;
  private final ClientSettings settings;
  private final PipelineStream stream;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private long nextSeq;
  private long acked = -1;
  private long finishedLength = -1;
  private DfsError failure;
  private NodeLocation failedNode;

  ChunkUpload(ChunkWriteTarget target, ChunkPipeline pipeline, ClientSettings settings) {
    this.target = target;
    this.settings = settings;
    var pipelineNodes = target.pipeline();
    PipelineHeader header = new PipelineHeader(
        target.chunkId(), target.version(), target.chunkSize(), pipelineNodes.subList(1, pipelineNodes.size()),
        target.committedLength());
    this.stream = pipeline.open(pipelineNodes.getFirst(), header, this);
  }

  ChunkWriteTarget target() {
    return target;
  }

  void send(ChunkPiece piece) throws DfsIOException {
    lock.lock();
    try {
      awaitUntil(() -> failure != null || nextSeq - acked - 1 < settings.maxPiecesInFlight(), "an ack");
      stream.send(nextSeq++, piece);
    } finally {
      lock.unlock();
    }
  }

  /** Asks every replica to fsync and commit, without waiting. */
  void requestFinish() {
    lock.lock();
    try {
      stream.finish(nextSeq);
    } finally {
      lock.unlock();
    }
  }

  /** Waits until every replica fsynced and committed; returns the chunk's length. */
  long awaitFinished() throws DfsIOException {
    lock.lock();
    try {
      awaitUntil(() -> failure != null || finishedLength >= 0, "the replicas' fsync");
      return finishedLength;
    } finally {
      lock.unlock();
    }
  }

  void abort(String reason) {
    stream.cancel(reason);
  }

  private void awaitUntil(java.util.function.BooleanSupplier condition, String what) throws DfsIOException {
    long deadline = System.nanoTime() + settings.ackTimeout().toNanos();
    try {
      while (!condition.getAsBoolean()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          stream.cancel("timed out");
          throw new DfsIOException(DfsError.of(ErrorCode.UNAVAILABLE, "timed out after " + settings.ackTimeout()
              + " waiting for " + what + " from the pipeline of " + target.chunkId() + " " + target.pipeline()), null);
        }
        changed.awaitNanos(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stream.cancel("interrupted");
      throw new DfsIOException(DfsError.of(ErrorCode.UNAVAILABLE, "interrupted while writing " + target.chunkId()), e);
    }
    if (failure != null) {
      throw new DfsIOException(DfsError.of(failure.code(), "write of " + target.chunkId() + " failed"
          + (failedNode == null ? "" : " at " + failedNode) + ": " + failure.message()), null);
    }
  }

  @Override
  public void acked(long seq) {
    signal(() -> acked = Math.max(acked, seq));
  }

  @Override
  public void finished(long seq, long chunkLength) {
    signal(() -> finishedLength = chunkLength);
  }

  @Override
  public void failed(DfsError error, NodeLocation node) {
    signal(() -> {
      if (failure == null) {
        failure = error;
        failedNode = node;
      }
    });
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

}
