package io.godfs.bootstrap.config;

import io.godfs.application.master.HealingSettings;
import io.godfs.application.master.MasterSettings;
import io.godfs.domain.file.Namespace;
import java.time.Duration;
import java.util.Objects;

/**
 * How a master runs: where it listens ({@code listenHost} empty = every interface, {@code port} 0 =
 * ephemeral), the cluster defaults it hands to clients, and its metadata backend ({@link
 * MetadataBackend}). {@code inlineMaxBytes}: the largest small file whose bytes the master keeps
 * itself (ADR 0016; 0 = none). {@code trashGrace}: how long a deleted path stays in the trash,
 * restorable (ADR 0024; zero = no trash). {@code wirePort}: the metadata wire's port on the same
 * host (ADR 0031; 0 = a free one, {@link #WIRE_OFF} = none). Built and validated by {@link
 * ConfigLoader}.
 */
public record MasterConfig(
    String listenHost,
    int port,
    long chunkSize,
    int replication,
    Duration deadAfter,
    Duration heartbeatInterval,
    Duration leaseTimeout,
    HealingSettings healing,
    MetadataBackend metadata,
    int inlineMaxBytes,
    long maxFileBytes,
    Duration trashGrace,
    int wirePort) {
  public static final Duration DEFAULT_LEASE_TIMEOUT = Duration.ofSeconds(60);

  /** {@code wirePort} when the master serves no metadata wire (ADR 0031). */
  public static final int WIRE_OFF = -1;

  public MasterConfig {
    Objects.requireNonNull(listenHost, "listenHost");
    Objects.requireNonNull(healing, "healing");
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(deadAfter, "deadAfter");
    Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
    Objects.requireNonNull(leaseTimeout, "leaseTimeout");
    Objects.requireNonNull(trashGrace, "trashGrace");
    Guards.port("port", port);
    if (wirePort != WIRE_OFF) {
      Guards.port("wirePort", wirePort);
    }
    if (inlineMaxBytes < 0 || inlineMaxBytes > Namespace.MAX_INLINE_LENGTH) {
      throw new IllegalArgumentException(
          "inlineMaxBytes : "
              + inlineMaxBytes
              + " (expected: 0-"
              + Namespace.MAX_INLINE_LENGTH
              + ")");
    }
  }

  public MasterConfig(
      String listenHost,
      int port,
      long chunkSize,
      int replication,
      Duration deadAfter,
      Duration heartbeatInterval,
      Duration leaseTimeout,
      HealingSettings healing,
      MetadataBackend metadata,
      int inlineMaxBytes) {
    this(
        listenHost,
        port,
        chunkSize,
        replication,
        deadAfter,
        heartbeatInterval,
        leaseTimeout,
        healing,
        metadata,
        inlineMaxBytes,
        MasterSettings.defaultMaxFileBytes(chunkSize),
        Duration.ZERO,
        0);
  }

  public MasterConfig withMaxFileBytes(long bytes) {
    return new MasterConfig(
        listenHost,
        port,
        chunkSize,
        replication,
        deadAfter,
        heartbeatInterval,
        leaseTimeout,
        healing,
        metadata,
        inlineMaxBytes,
        bytes,
        trashGrace,
        wirePort);
  }

  public MasterConfig(
      String listenHost,
      int port,
      long chunkSize,
      int replication,
      Duration deadAfter,
      Duration heartbeatInterval,
      Duration leaseTimeout,
      HealingSettings healing,
      MetadataBackend metadata) {
    this(
        listenHost,
        port,
        chunkSize,
        replication,
        deadAfter,
        heartbeatInterval,
        leaseTimeout,
        healing,
        metadata,
        Namespace.MAX_INLINE_LENGTH);
  }

  public MasterConfig(
      String listenHost,
      int port,
      long chunkSize,
      int replication,
      Duration deadAfter,
      Duration heartbeatInterval) {
    this(
        listenHost,
        port,
        chunkSize,
        replication,
        deadAfter,
        heartbeatInterval,
        DEFAULT_LEASE_TIMEOUT);
  }

  public MasterConfig(
      String listenHost,
      int port,
      long chunkSize,
      int replication,
      Duration deadAfter,
      Duration heartbeatInterval,
      Duration leaseTimeout) {
    this(
        listenHost,
        port,
        chunkSize,
        replication,
        deadAfter,
        heartbeatInterval,
        leaseTimeout,
        HealingSettings.DEFAULTS);
  }

  public MasterConfig withPort(int newPort) {
    return new MasterConfig(
        listenHost,
        newPort,
        chunkSize,
        replication,
        deadAfter,
        heartbeatInterval,
        leaseTimeout,
        healing,
        metadata,
        inlineMaxBytes,
        maxFileBytes,
        trashGrace,
        wirePort);
  }

  public MasterConfig withMetadata(MetadataBackend backend) {
    return new MasterConfig(
        listenHost,
        port,
        chunkSize,
        replication,
        deadAfter,
        heartbeatInterval,
        leaseTimeout,
        healing,
        backend,
        inlineMaxBytes,
        maxFileBytes,
        trashGrace,
        wirePort);
  }

  /** The metadata wire on {@code port} (0 = a free one, {@link #WIRE_OFF} = none; ADR 0031). */
  public MasterConfig withWirePort(int port) {
    return new MasterConfig(
        listenHost,
        this.port,
        chunkSize,
        replication,
        deadAfter,
        heartbeatInterval,
        leaseTimeout,
        healing,
        metadata,
        inlineMaxBytes,
        maxFileBytes,
        trashGrace,
        port);
  }

  /** Deleted paths go to the trash for {@code grace}; zero: deletes are immediate (ADR 0024). */
  public MasterConfig withTrashGrace(Duration grace) {
    return new MasterConfig(
        listenHost,
        port,
        chunkSize,
        replication,
        deadAfter,
        heartbeatInterval,
        leaseTimeout,
        healing,
        metadata,
        inlineMaxBytes,
        maxFileBytes,
        grace,
        wirePort);
  }

  /** The namespace replicated by the Ratis group {@code raft} describes. */
  public MasterConfig withRaft(RaftConfig raft) {
    return withMetadata(new MetadataBackend.Ratis(raft));
  }

  /** A master with its namespace in memory. */
  public MasterConfig(
      String listenHost,
      int port,
      long chunkSize,
      int replication,
      Duration deadAfter,
      Duration heartbeatInterval,
      Duration leaseTimeout,
      HealingSettings healing) {
    this(
        listenHost,
        port,
        chunkSize,
        replication,
        deadAfter,
        heartbeatInterval,
        leaseTimeout,
        healing,
        new MetadataBackend.Memory());
  }

  public MasterConfig withHealing(HealingSettings settings) {
    return new MasterConfig(
        listenHost,
        port,
        chunkSize,
        replication,
        deadAfter,
        heartbeatInterval,
        leaseTimeout,
        settings,
        metadata,
        inlineMaxBytes,
        maxFileBytes,
        trashGrace,
        wirePort);
  }

  public MasterConfig withInlineMaxBytes(int bytes) {
    return new MasterConfig(
        listenHost,
        port,
        chunkSize,
        replication,
        deadAfter,
        heartbeatInterval,
        leaseTimeout,
        healing,
        metadata,
        bytes,
        maxFileBytes,
        trashGrace,
        wirePort);
  }
}
