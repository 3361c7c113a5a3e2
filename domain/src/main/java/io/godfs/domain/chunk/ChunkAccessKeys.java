package io.godfs.domain.chunk;

import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The keys of chunk access tokens in the replicated metadata: its own small aggregate beside the
 * file namespace. Keys are added by the leader (their bytes made before proposing, so applying is
 * deterministic) with ids that only grow; a key is dropped once it expired, never the newest.
 *
 * <p>Not thread-safe: the metadata store applies commands one at a time.
 */
public final class ChunkAccessKeys {
  private final TreeMap<Long, ChunkAccessKey> keys = new TreeMap<>();

  /** Adds {@code key} at {@code at} and drops the keys expired by then; answers its id. */
  public Outcome<Long> add(ChunkAccessKey key, Instant at) {
    if (!keys.isEmpty() && key.id() <= keys.lastKey()) {
      return Outcome.rejected(
          ErrorCode.CONFLICT,
          "chunk access key " + key.id() + " is not newer than key " + keys.lastKey());
    }
    keys.put(key.id(), key);
    keys.values().removeIf(k -> k.id() != key.id() && k.expiredAt(at));
    return Outcome.ok(key.id());
  }

  /** A key read back from a snapshot, as it was. */
  public void restore(ChunkAccessKey key) {
    if (!keys.isEmpty() && key.id() <= keys.lastKey()) {
      throw new IllegalArgumentException(
          "chunk access key " + key.id() + " after key " + keys.lastKey() + " (expected: newer)");
    }
    keys.put(key.id(), key);
  }

  /** Every key kept, oldest first. */
  public List<ChunkAccessKey> all() {
    return List.copyOf(keys.values());
  }

  public Optional<ChunkAccessKey> newest() {
    return keys.isEmpty() ? Optional.empty() : Optional.of(keys.lastEntry().getValue());
  }
}
