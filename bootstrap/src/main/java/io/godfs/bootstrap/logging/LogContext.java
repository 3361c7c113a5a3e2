package io.godfs.bootstrap.logging;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.util.Optional;

/**
 * What a log line says about the call it was logged in, read from the current OpenTelemetry {@code
 * Context}: the edges (gRPC, REST) make one current while they serve a call, with the request id
 * and the principal as baggage entries and the call's span. Lines logged outside any call carry
 * none. Only these two entries are read: the rest of the baggage may hold what a log must not.
 *
 * @param requestId the call's request id ({@code x-request-id}), if known
 * @param principal who made the call, if known
 * @param traceId the current span's trace id, if the span is valid
 * @param spanId the current span's id, if the span is valid
 */
record LogContext(
    Optional<String> requestId,
    Optional<String> principal,
    Optional<String> traceId,
    Optional<String> spanId) {
  /** The baggage entry the edges put the request id in. */
  static final String REQUEST_ID = "godfs.request_id";

  /** The baggage entry the edges put the authenticated principal in. */
  static final String PRINCIPAL = "godfs.principal";

  static final LogContext NONE =
      new LogContext(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  /** The fields of the context current on this thread. */
  static LogContext current() {
    Baggage baggage = Baggage.current();
    SpanContext span = Span.current().getSpanContext();
    boolean valid = span.isValid();
    return new LogContext(
        entry(baggage, REQUEST_ID),
        entry(baggage, PRINCIPAL),
        valid ? Optional.of(span.getTraceId()) : Optional.empty(),
        valid ? Optional.of(span.getSpanId()) : Optional.empty());
  }

  private static Optional<String> entry(Baggage baggage, String key) {
    return Optional.ofNullable(baggage.getEntryValue(key)).filter(v -> !v.isEmpty());
  }
}
