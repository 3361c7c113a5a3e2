package io.godfs.application.chunkserver;

import io.godfs.application.port.in.ChunkAuditUseCase;
import io.godfs.application.port.out.ChunkFetcher;
import io.godfs.application.port.out.ChunkStore;
import io.godfs.application.port.out.ChunkWriter;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkPiece;
import io.godfs.domain.chunk.PieceIterator;
import io.godfs.domain.chunk.ReplicationOrder;
import io.godfs.domain.chunk.StoredChunk;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.node.NodeId;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Makes the copies the master orders, one at a time on its own thread (so heartbeats never wait for
 * a copy, and one node's repair traffic stays bounded). A copy streams the source replica, checks
 * every block's CRC32C and the exact length, writes a new local replica at the ordered version and
 * reports it at the next heartbeat. A stale local replica of the chunk is replaced.
 */
final class ChunkReplicator implements AutoCloseable {
  private static final Logger LOG = System.getLogger(ChunkReplicator.class.getName());
  private final NodeId self;
  private final ChunkStore store;
  private final ChunkFetcher fetcher;
  private final RecentlyStored stored;
  private final ParkedWriters parked;
  private final Set<ChunkId> queued = new HashSet<>();
  private final ChunkIdLog failed = new ChunkIdLog();
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "chunk-replicator");
            t.setDaemon(true);
            return t;
          });

  ChunkReplicator(
      NodeId self,
      ChunkStore store,
      ChunkFetcher fetcher,
      RecentlyStored stored,
      ParkedWriters parked) {
    this.self = self;
    this.store = store;
    this.fetcher = fetcher;
    this.stored = stored;
    this.parked = parked;
  }

  /** Where each copy is recorded, done or failed (set once, before the first order). */
  private volatile ChunkAuditUseCase trail = ChunkAuditUseCase.NONE;

  void auditTo(ChunkAuditUseCase trail) {
    this.trail = trail;
  }

  /** Queues the copy unless one of the same chunk is already queued. */
  void submit(ReplicationOrder order) {
    synchronized (queued) {
      if (!queued.add(order.chunk())) {
        return;
      }
    }
    try {
      worker.execute(
          () -> {
            try {
              if (copy(order)) {
                record(order, "ok", null);
              }
            } catch (RuntimeException e) {
              record(
                  order,
                  e instanceof DfsException d ? d.code().name().toLowerCase(Locale.ROOT) : "failed",
                  e.getMessage());
              failed.add(order.chunk());
              LOG.log(
                  Level.WARNING,
                  "{0}: copy of {1} {2} from {3} failed: {4}",
                  self,
                  order.chunk(),
                  order.version(),
                  order.source().id(),
                  e.getMessage());
            } finally {
              synchronized (queued) {
                queued.remove(order.chunk());
              }
            }
          });
    } catch (RejectedExecutionException closing) {
      synchronized (queued) {
        queued.remove(order.chunk());
      }
    }
  }

  private void record(ReplicationOrder order, String result, String why) {
    trail.record(
        ChunkAuditUseCase.REPLICATE,
        order.source().address().toString(),
        order.chunk().value(),
        order.version().value(),
        order.token(),
        result,
        Optional.ofNullable(why),
        Optional.empty());
  }

  /** Makes the copy; false when the replica was already here (nothing written). */
  private boolean copy(ReplicationOrder order) {
    StoredChunk local = store.describe(order.chunk()).orElse(null);
    if (local != null
        && local.version().equals(order.version())
        && local.length() >= order.length()) {
      stored.add(local); // already here (a report the master missed): just tell it again
      return false;
    }
    // An interrupted write of an older version parked here (a pipeline that went on without this
    // node) still holds the chunk: the copy the master ordered supersedes it.
    parked.discard(order.chunk());
    if (local != null) {
      store.delete(order.chunk()); // a stale replica: the ordered version replaces it
    }
    try (PieceIterator pieces =
            fetcher.fetch(
                order.source(), order.chunk(), order.version(), 0, order.length(), order.token());
        ChunkWriter writer = store.openWriter(order.chunk(), order.version())) {
      long expected = 0;
      for (ChunkPiece piece = pieces.next(); piece != null; piece = pieces.next()) {
        if (piece.offset() != expected) {
          throw new DfsException(
              ErrorCode.CORRUPT,
              "copy of "
                  + order.chunk()
                  + " from "
                  + order.source().id()
                  + ": piece at "
                  + piece.offset()
                  + " (expected: "
                  + expected
                  + ")");
        }
        long bad = piece.firstBadBlockOffset();
        if (bad >= 0) {
          throw new DfsException(
              ErrorCode.CORRUPT,
              "copy of "
                  + order.chunk()
                  + " from "
                  + order.source().id()
                  + " failed its CRC32C check at offset "
                  + bad);
        }
        writer.write(piece);
        expected = piece.end();
      }
      if (expected != order.length()) {
        throw new DfsException(
            ErrorCode.CORRUPT,
            "copy of "
                + order.chunk()
                + " from "
                + order.source().id()
                + " ended at "
                + expected
                + " (expected: "
                + order.length()
                + " bytes)");
      }
      stored.add(writer.commit());
      LOG.log(
          Level.INFO,
          "{0}: copied {1} {2} ({3} bytes) from {4}",
          self,
          order.chunk(),
          order.version(),
          order.length(),
          order.source().id());
    }
    return true;
  }

  /**
   * Copies that failed, for the next heartbeat: the master orders them again, from another source.
   */
  ChunkIdLog failed() {
    return failed;
  }

  /** Stops the worker and waits for a copy in progress to let go of the store. */
  @Override
  public void close() {
    worker.shutdownNow();
    try {
      worker.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
