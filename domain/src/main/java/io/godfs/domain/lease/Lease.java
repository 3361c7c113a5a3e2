package io.godfs.domain.lease;

import java.time.Instant;
import java.util.Objects;

/** A single-writer lease on a file: {@code holder} may write until {@code expiresAt}. */
public record Lease(long fileId, String holder, Instant expiresAt) {
  public Lease {
    Objects.requireNonNull(holder, "holder");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (holder.isBlank()) {
      throw new IllegalArgumentException("holder : '' (expected: a client name)");
    }
  }

  public boolean isExpired(Instant now) {
    return !now.isBefore(expiresAt);
  }
}
