package io.godfs.adapters.grpc;

import io.godfs.application.port.out.RpcMeter;
import io.godfs.application.port.out.RpcMeter.MethodMeter;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Records every call a gRPC server serves into an {@link RpcMeter} (ADR 0023): started, each
 * message in and out, and the end with its status code and time. Outermost in the server's chain,
 * so calls the other interceptors refuse (no credential, not the leader) are counted with their
 * codes too. A call the client cancels ends as {@code CANCELLED}.
 */
public final class RpcMetering implements ServerInterceptor {
  private final RpcMeter meter;
  private final Map<String, MethodMeter> methods = new ConcurrentHashMap<>();

  public RpcMetering(RpcMeter meter) {
    this.meter = meter;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    MethodDescriptor<Q, R> descriptor = call.getMethodDescriptor();
    MethodMeter method =
        methods.computeIfAbsent(
            descriptor.getFullMethodName(),
            name ->
                meter.method(
                    RpcMeter.Side.SERVER,
                    descriptor.getServiceName(),
                    descriptor.getBareMethodName(),
                    kind(descriptor.getType())));
    long start = System.nanoTime();
    AtomicBoolean ended = new AtomicBoolean();
    method.started();
    ServerCall<Q, R> measured =
        new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
          @Override
          public void sendMessage(R message) {
            method.sent();
            super.sendMessage(message);
          }

          @Override
          public void close(Status status, Metadata trailers) {
            if (ended.compareAndSet(false, true)) {
              method.ended(status.getCode().name(), System.nanoTime() - start);
            }
            super.close(status, trailers);
          }
        };
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(
        next.startCall(measured, headers)) {
      @Override
      public void onMessage(Q message) {
        method.received();
        super.onMessage(message);
      }

      @Override
      public void onCancel() {
        if (ended.compareAndSet(false, true)) {
          method.ended(Status.Code.CANCELLED.name(), System.nanoTime() - start);
        }
        super.onCancel();
      }
    };
  }

  /** go-grpc-prometheus' names for a method's type. */
  static String kind(MethodDescriptor.MethodType type) {
    return switch (type) {
      case UNARY -> "unary";
      case CLIENT_STREAMING -> "client_stream";
      case SERVER_STREAMING -> "server_stream";
      case BIDI_STREAMING -> "bidi_stream";
      case UNKNOWN -> type.name().toLowerCase(Locale.ROOT);
    };
  }
}
