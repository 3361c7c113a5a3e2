package io.godfs.adapters.grpc;

import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A SERVER span per call a gRPC server serves (ADR 0023), child of the caller's span when its
 * {@code traceparent} says so, named {@code service/method}, with the request id ({@code
 * x-request-id}, made here when the caller sent none) and the per-call idempotency tag as
 * attributes. The span and the request id are current in <em>every</em> callback of the call, not
 * only when it starts: a stream's messages arrive on other threads, and the calls a handler makes
 * (a pipeline's next hop) are then the span's children. Outermost but for the meter, so the
 * refusals of the inner interceptors are spans too.
 */
public final class RpcServerTracing implements ServerInterceptor {
  private final RpcTracing tracing;

  public RpcServerTracing(OpenTelemetry openTelemetry) {
    this.tracing = new RpcTracing(openTelemetry);
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    MethodDescriptor<Q, R> method = call.getMethodDescriptor();
    Context parent = tracing.propagator.extract(Context.root(), headers, RpcTracing.GETTER);
    String requestId = RpcTracing.keptOrNew(headers.get(RpcTracing.X_REQUEST_ID));
    Span span =
        tracing
            .tracer
            .spanBuilder(method.getFullMethodName())
            .setParent(parent)
            .setSpanKind(SpanKind.SERVER)
            .setAttribute("rpc.system", "grpc")
            .setAttribute("rpc.service", method.getServiceName())
            .setAttribute("rpc.method", method.getBareMethodName())
            .setAttribute(RpcTracing.REQUEST_ID, requestId)
            .startSpan();
    String callId = headers.get(CallerInterceptor.REQUEST_ID);
    if (callId != null) {
      span.setAttribute("godfs.call_id", callId);
    }
    Context context = RpcTracing.withBaggage(parent.with(span), RpcTracing.REQUEST_ID, requestId);
    AtomicBoolean ended = new AtomicBoolean();
    ServerCall<Q, R> traced =
        new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
          @Override
          public void close(Status status, Metadata trailers) {
            end(span, ended, status);
            super.close(status, trailers);
          }
        };
    ServerCall.Listener<Q> inner;
    try (Scope ignored = context.makeCurrent()) {
      inner = next.startCall(traced, headers);
    } catch (RuntimeException e) {
      end(span, ended, Status.fromThrowable(e));
      throw e;
    }
    return RpcTracing.inContext(context, inner, () -> end(span, ended, Status.CANCELLED));
  }

  private static void end(Span span, AtomicBoolean ended, Status status) {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    span.setAttribute("rpc.grpc.status_code", status.getCode().value());
    if (!status.isOk()) {
      span.setStatus(StatusCode.ERROR, status.getCode().name());
    }
    span.end();
  }
}
