package io.godfs.adapters.grpc.wire;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;

/**
 * One master's metadata wire as a client sees it: the port the master announced, and the idle
 * connections to it, each used by one call at a time. A port that cannot be reached or refuses more
 * connections is left alone for a while and calls go over gRPC meanwhile.
 */
final class WireEndpoint implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(WireEndpoint.class.getName());

  /** How long calls go over gRPC after the wire could not be reached. */
  static final long RETRY_AFTER_NANOS = TimeUnit.SECONDS.toNanos(30);

  /** Connections idle longer are dropped: well inside the server's idle limit. */
  static final long MAX_IDLE_NANOS = TimeUnit.SECONDS.toNanos(60);

  /** Idle connections kept; more are closed after their call. */
  static final int MAX_IDLE = 16;

  private final String host;
  private final Optional<WireTls.Client> tls;
  private final int connectTimeoutMillis;
  private final ConcurrentLinkedDeque<WireConnection> idle = new ConcurrentLinkedDeque<>();
  private volatile int port; // 0 = not announced
  private volatile long unusableUntil;
  private volatile boolean closed;

  WireEndpoint(String host, Optional<WireTls.Client> tls, int connectTimeoutMillis) {
    this.host = host;
    this.tls = tls;
    this.connectTimeoutMillis = connectTimeoutMillis;
  }

  /** The port a master announced in an answer's headers; a new one forgets the old connections. */
  void announced(int announced) {
    if (announced != port) {
      port = announced;
      unusableUntil = 0;
      drain();
    }
  }

  /**
   * Whether a call may go over the wire now: the port is known and an idle connection is there or
   * one can be made (it is kept for the call).
   */
  boolean ready() {
    if (port == 0 || closed) {
      return false;
    }
    if (!idle.isEmpty()) {
      return true;
    }
    if (unusableUntil != 0 && System.nanoTime() - unusableUntil < 0) {
      return false;
    }
    try {
      idle.push(connect());
      unusableUntil = 0;
      return true;
    } catch (IOException e) {
      unusableUntil = System.nanoTime() + RETRY_AFTER_NANOS;
      LOG.log(
          Level.INFO,
          "metadata wire at "
              + address()
              + " not used for "
              + TimeUnit.NANOSECONDS.toSeconds(RETRY_AFTER_NANOS)
              + " s, calls go over gRPC: "
              + e.getMessage());
      return false;
    }
  }

  /** An idle connection, or a new one. */
  WireConnection borrow() throws IOException {
    WireConnection c;
    while ((c = idle.pollFirst()) != null) {
      if (c.idleNanos() < MAX_IDLE_NANOS) {
        return c;
      }
      c.close();
    }
    return connect();
  }

  /** Takes back a connection whose call ended cleanly. */
  void release(WireConnection c) {
    if (closed || idle.size() >= MAX_IDLE) {
      c.close();
    } else {
      idle.push(c);
    }
  }

  String address() {
    return host + ":" + port;
  }

  private WireConnection connect() throws IOException {
    int p = port;
    if (p == 0) {
      throw new IOException("no metadata wire announced by " + host);
    }
    return WireConnection.open(host, p, tls, connectTimeoutMillis);
  }

  private void drain() {
    WireConnection c;
    while ((c = idle.pollFirst()) != null) {
      c.close();
    }
  }

  @Override
  public void close() {
    closed = true;
    drain();
  }
}
