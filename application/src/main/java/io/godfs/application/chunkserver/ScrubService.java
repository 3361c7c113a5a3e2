package io.godfs.application.chunkserver;

import io.godfs.application.port.in.ScrubUseCase;
import io.godfs.application.port.out.ChunkIoMeter;
import io.godfs.application.port.out.ChunkReader;
import io.godfs.application.port.out.ChunkStore;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkLayout;
import io.godfs.domain.chunk.ChunkPiece;
import io.godfs.domain.chunk.StoredChunk;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.node.NodeId;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.Comparator;

/**
 * The chunkserver's background verifier (HDFS's block scanner): re-reads every replica, a budget of
 * bytes at a time, checks each 64 KiB block against its stored CRC32C, and reports a replica that
 * fails to the master at the next heartbeat, which replaces it from a good copy. Walks the replicas
 * in id order and starts over when done, so every replica is checked once per pass. Bytes checked,
 * corruption found, the pass's progress and its end go to the meter (ADR 0023).
 */
final class ScrubService implements ScrubUseCase {
  private static final Logger LOG = System.getLogger(ScrubService.class.getName());
  private static final int READ = ChunkLayout.MAX_MESSAGE_BYTES;

  private final NodeId self;
  private final ChunkStore store;
  private final ChunkIdLog corrupt;
  private final ChunkIoMeter meter;
  private final ArrayDeque<StoredChunk> pass = new ArrayDeque<>();
  private StoredChunk current;
  private long offset;
  private long passes;
  private long found;

  /** Replicas the current pass began with; whether a pass is under way. */
  private long passTotal;

  private boolean passOpen;

  /** Calls of {@link #scrub} so far, and the one in which the current pass began. */
  private long steps;

  private long passStartedAtStep;

  /**
   * Steps between the starts of two passes (the node runs a step every 250 ms: at most one pass per
   * 5 s).
   */
  static final long PASS_GAP_STEPS = 20;

  ScrubService(NodeId self, ChunkStore store, ChunkIdLog corrupt) {
    this(self, store, corrupt, ChunkIoMeter.NONE);
  }

  ScrubService(NodeId self, ChunkStore store, ChunkIdLog corrupt, ChunkIoMeter meter) {
    this.meter = meter;
    this.self = self;
    this.store = store;
    this.corrupt = corrupt;
  }

  @Override
  public synchronized long scrub(long budgetBytes) {
    steps++;
    long scanned = 0;
    while (scanned < budgetBytes && !Thread.currentThread().isInterrupted()) {
      if (current == null && !nextChunk()) {
        break;
      }
      long read = scanCurrent(budgetBytes - scanned);
      scanned += Math.max(read, 1); // an empty or vanished chunk still costs a step
      if (current == null) {
        replicaDone();
      }
    }
    return scanned;
  }

  @Override
  public synchronized Stats stats() {
    return new Stats(passes, found);
  }

  private boolean nextChunk() {
    if (pass.isEmpty()) {
      // A small store is read in a fraction of a step: without a gap the scrubber would re-read it
      // over and over, burning a core. A new pass waits until PASS_GAP_STEPS after the last began.
      if (passes > 0 && steps - passStartedAtStep < PASS_GAP_STEPS) {
        return false;
      }
      var all = store.list();
      if (all.isEmpty()) {
        return false;
      }
      all.stream()
          .sorted(Comparator.comparingLong((StoredChunk c) -> c.id().value()))
          .forEach(pass::addLast);
      passes++;
      passStartedAtStep = steps;
      passTotal = pass.size();
      passOpen = true;
      meter.scrubProgress(0, passTotal);
    }
    current = pass.pollFirst();
    offset = 0;
    return true;
  }

  /** A replica of the pass is checked (or gone): the pass moved on, and may have ended. */
  private void replicaDone() {
    if (!passOpen) {
      return;
    }
    meter.scrubProgress(passTotal - pass.size(), passTotal);
    if (pass.isEmpty()) {
      passOpen = false;
      meter.scrubPassEnded();
    }
  }

  /** Verifies up to {@code budget} bytes of the current replica; returns how many were read. */
  private long scanCurrent(long budget) {
    ChunkId id = current.id();
    long read = 0;
    try (ChunkReader reader = store.openReader(id)) {
      long length = reader.chunk().length();
      while (read < budget && offset < length) {
        ChunkPiece piece = reader.read(offset, READ);
        if (piece.length() == 0) {
          break;
        }
        long bad = piece.firstBadBlockOffset();
        if (bad >= 0) {
          LOG.log(
              Level.WARNING,
              "{0}: replica of {1} fails its CRC32C check at offset {2}",
              self,
              id,
              bad);
          corrupt.add(id);
          found++;
          meter.corruptFound();
          current = null;
          return read + piece.length();
        }
        offset = piece.end();
        read += piece.length();
        meter.scrubbed(piece.length());
      }
      if (offset >= length) {
        current = null;
      }
    } catch (DfsException e) {
      current = null; // deleted since the pass started
    } catch (RuntimeException e) {
      if (Thread.currentThread().isInterrupted()) {
        return read; // the node is stopping: a read cut short says nothing about the replica
      }
      LOG.log(Level.WARNING, "{0}: cannot scrub {1}: {2}", self, id, e.getMessage());
      corrupt.add(id); // an unreadable replica is as good as corrupt
      found++;
      meter.corruptFound();
      current = null;
    }
    return read;
  }
}
