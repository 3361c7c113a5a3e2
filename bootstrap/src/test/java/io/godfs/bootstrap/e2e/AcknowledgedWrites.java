package io.godfs.bootstrap.e2e;

import io.godfs.domain.file.DfsPath;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a writer was told is durable: the content of every file as of its last write whose close()
 * returned. {@link #freeze()} takes the files whose content is settled at that instant (no write in
 * flight) and remembers every file written after it, so {@link #settledAtFreeze()} names only files
 * whose every write was acknowledged before the freeze and none started after.
 */
final class AcknowledgedWrites {
  private final Map<DfsPath, byte[]> acknowledged = new HashMap<>();
  private final Set<DfsPath> inFlight = new HashSet<>();
  private final Set<DfsPath> touchedAfterFreeze = new HashSet<>();
  private Map<DfsPath, byte[]> frozen;
  private int count;

  synchronized void starting(DfsPath path) {
    inFlight.add(path);
    if (frozen != null) {
      touchedAfterFreeze.add(path);
    }
  }

  /** Called once close() returned: {@code content} is the whole file now. */
  synchronized void acknowledged(DfsPath path, byte[] content) {
    inFlight.remove(path);
    acknowledged.put(path, content);
    count++;
  }

  /** The write failed: its file's content is unknown from now on. */
  synchronized void failed(DfsPath path) {
    inFlight.remove(path);
    acknowledged.remove(path);
    touchedAfterFreeze.add(path);
  }

  synchronized int count() {
    return count;
  }

  /**
   * Freezes when at least {@code acknowledged} writes were acknowledged and one is in flight; else
   * false.
   */
  synchronized boolean freezeWhileWriting(int acknowledged) {
    if (count < acknowledged || inFlight.isEmpty()) {
      return false;
    }
    freeze();
    return true;
  }

  /** Acknowledged content of a file no write is touching (for the writer's next rewrite). */
  synchronized byte[] content(DfsPath path) {
    return acknowledged.get(path);
  }

  synchronized void freeze() {
    frozen = new HashMap<>(acknowledged);
    frozen.keySet().removeAll(inFlight);
    inFlight.forEach(touchedAfterFreeze::add);
  }

  synchronized Map<DfsPath, byte[]> settledAtFreeze() {
    Map<DfsPath, byte[]> out = new HashMap<>(frozen);
    out.keySet().removeAll(touchedAfterFreeze);
    return out;
  }
}
