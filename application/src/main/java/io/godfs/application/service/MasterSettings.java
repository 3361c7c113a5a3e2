package io.godfs.application.service;

import io.godfs.domain.chunk.ChunkLayout;
import io.godfs.domain.file.Namespace;
import java.time.Duration;
import java.util.Objects;

/**
 * The master's policy knobs, already validated by bootstrap's config loading. {@code leaseTimeout}:
 * how long a writer may go without renewing before the master recovers its files. {@code
 * inlineMaxBytes}: the largest write whose bytes the master keeps in the namespace (ADR 0016); 0 =
 * none, every file goes to chunks (caps what small files cost the master's heap).
 */
public record MasterSettings(long defaultChunkSize, int defaultReplication, Duration deadAfter,
    Duration heartbeatInterval, Duration leaseTimeout, HealingSettings healing, int inlineMaxBytes) {
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
    if (inlineMaxBytes < 0 || inlineMaxBytes > Namespace.MAX_INLINE_LENGTH) {
      throw new IllegalArgumentException("inlineMaxBytes : " + inlineMaxBytes + " (expected: 0-"
          + Namespace.MAX_INLINE_LENGTH + ")");
    }
  }

  public MasterSettings(long defaultChunkSize, int defaultReplication, Duration deadAfter, Duration heartbeatInterval,
      Duration leaseTimeout, HealingSettings healing) {
    this(defaultChunkSize, defaultReplication, deadAfter, heartbeatInterval, leaseTimeout, healing,
        Namespace.MAX_INLINE_LENGTH);
  }

  public MasterSettings withInlineMaxBytes(int bytes) {
    return new MasterSettings(defaultChunkSize, defaultReplication, deadAfter, heartbeatInterval, leaseTimeout,
        healing, bytes);
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
