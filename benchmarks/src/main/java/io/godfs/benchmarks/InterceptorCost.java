package io.godfs.benchmarks;

import io.godfs.adapters.grpc.RpcClientMetering;
import io.godfs.adapters.grpc.RpcClientTracing;
import io.godfs.adapters.grpc.RpcMetering;
import io.godfs.adapters.grpc.RpcServerTracing;
import io.godfs.adapters.telemetry.NodeMetrics;
import io.godfs.adapters.telemetry.NodeTracing;
import io.godfs.adapters.telemetry.TraceExport;
import io.godfs.bootstrap.config.Build;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.api.OpenTelemetry;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The noise-free half of {@code godfs bench-observability}: what goDFS's gRPC interceptors cost per
 * call and per message, with nothing else around them. Each side runs its real interceptors ({@code
 * RpcMetering} and {@code RpcServerTracing} on a server, the {@code ChannelPool}'s metering and
 * tracing on a client) in front of a call that answers at once, in memory, on one thread: no
 * transport, no serialisation. Three modes as in the clusters: off (the tracing interceptors with
 * the no-op API, as every node has them), metrics, and metrics with tracing sampled at 1 %
 * exporting to {@code receiver}.
 */
final class InterceptorCost {
  private static final int CALLS = 100_000;
  private static final int MESSAGES = 1_000;
  private static final int STREAMS = 100;
  private static final int ROUNDS = 7;
  private static final byte[] EMPTY = new byte[0];
  private static final MethodDescriptor<byte[], byte[]> UNARY = method("Ping", true);
  private static final MethodDescriptor<byte[], byte[]> STREAM = method("Pipe", false);

  /** Medians in ns: per unary call and per message (one sent and one received), each side. */
  record Figures(double clientCall, double serverCall, double clientMessage, double serverMessage) {
    Figures minus(Figures off) {
      return new Figures(
          clientCall - off.clientCall,
          serverCall - off.serverCall,
          clientMessage - off.clientMessage,
          serverMessage - off.serverMessage);
    }
  }

  private InterceptorCost() {}

  /** Off, metrics, metrics + tracing, in that order. */
  static List<Figures> measure(TraceExport export) {
    NodeTracing clientTracing = NodeTracing.start(export.named("godfs-bench-client"), "micro");
    NodeTracing serverTracing = NodeTracing.start(export.named("godfs-bench-server"), "micro");
    try {
      NodeMetrics client = NodeMetrics.of(Build.VERSION, "client", "micro");
      NodeMetrics server = NodeMetrics.of(Build.VERSION, "master", "micro");
      List<Side> modes =
          List.of(
              new Side(
                  List.of(new RpcClientTracing(OpenTelemetry.noop())),
                  List.of(new RpcServerTracing(OpenTelemetry.noop()))),
              new Side(
                  List.of(
                      new RpcClientTracing(OpenTelemetry.noop()),
                      new RpcClientMetering(client.rpc())),
                  List.of(
                      new RpcServerTracing(OpenTelemetry.noop()), new RpcMetering(server.rpc()))),
              new Side(
                  List.of(
                      new RpcClientTracing(clientTracing.openTelemetry()),
                      new RpcClientMetering(client.rpc())),
                  List.of(
                      new RpcServerTracing(serverTracing.openTelemetry()),
                      new RpcMetering(server.rpc()))));
      double[][][] samples = new double[modes.size()][4][ROUNDS];
      for (Side s : modes) {
        s.round(); // warm-up: the JIT compiles every path first
        s.round();
      }
      for (int r = 0; r < ROUNDS; r++) {
        for (int k = 0; k < modes.size(); k++) {
          int m = (r + k) % modes.size();
          double[] one = modes.get(m).round();
          for (int f = 0; f < 4; f++) {
            samples[m][f][r] = one[f];
          }
        }
      }
      List<Figures> figures = new ArrayList<>();
      for (double[][] s : samples) {
        figures.add(
            new Figures(
                CostTable.median(s[0]),
                CostTable.median(s[1]),
                CostTable.median(s[2]),
                CostTable.median(s[3])));
      }
      return figures;
    } finally {
      clientTracing.close();
      serverTracing.close();
    }
  }

  /** One mode: a client channel and a server handler behind their interceptors. */
  private static final class Side {
    private final Channel channel;
    private final ServerCallHandler<byte[], byte[]> unary;
    private final ServerCallHandler<byte[], byte[]> stream;

    @SuppressWarnings("unchecked")
    Side(List<ClientInterceptor> client, List<ServerInterceptor> server) {
      // Listed innermost first: the last one runs first, as when added to a builder in this order.
      channel = ClientInterceptors.intercept(new AnsweringChannel(), client);
      ServerServiceDefinition service =
          ServerInterceptors.intercept(
              ServerServiceDefinition.builder("bench.Micro")
                  .addMethod(
                      UNARY,
                      ServerCalls.asyncUnaryCall(
                          (byte[] request, StreamObserver<byte[]> out) -> {
                            out.onNext(request);
                            out.onCompleted();
                          }))
                  .addMethod(STREAM, ServerCalls.asyncBidiStreamingCall(Echo::new))
                  .build(),
              server);
      unary =
          (ServerCallHandler<byte[], byte[]>)
              service.getMethod(UNARY.getFullMethodName()).getServerCallHandler();
      stream =
          (ServerCallHandler<byte[], byte[]>)
              service.getMethod(STREAM.getFullMethodName()).getServerCallHandler();
    }

