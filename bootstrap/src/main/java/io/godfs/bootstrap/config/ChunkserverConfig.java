package io.godfs.bootstrap.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a chunkserver runs. {@code advertiseAddress} is the {@code host:port} clients and peers use;
 * {@code null} means {@code 127.0.0.1:<actual port>} (needed when {@code port} is 0). {@code
 * capacityBytes} 0 means "measure the disk". {@code audit} is the trail of its calls ({@code
 * GODFS_AUDIT_CHUNK}, ADR 0022), off unless asked for. {@code directWrites}: replicas are appended
 * around the page cache (ADR 0034), off unless asked for.
 */
public record ChunkserverConfig(
    String masterAddress,
    String listenHost,
    int port,
    Path dataDir,
    String nodeId,
    String advertiseAddress,
    long capacityBytes,
    Duration heartbeatInterval,
    long scrubBytesPerSecond,
    AuditConfig audit,
    boolean directWrites) {
  /** The scrubber's default pace: a 1 TiB disk is checked about once a day. */
  public static final long DEFAULT_SCRUB_RATE = 16L << 20;

  public ChunkserverConfig {
    Objects.requireNonNull(masterAddress, "masterAddress");
    Objects.requireNonNull(listenHost, "listenHost");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
    Objects.requireNonNull(audit, "audit");
    Guards.port("port", port);
    if (capacityBytes < 0) {
      throw new IllegalArgumentException("capacityBytes : " + capacityBytes + " (expected: >= 0)");
    }
    if (scrubBytesPerSecond < 0) {
      throw new IllegalArgumentException(
          "scrubBytesPerSecond : " + scrubBytesPerSecond + " (expected: >= 0, 0 = off)");
    }
  }

  /**
   * A chunkserver that scrubs at {@link #DEFAULT_SCRUB_RATE} and keeps no audit trail; {@link
   * #withScrubRate} and {@link #withAudit} change those.
   */
  public static ChunkserverConfig of(
      String masterAddress,
      String listenHost,
      int port,
      Path dataDir,
      String nodeId,
      String advertiseAddress,
      long capacityBytes,
      Duration heartbeatInterval) {
    return new ChunkserverConfig(
        masterAddress,
        listenHost,
        port,
        dataDir,
        nodeId,
        advertiseAddress,
        capacityBytes,
        heartbeatInterval,
        DEFAULT_SCRUB_RATE,
        AuditConfig.OFF,
        false);
  }

  /** Scrubbing {@code bytesPerSecond} (0 = off). */
  public ChunkserverConfig withScrubRate(long bytesPerSecond) {
    return new ChunkserverConfig(
        masterAddress,
        listenHost,
        port,
        dataDir,
        nodeId,
        advertiseAddress,
        capacityBytes,
        heartbeatInterval,
        bytesPerSecond,
        audit,
        directWrites);
  }

  /** Recording refused calls and mutations as {@code trail} says. */
  public ChunkserverConfig withAudit(AuditConfig trail) {
    return new ChunkserverConfig(
        masterAddress,
        listenHost,
        port,
        dataDir,
        nodeId,
        advertiseAddress,
        capacityBytes,
        heartbeatInterval,
        scrubBytesPerSecond,
        trail,
        directWrites);
  }

  /** Appending to replicas around the page cache ({@code on}) or through it. */
  public ChunkserverConfig withDirectWrites(boolean on) {
    return new ChunkserverConfig(
        masterAddress,
        listenHost,
        port,
        dataDir,
        nodeId,
        advertiseAddress,
        capacityBytes,
        heartbeatInterval,
        scrubBytesPerSecond,
        audit,
        on);
  }
}
