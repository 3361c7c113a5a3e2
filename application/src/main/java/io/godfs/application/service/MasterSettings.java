package io.godfs.application.service;

import io.godfs.domain.chunk.ChunkLayout;
import java.time.Duration;
import java.util.Objects;

/**
 * The master's policy knobs, already validated by bootstrap's config loading. {@code leaseTimeout}:
 * how long a writer may go without renewing before the master recovers its files.
 */
public record MasterSettings(long defaultChunkSize, int defaultReplication, Duration deadAfter,
    Duration heartbeatInterval, Duration leaseTimeout, HealingSettings healing) {
  public static final Duration DEFAULT_LEASE_TIMEOUT = Duration.ofSeconds(60);

  public MasterSettings {
    String problem = ChunkLayout.chunkSizeProblem(defaultChunkSize);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    if (defaultReplication < 1 || defaultReplication > 16) {
      throw new IllegalArgumentException("replication : " + defaultReplication + " (expected: 1-16)");
    }
    Objects.requireNonNull(deadAfter, "deadAfter");
    Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
    Objects.requireNonNull(leaseTimeout, "leaseTimeout");
    Objects.requireNonNull(healing, "healing");
    if (!deadAfter.isPositive() || !heartbeatInterval.isPositive() || !leaseTimeout.isPositive()) {
      throw new IllegalArgumentException("deadAfter, heartbeatInterval and leaseTimeout must be > 0");
    }
  }

  public MasterSettings(long defaultChunkSize, int defaultReplication, Duration deadAfter, Duration heartbeatInterval) {
    this(defaultChunkSize, defaultReplication, deadAfter, heartbeatInterval, DEFAULT_LEASE_TIMEOUT);
  }

  public MasterSettings(long defaultChunkSize, int defaultReplication, Duration deadAfter, Duration heartbeatInterval,
      Duration leaseTimeout) {
    this(defaultChunkSize, defaultReplication, deadAfter, heartbeatInterval, leaseTimeout,
        HealingSettings.DEFAULTS.withSafeMode(0, Duration.ZERO));
  }
}
