package io.godfs.application.chunkserver;

import io.godfs.application.port.out.ChunkWriter;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.error.DfsError;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Uncommitted writes whose pipeline broke, kept for a while so that the client can rebuild the
 * pipeline without the failed node and continue them here (HDFS keeps such replicas "being written"
 * for pipeline recovery). A parked writer still holds its chunk, so it is closed (its bytes
 * abandoned) when it expires, when a newer write of the chunk arrives, or when it is taken by a
 * resume of a different version. Thread-safe.
 *
 * <p>Ages are measured with the injected {@code nanoTime} source ({@code System::nanoTime} in a
 * node): monotonic, so a wall-clock step neither expires nor keeps a parked write.
 */
final class ParkedWriters implements AutoCloseable {
  private static final Logger LOG = System.getLogger(ParkedWriters.class.getName());

  private record Parked(ChunkVersion version, ChunkWriter writer, long parkedAtNanos) {}

  private record Failure(ChunkVersion version, DfsError error, long failedAtNanos) {}

  private final Map<ChunkId, Parked> parked = new HashMap<>();

  /** Writes this node's own store failed, by chunk: kept as long as a parked writer would be. */
  private final Map<ChunkId, Failure> failures = new HashMap<>();

  private final long ttlNanos;
  private final LongSupplier nanoTime;

  ParkedWriters(Duration ttl, LongSupplier nanoTime) {
    this.ttlNanos = ttl.toNanos();
    this.nanoTime = nanoTime;
  }

  void park(ChunkId chunk, ChunkVersion version, ChunkWriter writer) {
    ChunkWriter replaced;
    synchronized (this) {
      Parked previous = parked.put(chunk, new Parked(version, writer, nanoTime.getAsLong()));
      replaced = previous == null ? null : previous.writer();
    }
    closeQuietly(chunk, replaced);
    expire();
  }

  /**
   * Takes the parked writer of {@code chunk} if it was writing {@code version}; any other is
   * closed.
   */
  Optional<ChunkWriter> take(ChunkId chunk, ChunkVersion version) {
    Parked p;
    synchronized (this) {
      p = parked.remove(chunk);
    }
    if (p == null) {
      return Optional.empty();
    }
    if (!p.version().equals(version)) {
      closeQuietly(chunk, p.writer());
      return Optional.empty();
    }
    return Optional.of(p.writer());
  }

  /**
   * Remembers that this node's store failed the write of {@code chunk} at {@code version}: there is
   * no writer to park, and a resume should hear why rather than "nothing to continue".
   */
  void failedHere(ChunkId chunk, ChunkVersion version, DfsError error) {
    synchronized (this) {
      failures.put(chunk, new Failure(version, error, nanoTime.getAsLong()));
    }
    expire();
  }

  /**
   * Why this node's store failed the write of {@code chunk} at {@code version}, if it did lately.
   */
  synchronized Optional<DfsError> failureHere(ChunkId chunk, ChunkVersion version) {
    Failure f = failures.get(chunk);
    return f == null || !f.version().equals(version) ? Optional.empty() : Optional.of(f.error());
  }

  /** Abandons whatever is parked for {@code chunk}: a newer write of it starts over. */
  void discard(ChunkId chunk) {
    Parked p;
    synchronized (this) {
      p = parked.remove(chunk);
    }
    if (p != null) {
      closeQuietly(chunk, p.writer());
    }
  }

  /** Closes writers parked for longer than the TTL, and forgets failures as old. */
  void expire() {
    long now = nanoTime.getAsLong();
    List<Map.Entry<ChunkId, Parked>> expired = new ArrayList<>();
    synchronized (this) {
      failures.values().removeIf(f -> now - f.failedAtNanos() > ttlNanos);
      var it = parked.entrySet().iterator();
      while (it.hasNext()) {
        var e = it.next();
        if (now - e.getValue().parkedAtNanos() > ttlNanos) {
          expired.add(e);
          it.remove();
        }
      }
    }
    expired.forEach(e -> closeQuietly(e.getKey(), e.getValue().writer()));
  }

  synchronized int size() {
    return parked.size();
  }

  @Override
  public void close() {
    List<Map.Entry<ChunkId, Parked>> all;
    synchronized (this) {
      all = new ArrayList<>(parked.entrySet());
      parked.clear();
    }
    all.forEach(e -> closeQuietly(e.getKey(), e.getValue().writer()));
  }

  private static void closeQuietly(ChunkId chunk, ChunkWriter writer) {
    if (writer == null) {
      return;
    }
    try {
      writer.close();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "closing the parked writer of {0} failed: {1}", chunk, e.getMessage());
    }
  }
}
