package io.godfs.adapters.metadataratis;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.fake.Callers;
import io.godfs.application.port.out.MetadataMeter;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.NamespaceCommand;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mutation submitted while a call's span is current is a {@code raft.commit} span, its child,
 * with the call's request id, from submit to the result (ADR 0023); background mutations, with no
 * span current, are not traced. Three real Ratis masters.
 */
class RaftCommitSpanTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path dir;
  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final OpenTelemetrySdk otel =
      OpenTelemetrySdk.builder()
          .setTracerProvider(
              SdkTracerProvider.builder()
                  .addSpanProcessor(SimpleSpanProcessor.create(spans))
                  .build())
          .build();
  private RatisGroup group;

  @AfterEach
  void close() {
    if (group != null) {
      group.close();
    }
    otel.close();
  }

  @Test
  void aCallsCommitIsItsChildAndABackgroundOneIsNotTraced() {
    group = new RatisGroup(3, dir, UnaryOperator.identity(), MetadataMeter.NONE, otel);
    RatisMetadataStore store = group.store(group.awaitServingLeader(Duration.ofSeconds(20)));

    store
        .execute(
            new NamespaceCommand.Mkdir(DfsPath.of("/background"), false, T0), Callers.ANONYMOUS)
        .orThrow();
    assertThat(spans.getFinishedSpanItems()).isEmpty();

    Span call = otel.getTracer("test").spanBuilder("the call").startSpan();
    Context context =
        Context.current()
            .with(call)
            .with(Baggage.builder().put("godfs.request_id", "req-5").build());
    try (Scope ignored = context.makeCurrent()) {
      store
          .execute(new NamespaceCommand.Mkdir(DfsPath.of("/served"), false, T0), Callers.ANONYMOUS)
          .orThrow();
    } finally {
      call.end();
    }

    List<SpanData> finished = spans.getFinishedSpanItems();
    SpanData commit =
        finished.stream().filter(s -> s.getName().equals("raft.commit")).findFirst().orElseThrow();
    assertThat(commit.getParentSpanId()).isEqualTo(call.getSpanContext().getSpanId());
    assertThat(commit.getTraceId()).isEqualTo(call.getSpanContext().getTraceId());
    assertThat(commit.getAttributes().get(AttributeKey.stringKey("godfs.request_id")))
        .isEqualTo("req-5");
    assertThat(finished).extracting(SpanData::getName).containsOnlyOnce("raft.commit");
  }
}
