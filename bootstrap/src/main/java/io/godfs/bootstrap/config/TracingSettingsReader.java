package io.godfs.bootstrap.config;

import io.godfs.adapters.telemetry.TraceExport;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link ConfigLoader}'s part for tracing (ADR 0023): the seed's {@code GODFS_OTEL_*} and the
 * specification's {@code OTEL_*} variables, read through the one resolver (not OpenTelemetry's own
 * autoconfiguration, which would read the environment behind it). Tracing is off unless an endpoint
 * is set. Spans go out as OTLP/HTTP with protobuf; {@code grpc} as the protocol stops the start,
 * since this build cannot send it.
 */
final class TracingSettingsReader {
  private TracingSettingsReader() {}

  static Optional<TraceExport> read(
      ConfigLoader loader, Role role, Map<Setting, String> flags, String defaultServiceName) {
    ConfigLoader.Raw endpointRaw = loader.raw(role, flags, Setting.OTEL_ENDPOINT, "");
    boolean disabled =
        loader.raw(role, flags, Setting.OTEL_SDK_DISABLED, "false").parse(SettingParsers::bool);
    if (endpointRaw.value() == null || endpointRaw.value().isBlank() || disabled) {
      return Optional.empty();
    }
    if (endpointRaw.value().contains("@")) {
      // user:password@ would be printed in errors and `config print`; never echoed here.
      throw new ConfigException(
          Setting.OTEL_ENDPOINT.label(null)
              + " : (hidden) (expected: an address without user:password@; send a collector's"
              + " credential in OTEL_EXPORTER_OTLP_HEADERS)");
    }
    URI endpoint = endpointRaw.parse(TracingSettingsReader::endpoint);
    ConfigLoader.Raw protocol = loader.raw(role, flags, Setting.OTEL_PROTOCOL, "http/protobuf");
    if (!protocol.value().strip().equals("http/protobuf")) {
      throw protocol.invalid(
          "http/protobuf (this build sends OTLP over HTTP; a collector takes it on port 4318)");
    }
    String sampler =
        loader
            .raw(role, flags, Setting.OTEL_SAMPLER, "parentbased_always_on")
            .parse(TracingSettingsReader::sampler);
    double ratio =
        loader
            .raw(role, flags, Setting.OTEL_SAMPLER_ARG, "1.0")
            .parse(TracingSettingsReader::ratio);
    Optional<Path> clientCertificate = path(loader, role, flags, Setting.OTEL_CLIENT_CERTIFICATE);
    Optional<Path> clientKey = path(loader, role, flags, Setting.OTEL_CLIENT_KEY);
    if (clientCertificate.isPresent() != clientKey.isPresent()) {
      throw loader
          .raw(role, flags, Setting.OTEL_CLIENT_KEY, "")
          .invalid("set together with OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE, or neither");
    }
    return Optional.of(
        new TraceExport(
            endpoint,
            loader
                .raw(role, flags, Setting.OTEL_SERVICE_NAME, defaultServiceName)
                .parse(TracingSettingsReader::name),
            loader.raw(role, flags, Setting.OTEL_HEADERS, "").parse(TracingSettingsReader::pairs),
            path(loader, role, flags, Setting.OTEL_CERTIFICATE),
            clientCertificate,
            clientKey,
            sampler,
            ratio,
            loader
                .raw(role, flags, Setting.OTEL_RESOURCE_ATTRIBUTES, "")
                .parse(TracingSettingsReader::pairs),
            Duration.ofMillis(
                loader
                    .raw(role, flags, Setting.OTEL_BSP_SCHEDULE_DELAY, "5000")
                    .parse(s -> SettingParsers.ranged(Long.parseLong(s.strip()), 1, 60_000)))));
  }

  private static URI endpoint(String raw) {
    URI uri = URI.create(raw.strip());
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw new IllegalArgumentException("not an http:// or https:// address");
    }
    return uri;
  }

  private static String sampler(String raw) {
    String name = raw.strip().toLowerCase(Locale.ROOT);
    if (!TraceExport.SAMPLERS.contains(name)) {
      throw new IllegalArgumentException("unknown sampler " + name);
    }
    return name;
  }

  private static double ratio(String raw) {
    double ratio = Double.parseDouble(raw.strip());
    if (!(ratio >= 0 && ratio <= 1)) {
      throw new IllegalArgumentException("not from 0 to 1");
    }
    return ratio;
  }

  private static String name(String raw) {
    if (raw.isBlank()) {
      throw new IllegalArgumentException("empty");
    }
    return raw.strip();
  }

  /** {@code a=1,b=2}, each value percent-decoded as the specification says. */
  private static Map<String, String> pairs(String raw) {
    Map<String, String> pairs = new LinkedHashMap<>();
    for (String pair : raw.split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("not key=value");
      }
      pairs.put(
          pair.substring(0, eq).strip(),
          URLDecoder.decode(pair.substring(eq + 1).strip(), StandardCharsets.UTF_8));
    }
    return pairs;
  }

  private static Optional<Path> path(
      ConfigLoader loader, Role role, Map<Setting, String> flags, Setting setting) {
    ConfigLoader.Raw raw = loader.raw(role, flags, setting, "");
    return raw.value() == null || raw.value().isBlank()
        ? Optional.empty()
        : Optional.of(raw.parse(SettingParsers::path));
  }
}
