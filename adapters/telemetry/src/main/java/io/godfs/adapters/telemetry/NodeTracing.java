package io.godfs.adapters.telemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One node's tracing (ADR 0023): an OpenTelemetry SDK instance whose resource names the node,
 * sampling as configured and exporting finished spans in batches over OTLP/HTTP. It is never made
 * the global instance: a test JVM or {@code godfs dev} runs several nodes, each with its own. The
 * edge adapters see only the {@link OpenTelemetry} API it hands out; {@link #OFF} hands out the
 * no-op one, which costs nothing. Only W3C trace context is propagated, no baggage: a caller could
 * otherwise put arbitrary data into every hop.
 */
public final class NodeTracing implements AutoCloseable {
  /** Tracing off: the API's no-op instance. */
  public static final NodeTracing OFF = new NodeTracing(OpenTelemetry.noop(), null);

  private final OpenTelemetry api;
  private final OpenTelemetrySdk sdk;

  private NodeTracing(OpenTelemetry api, OpenTelemetrySdk sdk) {
    this.api = api;
    this.sdk = sdk;
  }

  /** Traces node {@code instanceId} as {@code export} says. */
  public static NodeTracing start(TraceExport export, String instanceId) {
    return start(export, instanceId, exporter(export));
  }

  /** As above, exporting to {@code exporter} (tests: an in-memory one). */
  static NodeTracing start(TraceExport export, String instanceId, SpanExporter exporter) {
    AttributesBuilder resource = Attributes.builder();
    export.resourceAttributes().forEach(resource::put);
    resource.put("service.name", export.serviceName());
    resource.put("service.instance.id", instanceId);
    SdkTracerProvider tracers =
        SdkTracerProvider.builder()
            .setResource(Resource.getDefault().merge(Resource.create(resource.build())))
            .setSampler(sampler(export.sampler(), export.ratio()))
            .addSpanProcessor(
                BatchSpanProcessor.builder(exporter)
                    .setScheduleDelay(export.scheduleDelay())
                    .build())
            .build();
    OpenTelemetrySdk sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(tracers)
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();
    return new NodeTracing(sdk, sdk);
  }

  /** What the edge adapters trace with. */
  public OpenTelemetry openTelemetry() {
    return api;
  }

  /** Whether spans are recorded at all. */
  public boolean on() {
    return sdk != null;
  }

  static Sampler sampler(String name, double ratio) {
    return switch (name) {
      case "always_on" -> Sampler.alwaysOn();
      case "always_off" -> Sampler.alwaysOff();
      case "traceidratio" -> Sampler.traceIdRatioBased(ratio);
      case "parentbased_always_on" -> Sampler.parentBased(Sampler.alwaysOn());
      case "parentbased_always_off" -> Sampler.parentBased(Sampler.alwaysOff());
      case "parentbased_traceidratio" -> Sampler.parentBased(Sampler.traceIdRatioBased(ratio));
      default ->
          throw new IllegalArgumentException(
              "sampler : " + name + " (expected: one of " + TraceExport.SAMPLERS + ")");
    };
  }

  private static SpanExporter exporter(TraceExport export) {
    String endpoint = export.endpoint().toString();
    String path = export.endpoint().getPath();
    if (path == null || path.isEmpty() || path.equals("/")) {
      endpoint = endpoint.replaceAll("/$", "") + "/v1/traces";
    }
    OtlpHttpSpanExporterBuilder builder =
        OtlpHttpSpanExporter.builder().setEndpoint(endpoint).setTimeout(Duration.ofSeconds(10));
    export.headers().forEach(builder::addHeader);
    export.trustedCertificate().ifPresent(ca -> builder.setTrustedCertificates(read(ca)));
    if (export.clientCertificate().isPresent()) {
      builder.setClientTls(
          read(export.clientKey().orElseThrow()), read(export.clientCertificate().get()));
    }
    return builder.build();
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Exports what is left (waiting a few seconds at most), then stops. */
  @Override
  public void close() {
    if (sdk != null) {
      sdk.shutdown().join(10, TimeUnit.SECONDS);
    }
  }
}
