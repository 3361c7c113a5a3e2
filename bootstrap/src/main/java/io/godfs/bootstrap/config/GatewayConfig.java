package io.godfs.bootstrap.config;

import io.godfs.adapters.grpc.tls.GrpcTls;
import io.godfs.adapters.rest.GatewaySettings;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code godfs gateway} needs: the master to talk to, how the HTTP side runs, TLS on its gRPC
 * connections to the cluster (empty = plaintext) and HTTPS on its own port (empty = HTTP).
 */
public record GatewayConfig(
    String masterAddress,
    GatewaySettings settings,
    Optional<GrpcTls> clusterTls,
    Optional<GatewayHttps> https) {
  public GatewayConfig {
    Objects.requireNonNull(masterAddress, "masterAddress");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(clusterTls, "clusterTls");
    Objects.requireNonNull(https, "https");
  }

  public GatewayConfig(
      String masterAddress, GatewaySettings settings, Optional<GrpcTls> clusterTls) {
    this(masterAddress, settings, clusterTls, Optional.empty());
  }

  public GatewayConfig(String masterAddress, GatewaySettings settings) {
    this(masterAddress, settings, Optional.empty());
  }
}
