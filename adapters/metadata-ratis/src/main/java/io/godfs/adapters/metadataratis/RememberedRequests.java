package io.godfs.adapters.metadataratis;

import io.godfs.metadata.v1.CommandResult;
import io.godfs.metadata.v1.RequestId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The results of the most recent client requests, by request id: part of the replicated state (and
 * of snapshots), so a client that retries a mutation at a new leader gets the first result back
 * instead of a second apply (no double create). Bounded: the oldest are forgotten first, in apply
 * order, so every replica forgets the same ones.
 */
final class RememberedRequests {
  /** A retry comes within seconds; this many ids cover minutes of the busiest master. */
  static final int CAPACITY = 100_000;

  private final LinkedHashMap<Key, CommandResult> results = new LinkedHashMap<>();
  private final int capacity;

  RememberedRequests() {
    this(CAPACITY);
  }

  RememberedRequests(int capacity) {
    this.capacity = capacity;
  }

  record Key(String client, long sequence) {
    static Key of(RequestId id) {
      return new Key(id.getClient(), id.getSequence());
    }

    RequestId toProto() {
      return RequestId.newBuilder().setClient(client).setSequence(sequence).build();
    }
  }

  CommandResult get(RequestId id) {
    return results.get(Key.of(id));
  }

  void remember(RequestId id, CommandResult result) {
    results.put(Key.of(id), result);
    if (results.size() > capacity) {
      var eldest = results.entrySet().iterator();
      eldest.next();
      eldest.remove();
    }
  }

  void forEach(BiConsumer<RequestId, CommandResult> action) {
    for (Map.Entry<Key, CommandResult> e : results.entrySet()) {
      action.accept(e.getKey().toProto(), e.getValue());
    }
  }

  void clear() {
    results.clear();
  }

  int size() {
    return results.size();
  }
}
