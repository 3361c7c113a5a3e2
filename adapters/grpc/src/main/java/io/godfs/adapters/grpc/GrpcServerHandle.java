package io.godfs.adapters.grpc;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A started gRPC server on a host and port (0 = a free port), closed with its owner. */
public final class GrpcServerHandle implements AutoCloseable {
  private final Server server;

  private GrpcServerHandle(Server server) {
    this.server = server;
  }

  public static GrpcServerHandle start(String host, int port, List<BindableService> services) {
    return start(host, port, services, List.of());
  }

  /** With {@code interceptors} run around every call (e.g. the master's {@link LeaderGate}). */
  public static GrpcServerHandle start(String host, int port, List<BindableService> services,
      List<io.grpc.ServerInterceptor> interceptors) {
    NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
        .maxInboundMessageSize(ChannelPool.MAX_INBOUND_MESSAGE)
        .flowControlWindow(8 * 1024 * 1024)
        // Clients ping every 10 s while calls are open (ChannelPool): allow it, or the server (which
        // by default permits one ping in 5 min) would answer with GOAWAY "too_many_pings".
        .permitKeepAliveTime(5, TimeUnit.SECONDS);
    services.forEach(builder::addService);
    interceptors.forEach(builder::intercept);
    try {
      return new GrpcServerHandle(builder.build().start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
    }
  }

  public int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    server.shutdownNow();
    try {
      server.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
