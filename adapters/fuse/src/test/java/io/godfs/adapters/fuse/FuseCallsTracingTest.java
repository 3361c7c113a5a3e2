package io.godfs.adapters.fuse;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.port.out.MountMeter;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A traced mount makes every FUSE callback a span {@code fuse.<op>} (ADR 0023), current while it
 * runs, with a request id of its own that the calls it makes see; a refused callback is an error
 * naming its errno; the path, user data, is never an attribute.
 */
class FuseCallsTracingTest {
  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final OpenTelemetrySdk otel =
      OpenTelemetrySdk.builder()
          .setTracerProvider(
              SdkTracerProvider.builder()
                  .addSpanProcessor(SimpleSpanProcessor.create(spans))
                  .build())
          .build();

  @AfterEach
  void close() {
    otel.close();
  }

  @Test
  void eachCallbackIsASpanWithItsOwnRequestId() {
    FuseCalls calls = new FuseCalls(MountMeter.NONE, otel);
    AtomicReference<String> seen = new AtomicReference<>();
    AtomicReference<Boolean> spanCurrent = new AtomicReference<>();

    int ok =
        calls.run(
            "mkdir",
            "/secret-dir",
            () -> {
              seen.set(Baggage.current().getEntryValue("godfs.request_id"));
              spanCurrent.set(Span.current().getSpanContext().isValid());
              return 0;
            });
    int refused = calls.run("getattr", "/secret-file", () -> -Errno.ENOENT);

    assertThat(ok).isZero();
    assertThat(refused).isEqualTo(-Errno.ENOENT);
    List<SpanData> finished = spans.getFinishedSpanItems();
    assertThat(finished)
        .extracting(SpanData::getName)
        .containsExactly("fuse.mkdir", "fuse.getattr");
    SpanData mkdir = finished.get(0);
    assertThat(spanCurrent.get()).isTrue();
    assertThat(seen.get())
        .matches("[0-9a-f]{16}")
        .isEqualTo(mkdir.getAttributes().get(AttributeKey.stringKey("godfs.request_id")));
    assertThat(finished.get(1).getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(finished.get(1).getStatus().getDescription()).isEqualTo("ENOENT");
    assertThat(finished.get(1).getAttributes().get(AttributeKey.stringKey("godfs.request_id")))
        .isNotEqualTo(seen.get());
    assertThat(finished.toString()).doesNotContain("secret");
  }
}
