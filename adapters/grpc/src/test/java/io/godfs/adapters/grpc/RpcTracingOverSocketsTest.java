package io.godfs.adapters.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.api.v1.ClusterInfo;
import io.godfs.api.v1.GetClusterInfoRequest;
import io.godfs.api.v1.MasterServiceGrpc;
import io.godfs.application.port.out.RpcMeter;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Traces across real gRPC sockets (ADR 0023): a call's SERVER span is the child of the caller's
 * CLIENT span in one trace, a call the handler makes onward (a pipeline's next hop) continues that
 * trace, the request id travels as {@code x-request-id} and is current on the server, and a failed
 * call's spans say so.
 */
@Timeout(60)
class RpcTracingOverSocketsTest {
  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final OpenTelemetrySdk otel =
      OpenTelemetrySdk.builder()
          .setTracerProvider(
              SdkTracerProvider.builder()
                  .addSpanProcessor(SimpleSpanProcessor.create(spans))
                  .build())
          .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
          .build();
  private final ChannelPool channels =
      new ChannelPool(Optional.empty(), Optional.empty(), RpcMeter.NONE, otel);
  private final List<GrpcServerHandle> servers = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    channels.close();
    servers.forEach(GrpcServerHandle::close);
    otel.close();
  }

  @Test
  void aCallAndTheCallItMakesOnwardAreOneTraceUnderOneRequestId() {
    AtomicReference<String> seenRequestId = new AtomicReference<>();
    String last = serve(info(() -> ClusterInfo.newBuilder().setLiveNodes(3).build()));
    String first =
        serve(
            info(
                () -> {
                  seenRequestId.set(
                      Baggage.current().getEntryValue(RpcTracing.REQUEST_ID)); // as logs read it
                  return clusterInfo(last); // the next hop, from inside the served call
                }));

    Context operation = RpcTracing.withBaggage(Context.root(), RpcTracing.REQUEST_ID, "op-42");
    try (Scope ignored = operation.makeCurrent()) {
      assertThat(clusterInfo(first).getLiveNodes()).isEqualTo(3);
    }

    List<SpanData> finished = spans.getFinishedSpanItems();
    assertThat(finished).hasSize(4);
    assertThat(finished)
        .extracting(SpanData::getTraceId)
        .containsOnly(finished.get(0).getTraceId());
    SpanData outerClient = only(finished, SpanKind.CLIENT, null);
    SpanData firstServer = only(finished, SpanKind.SERVER, outerClient.getSpanId());
    SpanData hopClient = only(finished, SpanKind.CLIENT, firstServer.getSpanId());
    SpanData lastServer = only(finished, SpanKind.SERVER, hopClient.getSpanId());
    assertThat(lastServer.getName()).isEqualTo("godfs.api.v1.MasterService/GetClusterInfo");
    assertThat(
            List.of(outerClient, firstServer, hopClient, lastServer).stream()
                .map(s -> s.getAttributes().asMap().get(attribute(RpcTracing.REQUEST_ID)))
                .toList())
        .containsOnly("op-42");
    assertThat(seenRequestId.get()).isEqualTo("op-42");
  }

  @Test
  void aServerMakesARequestIdWhenTheCallerSentNoneAndAFailureIsAnError() {
    String failing =
        serve(
            info(
                () -> {
                  throw Status.NOT_FOUND.withDescription("nothing here").asRuntimeException();
                }));

    assertThatThrownBy(() -> clusterInfo(failing)).isInstanceOf(StatusRuntimeException.class);

    List<SpanData> finished = spans.getFinishedSpanItems();
    SpanData server = only(finished, SpanKind.SERVER, null);
    assertThat(server.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(server.getAttributes().asMap().get(attribute(RpcTracing.REQUEST_ID)).toString())
        .matches("[0-9a-f]{16}");
    assertThat(only(finished, SpanKind.CLIENT, null).getStatus().getStatusCode())
        .isEqualTo(StatusCode.ERROR);
  }

  private static AttributeKey<String> attribute(String name) {
    return AttributeKey.stringKey(name);
  }

  /** The one span of {@code kind} whose parent is {@code parentSpanId} (null: a root or remote). */
  private static SpanData only(List<SpanData> spans, SpanKind kind, String parentSpanId) {
    List<SpanData> found =
        spans.stream()
            .filter(s -> s.getKind() == kind)
            .filter(
                s ->
                    parentSpanId == null
                        ? !s.getParentSpanContext().isValid() || s.getParentSpanContext().isRemote()
                        : s.getParentSpanId().equals(parentSpanId))
            .toList();
    assertThat(found).as("%s spans under %s in %s", kind, parentSpanId, spans).hasSize(1);
    return found.getFirst();
  }

  private ClusterInfo clusterInfo(String address) {
    return MasterServiceGrpc.newBlockingStub(channels.channel(address))
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .getClusterInfo(GetClusterInfoRequest.getDefaultInstance());
  }

  interface Answer {
    ClusterInfo get();
  }

  private static MasterServiceGrpc.MasterServiceImplBase info(Answer answer) {
    return new MasterServiceGrpc.MasterServiceImplBase() {
      @Override
      public void getClusterInfo(GetClusterInfoRequest r, StreamObserver<ClusterInfo> out) {
        ClusterInfo info;
        try {
          info = answer.get();
        } catch (StatusRuntimeException e) {
          out.onError(e);
          return;
        }
        out.onNext(info);
        out.onCompleted();
      }
    };
  }

  private String serve(MasterServiceGrpc.MasterServiceImplBase service) {
    GrpcServerHandle server =
        GrpcServerHandle.start(
            "127.0.0.1",
            0,
            List.of(service),
            List.of(),
            Set.of(),
            new CallerInterceptor(CallerInterceptor.NO_AUTHENTICATION),
            Optional.empty(),
            RpcMeter.NONE,
            otel);
    servers.add(server);
    return "127.0.0.1:" + server.port();
  }
}
