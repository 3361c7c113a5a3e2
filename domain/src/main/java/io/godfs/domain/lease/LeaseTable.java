package io.godfs.domain.lease;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Single-writer file leases (HDFS LeaseManager shape). A holder acquires a lease for a file, renews
 * it while writing and releases it at close; another holder is refused until the lease expires,
 * after which the file is up for recovery. Time comes in as an argument: pure and deterministic.
 * Not thread-safe; the owner serialises access.
 */
public final class LeaseTable {
  private final Map<Long, Lease> byFile = new HashMap<>();

  public LeaseDecision acquire(long fileId, String holder, Instant now, Duration duration) {
    Lease current = byFile.get(fileId);
    if (current != null && !current.holder().equals(holder) && !current.isExpired(now)) {
      return new LeaseDecision.HeldBy(current);
    }
    Lease granted = new Lease(fileId, holder, now.plus(duration));
    byFile.put(fileId, granted);
    return new LeaseDecision.Granted(granted);
  }

  /** Extends the holder's lease; empty when the holder does not hold it (expired and taken). */
  public Optional<Lease> renew(long fileId, String holder, Instant now, Duration duration) {
    Lease current = byFile.get(fileId);
    if (current == null || !current.holder().equals(holder)) {
      return Optional.empty();
    }
    Lease renewed = new Lease(fileId, holder, now.plus(duration));
    byFile.put(fileId, renewed);
    return Optional.of(renewed);
  }

  /** Releases the lease if {@code holder} holds it; returns whether it did. */
  public boolean release(long fileId, String holder) {
    Lease current = byFile.get(fileId);
    if (current != null && current.holder().equals(holder)) {
      byFile.remove(fileId);
      return true;
    }
    return false;
  }

  public Optional<Lease> holderOf(long fileId) {
    return Optional.ofNullable(byFile.get(fileId));
  }

  /** Removes and returns leases that expired by {@code now}: their files need recovery. */
  public List<Lease> expire(Instant now) {
    List<Lease> expired = new ArrayList<>();
    byFile.values().removeIf(l -> {
      if (l.isExpired(now)) {
        expired.add(l);
        return true;
      }
      return false;
    });
    return expired;
  }

  public int size() {
    return byFile.size();
  }
}
