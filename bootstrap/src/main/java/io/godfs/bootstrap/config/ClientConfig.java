package io.godfs.bootstrap.config;

import java.util.Objects;

/** What a client needs: the master's {@code host:port}. */
public record ClientConfig(String masterAddress) {
  public ClientConfig {
    Objects.requireNonNull(masterAddress, "masterAddress");
  }
}
