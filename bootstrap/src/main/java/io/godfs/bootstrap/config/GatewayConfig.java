package io.godfs.bootstrap.config;

import io.godfs.adapters.grpc.tls.GrpcTls;
import io.godfs.adapters.rest.GatewaySettings;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code godfs gateway} needs: the master to talk to, how the HTTP side runs, TLS on its gRPC
 * connections to the cluster (empty = plaintext), HTTPS on its own port (empty = HTTP), and its own
 * credential ({@code GODFS_CLIENT_API_KEY}), which only its janitor uses: every request goes to the
 * cluster with its caller's credential, never with the gateway's.
 */
public record GatewayConfig(
    String masterAddress,
    GatewaySettings settings,
    Optional<GrpcTls> clusterTls,
    Optional<GatewayHttps> https,
    Optional<String> ownCredential) {
  public GatewayConfig {
    Objects.requireNonNull(masterAddress, "masterAddress");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(clusterTls, "clusterTls");
    Objects.requireNonNull(https, "https");
    Objects.requireNonNull(ownCredential, "ownCredential");
  }

  public GatewayConfig(
      String masterAddress, GatewaySettings settings, Optional<GrpcTls> clusterTls) {
    this(masterAddress, settings, clusterTls, Optional.empty(), Optional.empty());
  }

  public GatewayConfig(String masterAddress, GatewaySettings settings) {
    this(masterAddress, settings, Optional.empty());
  }
}
