package io.godfs.bootstrap.config;

/**
 * Where a server listens: {@code :9090} (every interface), {@code 127.0.0.1:9090} or {@code
 * [::1]:9090}. An empty {@code host} means every interface; port 0 picks a free port.
 */
public record ListenAddress(String host, int port) {
  public ListenAddress {
    Guards.port("port", port);
  }

  /** Parses the forms above, or throws {@link IllegalArgumentException}. */
  public static ListenAddress parse(String raw) {
    String text = raw.strip();
    int colon = text.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("no port in " + raw);
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      throw new IllegalArgumentException("IPv6 host without brackets in " + raw);
    }
    if (host.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("blank in host of " + raw);
    }
    int port = Integer.parseInt(text.substring(colon + 1));
    return new ListenAddress(host, port);
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
