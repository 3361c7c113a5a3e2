package io.godfs.bootstrap.config;

import io.godfs.adapters.grpc.tls.GrpcTls;
import io.godfs.adapters.rest.GatewaySettings;
import java.util.List;
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

  /**
   * The TLS of the gateway's node listener (health and {@code /metrics}, ADR 0023): its HTTPS
   * certificate, or with HTTPS off its certificate for the cluster (it serves as a server one too),
   * trusting the cluster's CAs so that a scraper's certificate of the cluster CA is verified. Empty
   * (plain HTTP) when the gateway has neither.
   */
  public Optional<GrpcTls> listenerTls() {
    Optional<GrpcTls.KeyPairFiles> identity =
        https
            .map(GatewayHttps::identity)
            .or(() -> clusterTls.flatMap(t -> t.client().or(t::server)));
    if (identity.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new GrpcTls(
            identity,
            Optional.empty(),
            clusterTls.map(GrpcTls::trustedAuthorities).orElse(List.of()),
            https
                .flatMap(GatewayHttps::reloadEvery)
                .or(() -> clusterTls.flatMap(GrpcTls::reloadEvery)),
            true));
  }
}
