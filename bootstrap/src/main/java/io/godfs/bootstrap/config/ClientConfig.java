package io.godfs.bootstrap.config;

import java.util.Objects;
import java.util.Optional;

/**
 * What a client needs: the master's {@code host:port}, and the API key it presents there when the
 * cluster asks for one.
 */
public record ClientConfig(String masterAddress, Optional<String> apiKey) {
  public ClientConfig {
    Objects.requireNonNull(masterAddress, "masterAddress");
    Objects.requireNonNull(apiKey, "apiKey");
  }

  /** A client that presents no credential. */
  public ClientConfig(String masterAddress) {
    this(masterAddress, Optional.empty());
  }

  /** Never the key itself. */
  @Override
  public String toString() {
    return "ClientConfig[masterAddress="
        + masterAddress
        + ", apiKey="
        + (apiKey.isPresent() ? "(hidden)" : "-")
        + "]";
  }
}
