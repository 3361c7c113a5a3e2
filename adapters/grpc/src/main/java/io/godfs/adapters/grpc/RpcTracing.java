package io.godfs.adapters.grpc;

import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * What the gRPC tracing interceptors share (ADR 0023): the tracer, W3C trace context in the call's
 * metadata, and the request id, which travels as the {@code x-request-id} header between processes
 * and as the {@link #REQUEST_ID} baggage entry of the OpenTelemetry {@link Context} inside one (no
 * baggage propagator runs, so baggage never leaves the process). The principal travels in-process
 * as {@link #PRINCIPAL}, for the log lines.
 */
final class RpcTracing {
  /** The seed's header for the request id of a client operation. */
  static final Metadata.Key<String> X_REQUEST_ID =
      Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER);

  static final String REQUEST_ID = "godfs.request_id";
  static final String PRINCIPAL = "godfs.principal";

  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  static final TextMapGetter<Metadata> GETTER =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Metadata carrier) {
          return carrier.keys();
        }

        @Override
        public String get(Metadata carrier, String key) {
          return carrier == null
              ? null
              : carrier.get(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER));
        }
      };

  static final TextMapSetter<Metadata> SETTER =
      (carrier, key, value) ->
          carrier.put(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER), value);

  final Tracer tracer;
  final TextMapPropagator propagator;

  RpcTracing(OpenTelemetry openTelemetry) {
    this.tracer = openTelemetry.getTracer("io.godfs.grpc");
    this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
  }

  /** The caller's request id when it is sane (1-128 of {@code [A-Za-z0-9._:-]}), else a new one. */
  static String keptOrNew(String given) {
    if (given != null && SANE.matcher(given).matches()) {
      return given;
    }
    return newId();
  }

  /**
   * Starts a call's inner handling with {@code principal} (the authenticated caller's name) named
   * on the current span and current as baggage in every callback, for the log lines (ADR 0023).
   */
  static <Q> ServerCall.Listener<Q> asPrincipal(
      String principal, Supplier<ServerCall.Listener<Q>> start) {
    Span.current().setAttribute("enduser.id", principal);
    Context context = withBaggage(Context.current(), PRINCIPAL, principal);
    ServerCall.Listener<Q> inner;
    try (Scope ignored = context.makeCurrent()) {
      inner = start.get();
    }
    return inContext(context, inner, () -> {});
  }

  /**
   * {@code inner} with {@code context} current in each of its callbacks (a stream's arrive on other
   * threads than its start), and {@code cancelled} run after a cancellation.
   */
  static <Q> ServerCall.Listener<Q> inContext(
      Context context, ServerCall.Listener<Q> inner, Runnable cancelled) {
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(inner) {
      @Override
      public void onMessage(Q message) {
        try (Scope ignored = context.makeCurrent()) {
          super.onMessage(message);
        }
      }

      @Override
      public void onHalfClose() {
        try (Scope ignored = context.makeCurrent()) {
          super.onHalfClose();
        }
      }

      @Override
      public void onCancel() {
        try (Scope ignored = context.makeCurrent()) {
          super.onCancel();
        } finally {
          cancelled.run();
        }
      }

      @Override
      public void onComplete() {
        try (Scope ignored = context.makeCurrent()) {
          super.onComplete();
        }
      }

      @Override
      public void onReady() {
        try (Scope ignored = context.makeCurrent()) {
          super.onReady();
        }
      }
    };
  }

  /**
   * A new request id: 16 hex characters. A correlation id, not a secret, so the thread's own
   * generator serves (a shared SecureRandom would be a lock on every operation).
   */
  static String newId() {
    return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
  }

  /** {@code context} with {@code key} set to {@code value} in its baggage. */
  static Context withBaggage(Context context, String key, String value) {
    return context.with(Baggage.fromContext(context).toBuilder().put(key, value).build());
  }
}
