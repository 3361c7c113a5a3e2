package io.godfs.adapters.grpc.wire;

/**
 * Where a master's metadata wire listens (ADR 0031): {@code host} as the gRPC port's ("" = every
 * interface), {@code port} 0 for a free one (announced to clients in every answer's headers), and
 * at most {@code maxConnections} connections, each with its thread; a client past that is told so
 * and uses gRPC.
 */
public record WireListen(String host, int port, int maxConnections) {
  /** Enough for every client of a large cluster's masters, each keeping a few connections. */
  public static final int DEFAULT_MAX_CONNECTIONS = 1024;

  public WireListen {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port : " + port + " (expected: 0-65535)");
    }
    if (maxConnections < 1) {
      throw new IllegalArgumentException(
          "maxConnections : " + maxConnections + " (expected: >= 1)");
    }
  }

  public static WireListen on(String host, int port) {
    return new WireListen(host, port, DEFAULT_MAX_CONNECTIONS);
  }
}
