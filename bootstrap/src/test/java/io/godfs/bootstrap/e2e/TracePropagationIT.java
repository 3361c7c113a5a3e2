package io.godfs.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.adapters.telemetry.NodeTracing;
import io.godfs.adapters.telemetry.TraceExport;
import io.godfs.application.client.ClientSettings;
import io.godfs.application.port.out.ClientIoMeter;
import io.godfs.application.port.out.RpcMeter;
import io.godfs.bootstrap.config.DevConfig;
import io.godfs.bootstrap.e2e.OtlpReceiver.Received;
import io.godfs.bootstrap.wiring.DevCluster;
import io.godfs.client.CredentialsFile;
import io.godfs.client.GodfsClient;
import io.godfs.domain.file.DfsPath;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 23's tracing test: a secured dev cluster whose nodes export their spans over OTLP/HTTP to a
 * real receiver in this process. One PUT through the gateway is one trace: the gateway's SERVER
 * span, its calls to the Ratis masters and their SERVER spans with their Raft commits as children,
 * and the write pipeline's three hops, each hop's SERVER span the child of the previous hop's
 * CLIENT span; every span carries the request id the gateway answered with. A caller's {@code
 * traceparent} is continued. An SDK client that traces makes its create, written in pieces and
 * closed, one trace under one request id.
 */
class TracePropagationIT {
  private static final String WRITE_CHUNK = "godfs.api.v1.ChunkService/WriteChunk";

  @TempDir Path dir;

