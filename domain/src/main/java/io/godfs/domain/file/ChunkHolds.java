package io.godfs.domain.file;

import io.godfs.domain.chunk.ChunkId;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * References to chunks beyond a live file's own (ADR 0025): each chunk slot of a snapshot's file
 * state ({@link FileDiff}), of a file that a snapshot keeps after it was deleted, and of a second
 * live file sharing the chunk after a restore. {@link FileIndex} indexes each chunk's one primary
 * live file; a chunk counted here is shared, so it is frozen: never collected, never written in
 * place (a write copies it first). Only chunks that snapshots made shared cost an entry.
 */
final class ChunkHolds {
  /** Who a held chunk belongs to, for the healing loop and block reports. */
  static final class Hold {
    int refs;
    final ChunkRef ref;
    final int index;
    final FileInode file;

    Hold(ChunkRef ref, int index, FileInode file) {
      this.ref = ref;
      this.index = index;
      this.file = file;
    }
  }

  private final Map<ChunkId, Hold> holds = new HashMap<>();

  /** One more reference to {@code ref}, the chunk at {@code index} of {@code file}. */
  void hold(ChunkRef ref, int index, FileInode file) {
    holds.computeIfAbsent(ref.id(), id -> new Hold(committed(ref), index, file)).refs++;
  }

  /** One reference fewer; true when none is left. */
  boolean release(ChunkId id) {
    Hold h = holds.get(id);
    if (h == null) {
      throw new IllegalStateException(id + " released more often than held");
    }
    if (--h.refs == 0) {
      holds.remove(id);
      return true;
    }
    return false;
  }

  boolean isHeld(ChunkId id) {
    return holds.containsKey(id);
  }

  Hold get(ChunkId id) {
    return holds.get(id);
  }

  int size() {
    return holds.size();
  }

  /** How many held chunks pass {@code test}. */
  int count(Predicate<ChunkId> test) {
    int n = 0;
    for (ChunkId id : holds.keySet()) {
      n += test.test(id) ? 1 : 0;
    }
    return n;
  }

  /** Every held chunk, in id order (deterministic). */
  void forEachSorted(Consumer<Hold> action) {
    new TreeMap<>(holds).values().forEach(action);
  }

  /** The committed state of a slot: what a snapshot reads. */
  static ChunkRef committed(ChunkRef ref) {
    return ref.grantedVersion().equals(ref.committedVersion())
        ? ref
        : new ChunkRef(ref.id(), ref.committedVersion(), ref.committedVersion(), ref.length());
  }
}
