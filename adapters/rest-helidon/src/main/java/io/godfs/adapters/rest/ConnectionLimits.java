package io.godfs.adapters.rest;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a client may take and how many it may be at once, so that slow or idle clients cannot
 * hold the gateway's connections and threads (docs/adr/0007, "Deadlines and caps").
 *
 * @param headerTimeout a request's headers must be complete this long after its request line
 * @param bodyTimeout a request body that delivers nothing for this long is cut off
 * @param idleTimeout a connection with no request in progress is closed after this long
 * @param maxConnections open TCP connections at most; more are closed at once
 * @param maxConcurrentRequests requests being handled at once; more are answered 503
 */
public record ConnectionLimits(
    Duration headerTimeout,
    Duration bodyTimeout,
    Duration idleTimeout,
    int maxConnections,
    int maxConcurrentRequests) {
  public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
  public static final int DEFAULT_MAX_CONNECTIONS = 2048;
  public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 256;

  public ConnectionLimits {
    for (Duration d : new Duration[] {headerTimeout, bodyTimeout, idleTimeout}) {
      if (!Objects.requireNonNull(d, "timeout").isPositive()) {
        throw new IllegalArgumentException("timeout : " + d + " (expected: > 0)");
      }
    }
    if (maxConnections < 1 || maxConcurrentRequests < 1) {
      throw new IllegalArgumentException(
          "maxConnections "
              + maxConnections
              + ", maxConcurrentRequests "
              + maxConcurrentRequests
              + " (expected: >= 1)");
    }
  }

  /**
   * Added to the longest deadline: the watchdog checks on a timer and may cut up to a second late.
   */
  static final Duration SILENT_GRACE = Duration.ofSeconds(2);

  /**
   * How long a connection may send nothing at all before it is closed, even before its first
   * request: past the longest deadline, so that it never cuts what the others would let run or
   * answer with a 408 themselves.
   */
  public Duration silentTimeout() {
    Duration longest = headerTimeout.compareTo(bodyTimeout) >= 0 ? headerTimeout : bodyTimeout;
    return (longest.compareTo(idleTimeout) >= 0 ? longest : idleTimeout).plus(SILENT_GRACE);
  }

  public static ConnectionLimits defaults() {
    return new ConnectionLimits(
        DEFAULT_HEADER_TIMEOUT,
        DEFAULT_BODY_TIMEOUT,
        DEFAULT_IDLE_TIMEOUT,
        DEFAULT_MAX_CONNECTIONS,
        DEFAULT_MAX_CONCURRENT_REQUESTS);
  }
}