  @Test
  void aPutThroughTheGatewayIsOneTraceDownToTheLastHop() throws Exception {
    try (OtlpReceiver receiver = new OtlpReceiver()) {
      TraceExport export =
          new TraceExport(
              URI.create(receiver.endpoint()),
              "godfs",
              Map.of(),
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              "parentbased_always_on",
              1.0,
              Map.of(),
              Duration.ofMillis(100));
      DevConfig config =
          new DevConfig(dir.resolve("data"), "127.0.0.1", 0, 0, 3, 1 << 20, 3, 0, 1)
              .withSecurity(new DevConfig.Security(true, dir.resolve("credentials")))
              .withWatch(
                  new DevConfig.Watch(
                      DevConfig.Watch.NO_METRICS, Duration.ofSeconds(30), Optional.of(export)));
      try (DevCluster dev = DevCluster.start(config);
          HttpClient http =
              HttpClient.newBuilder()
                  .sslContext(
                      RestProbe.context(dev.authorityFile().orElseThrow(), Optional.empty()))
                  .build()) {
        String key = Files.readString(dev.adminKeyFile().orElseThrow()).strip();
        byte[] body = new byte[300_000];
        new Random(8).nextBytes(body);
        HttpResponse<String> put =
            http.send(
                HttpRequest.newBuilder(
                        URI.create(
                            "https://127.0.0.1:"
                                + dev.gatewayPort()
                                + "/v1/fs/content?path=/traced.bin"))
                    .header("Authorization", "Bearer " + key)
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isBetween(200, 299);
        String requestId = put.headers().firstValue("X-Request-ID").orElseThrow();

        Waits.until(
            Duration.ofSeconds(30),
            "the PUT's trace: the REST span, the master's commit, three WriteChunk hops",
            () -> {
              List<Received> trace = trace(receiver, requestId);
              return trace.stream().filter(TracePropagationIT::isHop).count() == 3
                  && trace.stream()
                      .anyMatch(
                          s ->
                              s.service().equals("godfs-gateway")
                                  && s.kind() == SpanKind.SPAN_KIND_SERVER)
                  && trace.stream()
                      .anyMatch(
                          s ->
                              s.service().equals("godfs-master")
                                  && s.name().endsWith("/CommitChunk"));
            });
        List<Received> trace = trace(receiver, requestId);
        Received rest =
            single(
                trace,
                s -> s.service().equals("godfs-gateway") && s.kind() == SpanKind.SPAN_KIND_SERVER);
        assertThat(rest.name()).isEqualTo("PUT /v1/fs/content");
        assertThat(trace).extracting(Received::traceId).containsOnly(rest.traceId());
        assertThat(trace)
            .filteredOn(s -> s.service().equals("godfs-master"))
            .extracting(Received::name)
            .anyMatch(n -> n.endsWith("/AllocateChunk"))
            .anyMatch(n -> n.endsWith("/CommitChunk"));
        // hop 0's caller is the gateway; each later hop's caller is the hop before it.
        Received hop = hopCalledFrom(trace, rest);
        for (int i = 1; i < 3; i++) {
          hop = hopCalledFrom(trace, hop);
        }
        assertThat(trace)
            .allSatisfy(
                s -> assertThat(s.attributes()).containsEntry("godfs.request_id", requestId));

        // The masters' audit trail names the same operation beside each call's own id.
        Path audit = dir.resolve("data/security/audit.log");
        Waits.until(
            Duration.ofSeconds(30),
            "an audit line naming the PUT's request id",
            () -> {
              try {
                return Files.exists(audit)
                    && Files.readString(audit).contains("\"x_request_id\":\"" + requestId + "\"");
              } catch (IOException e) {
                return false;
              }
            });

        // A caller's own trace is continued.
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        HttpResponse<String> stat =
            http.send(
                HttpRequest.newBuilder(
                        URI.create(
                            "https://127.0.0.1:"
                                + dev.gatewayPort()
                                + "/v1/fs/stat?path=/traced.bin"))
                    .header("Authorization", "Bearer " + key)
                    .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(stat.statusCode()).isEqualTo(200);
        Waits.until(
            Duration.ofSeconds(30),
            "the stat's gateway and master spans in the caller's trace",
            () ->
                !callersGatewaySpans(receiver, traceId).isEmpty()
                    && receiver.spans().stream()
                        .anyMatch(
                            s ->
                                s.traceId().equals(traceId) && s.service().equals("godfs-master")));
        assertThat(callersGatewaySpans(receiver, traceId))
            .singleElement()
            .satisfies(s -> assertThat(s.parentSpanId()).isEqualTo("00f067aa0ba902b7"));

        // An SDK client that traces: its create, written in pieces and closed, is one trace too.
        try (NodeTracing clientTracing = NodeTracing.start(export.named("godfs-client"), "app");
            GodfsClient sdk =
                GodfsClient.connect(
                    dev.masterAddresses(),
                    ClientSettings.DEFAULTS,
                    Optional.of(key),
                    Optional.of(CredentialsFile.trusting(dev.authorityFile().orElseThrow())),
                    RpcMeter.NONE,
                    ClientIoMeter.NONE,
                    clientTracing.openTelemetry())) {
          try (OutputStream out = sdk.create(DfsPath.of("/sdk-traced.bin"), true)) {
            out.write(body, 0, 100_000);
            out.write(body, 100_000, body.length - 100_000);
          }
        }
        Waits.until(
            Duration.ofSeconds(30),
            "the SDK's create as one trace down to three hops",
            () -> {
              List<Received> spans = sdkTrace(receiver);
              return spans.stream().filter(TracePropagationIT::isHop).count() == 3
                  && spans.stream()
                      .anyMatch(
                          s ->
                              s.service().equals("godfs-master")
                                  && s.name().endsWith("/CommitChunk"))
                  && spans.stream().anyMatch(s -> s.name().equals("godfs.create"));
            });
        List<Received> sdkTrace = sdkTrace(receiver);
        Received create =
            single(
                sdkTrace,
                s -> s.service().equals("godfs-client") && s.name().equals("godfs.create"));
        assertThat(sdkTrace)
            .filteredOn(s -> s.service().equals("godfs-master"))
            .extracting(Received::name)
            .anyMatch(n -> n.endsWith("/CreateFile"))
            .anyMatch(n -> n.endsWith("/CommitChunk"));
        String sdkRequestId = create.attributes().get("godfs.request_id");
        assertThat(sdkTrace)
            .allSatisfy(
                s -> assertThat(s.attributes()).containsEntry("godfs.request_id", sdkRequestId));
      }
    }
  }

  /** Every span of the trace whose root is the SDK's {@code godfs.create}. */
  private static List<Received> sdkTrace(OtlpReceiver receiver) {
    return receiver.spans().stream()
        .filter(s -> s.name().equals("godfs.create"))
        .map(Received::traceId)
        .findFirst()
        .map(id -> receiver.spans().stream().filter(s -> s.traceId().equals(id)).toList())
        .orElse(List.of());
  }

  private static List<Received> callersGatewaySpans(OtlpReceiver receiver, String traceId) {
    return receiver.spans().stream()
        .filter(
            s ->
                s.traceId().equals(traceId)
                    && s.service().equals("godfs-gateway")
                    && s.kind() == SpanKind.SPAN_KIND_SERVER)
        .toList();
  }

  private static boolean isHop(Received span) {
    return span.service().equals("godfs-chunkserver")
        && span.kind() == SpanKind.SPAN_KIND_SERVER
        && span.name().equals(WRITE_CHUNK);
  }

  /** The WriteChunk hop whose CLIENT span's parent is {@code caller}. */
  private static Received hopCalledFrom(List<Received> trace, Received caller) {
    Received client =
        single(
            trace,
            s ->
                s.kind() == SpanKind.SPAN_KIND_CLIENT
                    && s.name().equals(WRITE_CHUNK)
                    && s.parentSpanId().equals(caller.spanId()));
    return single(trace, s -> isHop(s) && s.parentSpanId().equals(client.spanId()));
  }

  private static List<Received> trace(OtlpReceiver receiver, String requestId) {
    Optional<String> traceId =
        receiver.spans().stream()
            .filter(s -> requestId.equals(s.attributes().get("godfs.request_id")))
            .filter(s -> s.service().equals("godfs-gateway"))
            .map(Received::traceId)
            .findFirst();
    return traceId
        .map(id -> receiver.spans().stream().filter(s -> s.traceId().equals(id)).toList())
        .orElse(List.of());
  }

  private static Received single(List<Received> spans, Predicate<Received> p) {
    List<Received> found = spans.stream().filter(p).toList();
    assertThat(found).as("exactly one matching span among %s", spans).hasSize(1);
    return found.getFirst();
  }
}