    /** ns per client call, per server call, per client message pair, per server message pair. */
    double[] round() {
      ClientCall.Listener<byte[]> ignore = new ClientCall.Listener<>() {};
      long t0 = System.nanoTime();
      for (int i = 0; i < CALLS; i++) {
        ClientCall<byte[], byte[]> call = channel.newCall(UNARY, CallOptions.DEFAULT);
        call.start(ignore, new Metadata());
        call.request(1);
        call.sendMessage(EMPTY);
        call.halfClose();
      }
      long t1 = System.nanoTime();
      for (int i = 0; i < CALLS; i++) {
        ServerCall.Listener<byte[]> listener = unary.startCall(new Answer(UNARY), new Metadata());
        listener.onMessage(EMPTY);
        listener.onHalfClose();
        listener.onComplete();
      }
      long t2 = System.nanoTime();
      for (int s = 0; s < STREAMS; s++) {
        ClientCall<byte[], byte[]> call = channel.newCall(STREAM, CallOptions.DEFAULT);
        call.start(ignore, new Metadata());
        call.request(MESSAGES);
        for (int i = 0; i < MESSAGES; i++) {
          call.sendMessage(EMPTY);
        }
        call.halfClose();
      }
      long t3 = System.nanoTime();
      for (int s = 0; s < STREAMS; s++) {
        ServerCall.Listener<byte[]> listener = stream.startCall(new Answer(STREAM), new Metadata());
        for (int i = 0; i < MESSAGES; i++) {
          listener.onMessage(EMPTY);
        }
        listener.onHalfClose();
        listener.onComplete();
      }
      long t4 = System.nanoTime();
      double messages = (double) STREAMS * MESSAGES;
      return new double[] {
        (t1 - t0) / (double) CALLS,
        (t2 - t1) / (double) CALLS,
        (t3 - t2) / messages,
        (t4 - t3) / messages
      };
    }
  }

  /** A server's echo of each message of a stream. */
  private record Echo(StreamObserver<byte[]> out) implements StreamObserver<byte[]> {
    @Override
    public void onNext(byte[] value) {
      out.onNext(value);
    }

    @Override
    public void onError(Throwable t) {
      out.onError(t);
    }

    @Override
    public void onCompleted() {
      out.onCompleted();
    }
  }

  /** A channel whose calls answer in memory: a unary call's one answer; an echo per message. */
  private static final class AnsweringChannel extends Channel {
    @Override
    public <Q, R> ClientCall<Q, R> newCall(MethodDescriptor<Q, R> method, CallOptions options) {
      return new ClientCall<>() {
        private Listener<R> listener;

        @Override
        public void start(Listener<R> responseListener, Metadata headers) {
          listener = responseListener;
          listener.onHeaders(new Metadata());
        }

        @Override
        public void request(int numMessages) {}

        @Override
        public void cancel(String message, Throwable cause) {}

        @Override
        public void halfClose() {
          if (method.getType() == MethodDescriptor.MethodType.UNARY) {
            listener.onMessage(method.parseResponse(new ByteArrayInputStream(EMPTY)));
          }
          listener.onClose(Status.OK, new Metadata());
        }

        @Override
        public void sendMessage(Q message) {
          if (method.getType() != MethodDescriptor.MethodType.UNARY) {
            listener.onMessage(method.parseResponse(new ByteArrayInputStream(EMPTY)));
          }
        }
      };
    }

    @Override
    public String authority() {
      return "127.0.0.1";
    }
  }

  /** A server call whose transport accepts everything at once. */
  private static final class Answer extends ServerCall<byte[], byte[]> {
    private final MethodDescriptor<byte[], byte[]> method;

    Answer(MethodDescriptor<byte[], byte[]> method) {
      this.method = method;
    }

    @Override
    public void request(int numMessages) {}

    @Override
    public void sendHeaders(Metadata headers) {}

    @Override
    public void sendMessage(byte[] message) {}

    @Override
    public void close(Status status, Metadata trailers) {}

    @Override
    public boolean isCancelled() {
      return false;
    }

    @Override
    public boolean isReady() {
      return true;
    }

    @Override
    public MethodDescriptor<byte[], byte[]> getMethodDescriptor() {
      return method;
    }
  }

  private static MethodDescriptor<byte[], byte[]> method(String name, boolean unary) {
    MethodDescriptor.Marshaller<byte[]> bytes =
        new MethodDescriptor.Marshaller<>() {
          @Override
          public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
          }

          @Override
          public byte[] parse(InputStream stream) {
            return EMPTY;
          }
        };
    return MethodDescriptor.<byte[], byte[]>newBuilder()
        .setType(
            unary ? MethodDescriptor.MethodType.UNARY : MethodDescriptor.MethodType.BIDI_STREAMING)
        .setFullMethodName(MethodDescriptor.generateFullMethodName("bench.Micro", name))
        .setRequestMarshaller(bytes)
        .setResponseMarshaller(bytes)
        .build();
  }
}
