package io.godfs.adapters.grpc;

import io.godfs.application.port.out.RpcMeter;
import io.godfs.application.port.out.RpcMeter.MethodMeter;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records every call a process makes over a {@link ChannelPool}'s channels into an {@link RpcMeter}
 * (ADR 0023, the {@code grpc_client_*} families): started, each message out and in, and the end
 * with the status the caller saw and the time. Outermost on the channel, so a call refused before
 * it leaves (a TLS refusal, a deadline already past) is counted with its code too.
 */
public final class RpcClientMetering implements ClientInterceptor {
  private final RpcMeter meter;
  private final Map<String, MethodMeter> methods = new ConcurrentHashMap<>();

  public RpcClientMetering(RpcMeter meter) {
    this.meter = meter;
  }

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(
      MethodDescriptor<Q, R> descriptor, CallOptions options, Channel next) {
    MethodMeter method =
        methods.computeIfAbsent(
            descriptor.getFullMethodName(),
            name ->
                meter.method(
                    RpcMeter.Side.CLIENT,
                    descriptor.getServiceName(),
                    descriptor.getBareMethodName(),
                    RpcMetering.kind(descriptor.getType())));
    return new ForwardingClientCall.SimpleForwardingClientCall<>(
        next.newCall(descriptor, options)) {
      @Override
      public void start(Listener<R> listener, Metadata headers) {
        long start = System.nanoTime();
        method.started();
        super.start(
            new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
              @Override
              public void onMessage(R message) {
                method.received();
                super.onMessage(message);
              }

              @Override
              public void onClose(Status status, Metadata trailers) {
                // gRPC calls onClose exactly once per started call, cancellations included.
                method.ended(status.getCode().name(), System.nanoTime() - start);
                super.onClose(status, trailers);
              }
            },
            headers);
      }

      @Override
      public void sendMessage(Q message) {
        method.sent();
        super.sendMessage(message);
      }
    };
  }
}
