package io.godfs.application.master;

import io.godfs.domain.file.LeaseHolder;
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
  private final Map<LeaseHolder.Client, Instant> lastRenewal = new HashMap<>();

  synchronized void renew(LeaseHolder.Client writer, Instant now) {
    lastRenewal.put(writer, now);
  }

  /**
   * Writers among {@code holders} silent for longer than {@code timeout}; forgets writers holding
   * nothing.
   */
  synchronized List<LeaseHolder.Client> expired(
      Set<LeaseHolder.Client> holders, Instant now, Duration timeout) {
    lastRenewal.keySet().retainAll(holders);
    List<LeaseHolder.Client> out = new ArrayList<>();
    for (LeaseHolder.Client writer : holders) {
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

  synchronized void forget(LeaseHolder.Client writer) {
    lastRenewal.remove(writer);
  }
}
