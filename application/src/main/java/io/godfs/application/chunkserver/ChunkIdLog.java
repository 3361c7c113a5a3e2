package io.godfs.application.chunkserver;

import io.godfs.domain.chunk.ChunkId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Chunk ids to tell the master at the next heartbeat (deleted, or found corrupt); a failed
 * heartbeat puts them back.
 */
final class ChunkIdLog {
  private final Set<ChunkId> pending = new LinkedHashSet<>();

  synchronized void add(ChunkId chunk) {
    pending.add(chunk);
  }

  /** Takes the oldest {@code max} ids; the rest wait for the next heartbeat. */
  synchronized List<ChunkId> drain(int max) {
    List<ChunkId> out = new ArrayList<>(Math.min(max, pending.size()));
    var it = pending.iterator();
    while (it.hasNext() && out.size() < max) {
      out.add(it.next());
      it.remove();
    }
    return out;
  }

  synchronized void restore(List<ChunkId> batch) {
    pending.addAll(batch);
  }
}
