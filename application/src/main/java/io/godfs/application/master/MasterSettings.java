package io.godfs.application.master;

import io.godfs.domain.chunk.ChunkLayout;
import io.godfs.domain.file.Namespace;
import java.time.Duration;
import java.util.Objects;

/**
 * The master's policy knobs, already validated by bootstrap's config loading. {@code leaseTimeout}:
 * how long a writer may go without renewing before the master recovers its files. {@code
 * inlineMaxBytes}: the largest write whose bytes the master keeps in the namespace (ADR 0016); 0 =
 * none, every file goes to chunks (caps what small files cost the master's heap). {@code
 * trashGrace}: how long a deleted path stays in the trash, restorable, before it is purged (ADR
 * 0024); zero = no trash, deletes are immediate.
 */
public record MasterSettings(
    long defaultChunkSize,
    int defaultReplication,
    Duration deadAfter,
    Duration heartbeatInterval,
    Duration leaseTimeout,
    HealingSettings healing,
    int inlineMaxBytes,
    long maxFileBytes,
    Duration trashGrace) {
  public static final Duration DEFAULT_LEASE_TIMEOUT = Duration.ofSeconds(60);

  /**
   * The largest logical size of a file by default: 16 TiB. A truncate or write past it is refused,
   * so a typo (truncate to 1 PiB) never makes a file that no reader can finish (HDFS caps files at
   * 10,000 blocks, 1.25 TB of 128 MB blocks, by default).
   */
  public static final long DEFAULT_MAX_FILE_BYTES = 16L << 40;

  public MasterSettings {
    String problem = ChunkLayout.chunkSizeProblem(defaultChunkSize);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    if (defaultReplication < 1 || defaultReplication > 16) {
      throw new IllegalArgumentException(
          "replication : " + defaultReplication + " (expected: 1-16)");
    }
    Objects.requireNonNull(deadAfter, "deadAfter");
    Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
    Objects.requireNonNull(leaseTimeout, "leaseTimeout");
    Objects.requireNonNull(healing, "healing");
    Objects.requireNonNull(trashGrace, "trashGrace");
    if (trashGrace.isNegative()) {
      throw new IllegalArgumentException("trashGrace : " + trashGrace + " (expected: >= 0)");
    }
    if (!deadAfter.isPositive() || !heartbeatInterval.isPositive() || !leaseTimeout.isPositive()) {
      throw new IllegalArgumentException(
          "deadAfter, heartbeatInterval and leaseTimeout must be > 0");
    }
    if (inlineMaxBytes < 0 || inlineMaxBytes > Namespace.MAX_INLINE_LENGTH) {
      throw new IllegalArgumentException(
          "inlineMaxBytes : "
              + inlineMaxBytes
              + " (expected: 0-"
              + Namespace.MAX_INLINE_LENGTH
              + ")");
    }
    if (maxFileBytes < defaultChunkSize) {
      throw new IllegalArgumentException(
          "maxFileBytes : "
              + maxFileBytes
              + " (expected: at least the chunk size "
              + defaultChunkSize
              + ")");
    }
  }

  /** Without a trash: deletes are immediate. */
  public MasterSettings(
      long defaultChunkSize,
      int defaultReplication,
      Duration deadAfter,
      Duration heartbeatInterval,
      Duration leaseTimeout,
      HealingSettings healing,
      int inlineMaxBytes,
      long maxFileBytes) {
    this(
        defaultChunkSize,
        defaultReplication,
        deadAfter,
        heartbeatInterval,
        leaseTimeout,
        healing,
        inlineMaxBytes,
        maxFileBytes,
        Duration.ZERO);
  }

  public MasterSettings(
      long defaultChunkSize,
      int defaultReplication,
      Duration deadAfter,
      Duration heartbeatInterval,
      Duration leaseTimeout,
      HealingSettings healing,
      int inlineMaxBytes) {
    this(
        defaultChunkSize,
        defaultReplication,
        deadAfter,
        heartbeatInterval,
        leaseTimeout,
        healing,
        inlineMaxBytes,
        defaultMaxFileBytes(defaultChunkSize));
  }

  /**
   * The default largest file for files of {@code chunkSize}: 16 TiB, and never less than one chunk.
   */
  public static long defaultMaxFileBytes(long chunkSize) {
    return Math.max(DEFAULT_MAX_FILE_BYTES, chunkSize);
  }

  public MasterSettings withMaxFileBytes(long bytes) {
    return new MasterSettings(
        defaultChunkSize,
        defaultReplication,
        deadAfter,
        heartbeatInterval,
        leaseTimeout,
        healing,
        inlineMaxBytes,
        bytes,
        trashGrace);
  }

  /** Deleted paths go to the trash for {@code grace} (zero: no trash, ADR 0024). */
  public MasterSettings withTrashGrace(Duration grace) {
    return new MasterSettings(
        defaultChunkSize,
        defaultReplication,
        deadAfter,
        heartbeatInterval,
        leaseTimeout,
        healing,
        inlineMaxBytes,
        maxFileBytes,
        grace);
  }

  /** Whether deletes go to the trash (ADR 0024). */
  public boolean trashOn() {
    return trashGrace.isPositive();
  }

  public MasterSettings(
      long defaultChunkSize,
      int defaultReplication,
      Duration deadAfter,
      Duration heartbeatInterval,
      Duration leaseTimeout,
      HealingSettings healing) {
    this(
        defaultChunkSize,
        defaultReplication,
        deadAfter,
        heartbeatInterval,
        leaseTimeout,
        healing,
        Namespace.MAX_INLINE_LENGTH);
  }

  public MasterSettings withInlineMaxBytes(int bytes) {
    return new MasterSettings(
        defaultChunkSize,
        defaultReplication,
        deadAfter,
        heartbeatInterval,
        leaseTimeout,
        healing,
        bytes,
        maxFileBytes,
        trashGrace);
  }

  public MasterSettings(
      long defaultChunkSize,
      int defaultReplication,
      Duration deadAfter,
      Duration heartbeatInterval) {
    this(defaultChunkSize, defaultReplication, deadAfter, heartbeatInterval, DEFAULT_LEASE_TIMEOUT);
  }

  public MasterSettings(
      long defaultChunkSize,
      int defaultReplication,
      Duration deadAfter,
      Duration heartbeatInterval,
      Duration leaseTimeout) {
    this(
        defaultChunkSize,
        defaultReplication,
        deadAfter,
        heartbeatInterval,
        leaseTimeout,
        HealingSettings.DEFAULTS.withSafeMode(0, Duration.ZERO));
  }
}
