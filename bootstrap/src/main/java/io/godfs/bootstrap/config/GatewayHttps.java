package io.godfs.bootstrap.config;

import io.godfs.adapters.grpc.tls.GrpcTls;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * HTTPS on the gateway's port, as configured: the certificate and key it presents, the CAs whose
 * certificates HTTPS clients must present (empty = no client certificate asked for), and how often
 * the files are checked for changes (empty = read once).
 */
public record GatewayHttps(
    GrpcTls.KeyPairFiles identity, Optional<Path> clientCa, Optional<Duration> reloadEvery) {
  public GatewayHttps {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(clientCa, "clientCa");
    Objects.requireNonNull(reloadEvery, "reloadEvery");
  }
}
