package io.godfs.domain.file;

import io.godfs.domain.chunk.ChunkId;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * Chunks released by deletes, overwrites and truncates whose replicas may still exist. They are
 * kept in the replicated state until the master saw every replica deleted, so a deletion is retried
 * until done and never lost with a master. Sorted by id: deterministic, and the lowest ids (the
 * oldest chunks) come first.
 */
final class ChunkDeletionQueue {
  private final TreeMap<ChunkId, Instant> queued = new TreeMap<>();

  void enqueue(List<ChunkId> chunks, Instant now) {
    chunks.forEach(c -> queued.put(c, now));
  }

  void enqueue(ChunkId chunk, Instant queuedAt) {
    queued.put(chunk, queuedAt);
  }

  /** The first {@code limit} chunks, lowest id first. */
  List<ChunkId> first(int limit) {
    return queued.keySet().stream().limit(limit).toList();
  }

  boolean contains(ChunkId chunk) {
    return queued.containsKey(chunk);
  }

  /** Every queued chunk with the time it was queued, in id order. */
  void forEach(BiConsumer<ChunkId, Instant> action) {
    queued.forEach(action);
  }

  /** Removes these chunks; returns how many were queued. */
  int forget(List<ChunkId> chunks) {
    int removed = 0;
    for (ChunkId c : chunks) {
      if (queued.remove(c) != null) {
        removed++;
      }
    }
    return removed;
  }
}
