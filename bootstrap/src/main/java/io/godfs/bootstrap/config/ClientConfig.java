package io.godfs.bootstrap.config;

import io.godfs.adapters.grpc.tls.GrpcTls;
import io.godfs.application.port.out.ClientIoMeter;
import io.godfs.application.port.out.RpcMeter;
import io.opentelemetry.api.OpenTelemetry;
import java.util.Objects;
import java.util.Optional;

/**
 * What a client needs: the master's {@code host:port}, the API key it presents there when the
 * cluster asks for one, TLS on its connections (empty = plaintext), and where its calls are
 * recorded ({@link RpcMeter#NONE} unless the process serves metrics, as a mount may) and where its
 * bytes and operations are ({@code io}, {@link ClientIoMeter#NONE} likewise).
 */
public record ClientConfig(
    String masterAddress,
    Optional<String> apiKey,
    Optional<GrpcTls> tls,
    RpcMeter meter,
    ClientIoMeter io,
    OpenTelemetry tracing) {
  public ClientConfig {
    Objects.requireNonNull(masterAddress, "masterAddress");
    Objects.requireNonNull(apiKey, "apiKey");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(meter, "meter");
    Objects.requireNonNull(io, "io");
    Objects.requireNonNull(tracing, "tracing");
  }

  /** A client that traces nothing. */
  public ClientConfig(
      String masterAddress,
      Optional<String> apiKey,
      Optional<GrpcTls> tls,
      RpcMeter meter,
      ClientIoMeter io) {
    this(masterAddress, apiKey, tls, meter, io, OpenTelemetry.noop());
  }

  /** The same client, its calls spans of {@code tracing} (a mount that traces, ADR 0023). */
  public ClientConfig tracedBy(OpenTelemetry tracing) {
    return new ClientConfig(masterAddress, apiKey, tls, meter, io, tracing);
  }

  /** A client whose calls are recorded into {@code meter}, its bytes and operations not. */
  public ClientConfig(
      String masterAddress, Optional<String> apiKey, Optional<GrpcTls> tls, RpcMeter meter) {
    this(masterAddress, apiKey, tls, meter, ClientIoMeter.NONE);
  }

  /** A client whose calls are not recorded. */
  public ClientConfig(String masterAddress, Optional<String> apiKey, Optional<GrpcTls> tls) {
    this(masterAddress, apiKey, tls, RpcMeter.NONE);
  }

  /** The same client, its calls recorded into {@code meter}. */
  public ClientConfig meteredBy(RpcMeter meter) {
    return new ClientConfig(masterAddress, apiKey, tls, meter, io, tracing);
  }

  /**
   * The same client, its calls recorded into {@code meter} and its bytes and operations in {@code
   * io}.
   */
  public ClientConfig meteredBy(RpcMeter meter, ClientIoMeter io) {
    return new ClientConfig(masterAddress, apiKey, tls, meter, io, tracing);
  }

  /** A client in plaintext. */
  public ClientConfig(String masterAddress, Optional<String> apiKey) {
    this(masterAddress, apiKey, Optional.empty());
  }

  /** A client that presents no credential. */
  public ClientConfig(String masterAddress) {
    this(masterAddress, Optional.empty());
  }

  /**
   * The TLS of a client process's own node listener (a mount's health and {@code /metrics}, ADR
   * 0023): its client certificate, which serves as a server one too, trusting the cluster's CAs so
   * that a scraper's certificate of the cluster CA is verified. Empty without a client certificate.
   */
  public Optional<GrpcTls> listenerTls() {
    return tls.flatMap(
        t ->
            t.client()
                .map(
                    identity ->
                        new GrpcTls(
                            Optional.of(identity),
                            Optional.empty(),
                            t.trustedAuthorities(),
                            t.reloadEvery(),
                            true)));
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
