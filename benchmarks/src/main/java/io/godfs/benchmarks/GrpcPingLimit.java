package io.godfs.benchmarks;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * This machine's limit for a metadata call: an empty unary gRPC call answered at once, over the
 * same transport (Netty, plaintext, 127.0.0.1), from one thread and from many.
 */
final class GrpcPingLimit implements AutoCloseable {
  private static final MethodDescriptor<byte[], byte[]> PING =
      MethodDescriptor.<byte[], byte[]>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName("bench.Ping/Ping")
          .setRequestMarshaller(new Bytes())
          .setResponseMarshaller(new Bytes())
          .build();
  private final Server server;
  private final ManagedChannel channel;

  GrpcPingLimit() {
    try {
      server =
          NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
              .addService(
                  ServerServiceDefinition.builder("bench.Ping")
                      .addMethod(
                          PING,
                          ServerCalls.asyncUnaryCall(
                              (request, out) -> {
                                out.onNext(request);
                                out.onCompleted();
                              }))
                      .build())
              .build()
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
  }

  /** Steady calls per second from {@code threads} threads, each calling one after the other. */
  SteadyRate.Result callsPerSecond(int threads) throws Exception {
    return SteadyRate.measure((round, length) -> run(threads, length));
  }

  /**
   * How many calls {@code threads} threads completed in {@code phase}, one after the other each.
   */
  long callsIn(int threads, Duration phase) throws Exception {
    return run(threads, phase);
  }

  private long run(int threads, Duration phase) throws Exception {
    byte[] empty = new byte[0];
    return ConcurrentLoad.run(
        threads,
        phase,
        (client, i) ->
            ClientCalls.blockingUnaryCall(
                channel, PING, CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS), empty));
  }

  @Override
  public void close() {
    channel.shutdownNow();
    server.shutdownNow();
  }

  private static final class Bytes implements MethodDescriptor.Marshaller<byte[]> {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
