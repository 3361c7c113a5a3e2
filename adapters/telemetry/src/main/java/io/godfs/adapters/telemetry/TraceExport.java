package io.godfs.adapters.telemetry;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where and how a node sends its spans (ADR 0023; the seed's {@code GODFS_OTEL_*} and the
 * specification's {@code OTEL_*} settings, parsed by the wiring).
 *
 * @param endpoint the collector's OTLP/HTTP base address ({@code http://collector:4318}); spans go
 *     to its {@code /v1/traces}, unless the address already names a path
 * @param serviceName the resource's {@code service.name}
 * @param headers sent with every export (a collector's credential, say): never logged
 * @param trustedCertificate the CA file the collector's certificate must chain to, if not the JDK's
 * @param clientCertificate and {@code clientKey}: mutual TLS towards the collector
 * @param sampler {@code parentbased_always_on} (default), {@code parentbased_traceidratio}, {@code
 *     parentbased_always_off}, {@code always_on}, {@code always_off} or {@code traceidratio}
 * @param ratio the sampled fraction for the ratio samplers, 0 to 1
 * @param resourceAttributes more resource attributes ({@code OTEL_RESOURCE_ATTRIBUTES})
 * @param scheduleDelay how long finished spans wait to be exported in a batch
 */
public record TraceExport(
    URI endpoint,
    String serviceName,
    Map<String, String> headers,
    Optional<Path> trustedCertificate,
    Optional<Path> clientCertificate,
    Optional<Path> clientKey,
    String sampler,
    double ratio,
    Map<String, String> resourceAttributes,
    Duration scheduleDelay) {
  public TraceExport {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(serviceName, "serviceName");
    headers = Map.copyOf(headers);
    Objects.requireNonNull(trustedCertificate, "trustedCertificate");
    Objects.requireNonNull(clientCertificate, "clientCertificate");
    Objects.requireNonNull(clientKey, "clientKey");
    Objects.requireNonNull(sampler, "sampler");
    resourceAttributes = Map.copyOf(resourceAttributes);
    Objects.requireNonNull(scheduleDelay, "scheduleDelay");
    if (clientCertificate.isPresent() != clientKey.isPresent()) {
      throw new IllegalArgumentException(
          "a client certificate and its key go together (OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE"
              + " and OTEL_EXPORTER_OTLP_CLIENT_KEY)");
    }
    if (!(ratio >= 0 && ratio <= 1)) {
      throw new IllegalArgumentException("ratio : " + ratio + " (expected: 0 to 1)");
    }
  }

  /** The samplers understood, by their specification names. */
  public static final Set<String> SAMPLERS =
      Set.of(
          "parentbased_always_on",
          "parentbased_always_off",
          "parentbased_traceidratio",
          "always_on",
          "always_off",
          "traceidratio");

  /** The same export under another service name (a dev cluster's roles share one setting). */
  public TraceExport named(String service) {
    return new TraceExport(
        endpoint,
        service,
        headers,
        trustedCertificate,
        clientCertificate,
        clientKey,
        sampler,
        ratio,
        resourceAttributes,
        scheduleDelay);
  }

  /** Never the headers' values: they may hold a collector's credential. */
  @Override
  public String toString() {
    return "TraceExport[endpoint="
        + endpoint
        + ", service="
        + serviceName
        + ", headers="
        + headers.keySet()
        + ", sampler="
        + sampler
        + "]";
  }
}
