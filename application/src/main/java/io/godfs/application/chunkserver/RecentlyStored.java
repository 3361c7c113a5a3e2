package io.godfs.application.chunkserver;

import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.StoredChunk;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replicas this chunkserver committed since its last heartbeat (the incremental chunk report). A
 * newer commit of the same chunk replaces an older one; a failed heartbeat puts its batch back.
 * Thread-safe.
 */
final class RecentlyStored {
  private final Map<ChunkId, StoredChunk> pending = new LinkedHashMap<>();

  synchronized void add(StoredChunk chunk) {
    pending.remove(chunk.id());
    pending.put(chunk.id(), chunk);
  }

  /** Takes the oldest {@code max} entries; the rest wait for the next heartbeat. */
  synchronized List<StoredChunk> drain(int max) {
    List<StoredChunk> out = new ArrayList<>(Math.min(max, pending.size()));
    var it = pending.values().iterator();
    while (it.hasNext() && out.size() < max) {
      out.add(it.next());
      it.remove();
    }
    return out;
  }

  /**
   * Returns a batch that could not be delivered, unless a newer commit of the chunk arrived
   * meanwhile.
   */
  synchronized void restore(List<StoredChunk> batch) {
    for (StoredChunk chunk : batch) {
      pending.putIfAbsent(chunk.id(), chunk);
    }
  }
}
