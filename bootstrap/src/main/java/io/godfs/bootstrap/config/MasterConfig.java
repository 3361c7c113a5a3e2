package io.godfs.bootstrap.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How a master runs: where it listens ({@code listenHost} empty = every interface, {@code port} 0 =
 * ephemeral) and the cluster defaults it hands to clients. Built and validated by {@link ConfigLoader}.
 */
public record MasterConfig(String listenHost, int port, long chunkSize, int replication, Duration deadAfter,
    Duration heartbeatInterval, Duration leaseTimeout) {
  public static final Duration DEFAULT_LEASE_TIMEOUT = Duration.ofSeconds(60);

  public MasterConfig {
    Objects.requireNonNull(listenHost, "listenHost");
    Objects.requireNonNull(deadAfter, "deadAfter");
    Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
    Objects.requireNonNull(leaseTimeout, "leaseTimeout");
    Guards.port("port", port);
  }

  public MasterConfig(
      String listenHost, int port, long chunkSize, int replication, Duration deadAfter, Duration heartbeatInterval) {
    this(listenHost, port, chunkSize, replication, deadAfter, heartbeatInterval, DEFAULT_LEASE_TIMEOUT);
  }
}
