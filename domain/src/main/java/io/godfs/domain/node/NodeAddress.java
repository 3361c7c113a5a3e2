package io.godfs.domain.node;

import java.util.Objects;

/** Where a node is reached: {@code host:port}. */
public record NodeAddress(String host, int port) {
  public NodeAddress {
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("host : '' (expected: a host name or IP address)");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port : " + port + " (expected: 1-65535)");
    }
  }

  /** Parses {@code host:port} (IPv6 as {@code [::1]:8000}). */
  public static NodeAddress parse(String text) {
    Objects.requireNonNull(text, "address");
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new IllegalArgumentException("address : '" + text + "' (expected: host:port)");
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.indexOf(':') >= 0) {
      throw new IllegalArgumentException(
          "address : '"
              + text
              + "' (expected: host:port, with an IPv6 host in brackets like [::1]:8000)");
    }
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "address : '" + text + "' (expected: host:port with a numeric port)", e);
    }
    return new NodeAddress(host, port);
  }

  @Override
  public String toString() {
    return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
  }
}
