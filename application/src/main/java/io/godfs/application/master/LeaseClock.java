package io.godfs.application.master;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * When each writer last renewed its leases: soft state on the master, like heartbeats. Who holds
 * which file lives in the namespace (replicated); only the timing lives here. A writer the
 * namespace knows but this master never heard from (after a restart or leader change) gets a full
 * timeout from the moment this master first notices it, as HDFS does. Thread-safe.
 */
final class LeaseClock {
  private final Map<String, Instant> lastRenewal = new HashMap<>();

  synchronized void renew(String writer, Instant now) {
    lastRenewal.put(writer, now);
  }

  /** Writers among {@code holders} silent for longer than {@code timeout}; forgets writers holding nothing. */
  synchronized List<String> expired(Set<String> holders, Instant now, Duration timeout) {
    lastRenewal.keySet().retainAll(holders);
    List<String> out = new ArrayList<>();
    for (String writer : holders) {
      Instant last = lastRenewal.computeIfAbsent(writer, w -> now);
      if (Duration.between(last, now).compareTo(timeout) > 0) {
        out.add(writer);
      }
    }
    return out;
  }

  /** A new leader gives every lease a full timeout from the moment it took over. */
  synchronized void clear() {
    lastRenewal.clear();
  }

  synchronized void forget(String writer) {
    lastRenewal.remove(writer);
  }
}
