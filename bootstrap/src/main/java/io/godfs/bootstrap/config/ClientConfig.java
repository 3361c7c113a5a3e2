package io.godfs.bootstrap.config;

import io.godfs.adapters.grpc.tls.GrpcTls;
import java.util.Objects;
import java.util.Optional;

/**
 * What a client needs: the master's {@code host:port}, the API key it presents there when the
 * cluster asks for one, and TLS on its connections (empty = plaintext).
 */
public record ClientConfig(String masterAddress, Optional<String> apiKey, Optional<GrpcTls> tls) {
  public ClientConfig {
    Objects.requireNonNull(masterAddress, "masterAddress");
    Objects.requireNonNull(apiKey, "apiKey");
    Objects.requireNonNull(tls, "tls");
  }

  /** A client in plaintext. */
  public ClientConfig(String masterAddress, Optional<String> apiKey) {
    this(masterAddress, apiKey, Optional.empty());
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
        + ", tls="
        + (tls.isPresent() ? "on" : "off")
        + "]";
  }
}
