package io.godfs.application.service;

import io.godfs.domain.chunk.ChunkId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Chunk ids to tell the master at the next heartbeat (deleted, or found corrupt); a failed heartbeat puts them back. */
final class ChunkIdLog {
  private final Set<ChunkId> pending = new LinkedHashSet<>();

  synchronized void add(ChunkId chunk) {
    pending.add(chunk);
  }

  synchronized List<ChunkId> drain() {
    List<ChunkId> out = new ArrayList<>(pending);
    pending.clear();
    return out;
  }

  synchronized void restore(List<ChunkId> batch) {
    pending.addAll(batch);
  }
}
