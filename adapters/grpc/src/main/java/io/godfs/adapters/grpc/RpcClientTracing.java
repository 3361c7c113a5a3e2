package io.godfs.adapters.grpc;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;

/**
 * A CLIENT span per call made over a {@link ChannelPool}'s channels (ADR 0023), child of whatever
 * span is current where the call starts (a REST request's, a served call's, an SDK operation's),
 * its trace context sent as {@code traceparent} and the current request id as {@code x-request-id},
 * so the server continues the same trace under the same request id. With tracing off the span is a
 * no-op and only the request id travels.
 */
public final class RpcClientTracing implements ClientInterceptor {
  private final RpcTracing tracing;

  public RpcClientTracing(OpenTelemetry openTelemetry) {
    this.tracing = new RpcTracing(openTelemetry);
  }

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(
      MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    Context parent = Context.current();
    Span span =
        tracing
            .tracer
            .spanBuilder(method.getFullMethodName())
            .setParent(parent)
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute("rpc.system", "grpc")
            .setAttribute("rpc.service", method.getServiceName())
            .setAttribute("rpc.method", method.getBareMethodName())
            .startSpan();
    String requestId = Baggage.fromContext(parent).getEntryValue(RpcTracing.REQUEST_ID);
    if (requestId != null) {
      span.setAttribute(RpcTracing.REQUEST_ID, requestId);
    }
    Context context = parent.with(span);
    return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
      @Override
      public void start(Listener<R> listener, Metadata headers) {
        tracing.propagator.inject(context, headers, RpcTracing.SETTER);
        if (requestId != null) {
          headers.put(RpcTracing.X_REQUEST_ID, requestId);
        }
        super.start(
            new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
              @Override
              public void onClose(Status status, Metadata trailers) {
                span.setAttribute("rpc.grpc.status_code", status.getCode().value());
                if (!status.isOk()) {
                  span.setStatus(StatusCode.ERROR, status.getCode().name());
                }
                span.end();
                super.onClose(status, trailers);
              }
            },
            headers);
      }
    };
  }
}
