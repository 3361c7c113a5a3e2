package io.godfs.adapters.grpc;

import io.godfs.adapters.grpc.tls.GrpcTls;
import io.godfs.adapters.grpc.tls.TlsContexts;
import io.godfs.adapters.grpc.wire.WireChannel;
import io.godfs.adapters.grpc.wire.WireListen;
import io.godfs.adapters.grpc.wire.WireServer;
import io.godfs.adapters.grpc.wire.WireTls;
import io.godfs.application.port.out.RpcMeter;
import io.grpc.BindableService;
import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.NettyServerBuilder;
import io.netty.handler.ssl.SslContext;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** A started gRPC server on a host and port (0 = a free port), closed with its owner. */
public final class GrpcServerHandle implements AutoCloseable {
  private final Server server;
  private final ExecutorService calls;
  private final WireServer wire;

  private GrpcServerHandle(Server server, ExecutorService calls, WireServer wire) {
    this.server = server;
    this.calls = calls;
    this.wire = wire;
  }

  public static GrpcServerHandle start(String host, int port, List<BindableService> services) {
    return start(host, port, services, List.of());
  }

  /** As {@link #start(String, int, List)}, over TLS when {@code tls} is given. */
  public static GrpcServerHandle start(
      String host, int port, List<BindableService> services, Optional<GrpcTls> tls) {
    return start(host, port, services, tls, RpcMeter.NONE);
  }

  /** As above, every call recorded into {@code meter}. */
  public static GrpcServerHandle start(
      String host,
      int port,
      List<BindableService> services,
      Optional<GrpcTls> tls,
      RpcMeter meter) {
    return start(host, port, services, tls, meter, OpenTelemetry.noop());
  }

  /** As above, every call also a span of {@code tracing} ({@link RpcServerTracing}). */
  public static GrpcServerHandle start(
      String host,
      int port,
      List<BindableService> services,
      Optional<GrpcTls> tls,
      RpcMeter meter,
      OpenTelemetry tracing) {
    return start(
        host,
        port,
        services,
        List.of(),
        Set.of(),
        new CallerInterceptor(CallerInterceptor.NO_AUTHENTICATION),
        tls,
        meter,
        tracing);
  }

  /**
   * With {@code interceptors} run around every call (e.g. the master's {@link LeaderGate}). Calls
   * run on {@link #callExecutor()}.
   */
  public static GrpcServerHandle start(
      String host, int port, List<BindableService> services, List<ServerInterceptor> interceptors) {
    return start(
        host,
        port,
        services,
        interceptors,
        Set.of(),
        new CallerInterceptor(CallerInterceptor.NO_AUTHENTICATION));
  }

  /**
   * Also runs the methods named in {@code onNetworkThread} (full gRPC names) on the network thread
   * that read the call, with their interceptors: for handlers that never wait (they hand the work
   * on and answer from a callback), a hop to another thread per call is pure cost. Measured on 2
   * cores (3 Ratis masters, 32 clients creating): 8.1-9.2 k creates/s with the hop, 9.2-9.9 k
   * without. {@code callers} names every call's caller (refusing UNAUTHENTICATED before any handler
   * runs when its authentication says so) and keeps the audit trail.
   */
  public static GrpcServerHandle start(
      String host,
      int port,
      List<BindableService> services,
      List<ServerInterceptor> interceptors,
      Set<String> onNetworkThread,
      CallerInterceptor callers) {
    return start(host, port, services, interceptors, onNetworkThread, callers, Optional.empty());
  }

  /**
   * As above, with TLS when {@code tls} is given (plaintext when empty): TLS 1.3, and with trusted
   * authorities a verified client certificate is required before any call (mutual TLS).
   *
   * @throws IllegalArgumentException naming the certificate or key file that cannot be used
   */
  public static GrpcServerHandle start(
      String host,
      int port,
      List<BindableService> services,
      List<ServerInterceptor> interceptors,
      Set<String> onNetworkThread,
      CallerInterceptor callers,
      Optional<GrpcTls> tls) {
    return start(host, port, services, interceptors, onNetworkThread, callers, tls, RpcMeter.NONE);
  }

  /** As above, every call recorded into {@code meter} ({@link RpcMetering}, outermost). */
  public static GrpcServerHandle start(
      String host,
      int port,
      List<BindableService> services,
      List<ServerInterceptor> interceptors,
      Set<String> onNetworkThread,
      CallerInterceptor callers,
      Optional<GrpcTls> tls,
      RpcMeter meter) {
    return start(
        host,
        port,
        services,
        interceptors,
        onNetworkThread,
        callers,
        tls,
        meter,
        OpenTelemetry.noop());
  }

  /**
   * As above, every call also a span of {@code tracing} ({@link RpcServerTracing}, right inside the
   * meter), with its request id current while it is served.
   */
  public static GrpcServerHandle start(
      String host,
      int port,
      List<BindableService> services,
      List<ServerInterceptor> interceptors,
      Set<String> onNetworkThread,
      CallerInterceptor callers,
      Optional<GrpcTls> tls,
      RpcMeter meter,
      OpenTelemetry tracing) {
    return start(
        host,
        port,
        services,
        interceptors,
        onNetworkThread,
        callers,
        tls,
        meter,
        tracing,
        Optional.empty());
  }

  /**
   * As above, also serving the unary methods of {@code services} on a metadata wire (ADR 0031)
   * where {@code wire} says, with the same interceptors and TLS; every gRPC answer announces its
   * port in its headers ({@link WireChannel#PORT_HEADER}), so clients move their unary calls there.
   */
  public static GrpcServerHandle start(
      String host,
      int port,
      List<BindableService> services,
      List<ServerInterceptor> interceptors,
      Set<String> onNetworkThread,
      CallerInterceptor callers,
      Optional<GrpcTls> tls,
      RpcMeter meter,
      OpenTelemetry tracing,
      Optional<WireListen> wire) {
    // Read before anything starts: a wrong file stops the start without a thread to clean up.
    SslContext ssl = tls.map(TlsContexts::server).orElse(null);
    Optional<WireTls.Server> wireTls =
        wire.isPresent() ? tls.map(WireTls::server) : Optional.empty();
    ExecutorService calls = callExecutor();
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
            .maxInboundMessageSize(ChannelPool.MAX_INBOUND_MESSAGE)
            .flowControlWindow(8 * 1024 * 1024)
            // Clients ping every 10 s while calls are open (ChannelPool): allow it, or the server
            // (which
            // by default permits one ping in 5 min) would answer with GOAWAY "too_many_pings".
            .permitKeepAliveTime(5, TimeUnit.SECONDS);
    if (ssl != null) {
      builder.sslContext(ssl);
    }
    if (calls != null) {
      // gRPC looks a call's method up and starts it (interceptors included) on the server's
      // executor, then hands the call's events to the executor chosen here: starting on the network
      // thread and hopping once, to a virtual thread, saves a hop per call; the methods that never
      // wait do not hop at all.
      builder
          .directExecutor()
          .callExecutor(
              new ServerCallExecutorSupplier() {
                @Override
                public <Q, R> Executor getExecutor(ServerCall<Q, R> call, Metadata headers) {
                  return onNetworkThread.contains(call.getMethodDescriptor().getFullMethodName())
                      ? null
                      : calls;
                }
              });
    } else if (!onNetworkThread.isEmpty()) {
      builder.callExecutor(
          new ServerCallExecutorSupplier() {
            @Override
            public <Q, R> Executor getExecutor(ServerCall<Q, R> call, Metadata headers) {
              return onNetworkThread.contains(call.getMethodDescriptor().getFullMethodName())
                  ? Runnable::run
                  : null;
            }
          });
    }
    services.forEach(builder::addService);
    List<ServerInterceptor> chain = new ArrayList<>();
    // Added first, so it runs last: a call the others refuse needs no caller.
    chain.add(callers);
    chain.addAll(interceptors);
    chain.add(new RpcServerTracing(tracing));
    if (meter != RpcMeter.NONE) {
      // Added last, so it runs first: refused calls are counted with their codes.
      chain.add(new RpcMetering(meter));
    }
    // Added very last, so it runs first and sees each message after every other has.
    chain.add(DataMethods.RELEASE_UNTAKEN);
    chain.forEach(builder::intercept);
    WireServer wireServer = null;
    try {
      if (wire.isPresent()) {
        List<ServerServiceDefinition> intercepted = new ArrayList<>();
        for (BindableService service : services) {
          intercepted.add(ServerInterceptors.intercept(service.bindService(), chain));
        }
        WireListen listen = wire.get();
        wireServer =
            WireServer.start(
                listen.host(), listen.port(), intercepted, wireTls, listen.maxConnections());
        builder.intercept(announcing(wireServer.port()));
      }
      return new GrpcServerHandle(builder.build().start(), calls, wireServer);
    } catch (IOException e) {
      stopAll(wireServer, calls);
      throw new UncheckedIOException(
          "cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      stopAll(wireServer, calls);
      throw e;
    }
  }

  private static void stopAll(WireServer wire, ExecutorService calls) {
    if (wire != null) {
      wire.close();
    }
    if (calls != null) {
      calls.shutdownNow();
    }
  }

  /** Every answer's headers name the metadata wire's port: a client's next calls go there. */
  static ServerInterceptor announcing(int wirePort) {
    String value = Integer.toString(wirePort);
    return new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(
          ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        return next.startCall(
            new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
              @Override
              public void sendHeaders(Metadata answerHeaders) {
                answerHeaders.put(WireChannel.PORT_HEADER, value);
                super.sendHeaders(answerHeaders);
              }
            },
            headers);
      }
    };
  }

  /**
   * Calls run on virtual threads: a handler blocked on a Raft commit, a lease or an fsync holds no
   * platform thread, and dozens of concurrent callers do not mean dozens of pooled platform threads
   * contending for two cores. Measured here (2 cores, steady state, `bench-gateway`): 1 KiB REST
   * PUTs went from 264-339/s on gRPC's pool to 462-472/s; with virtual threads on the chunkservers
   * only, 330/s (the master's calls are most of a small PUT's round trips). Only from Java 24 on,
   * where a virtual thread blocked inside {@code synchronized} no longer pins its carrier (JEP
   * 491); before that, gRPC's default pool (null here).
   */
  static ExecutorService callExecutor() {
    if (Runtime.version().feature() < 24) {
      return null;
    }
    return Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("grpc-call-", 0).factory());
  }

  public int port() {
    return server.getPort();
  }

  /** The metadata wire's port, when this server has one. */
  public OptionalInt wirePort() {
    return wire == null ? OptionalInt.empty() : OptionalInt.of(wire.port());
  }

  /** Calls the metadata wire answered so far (0 without one): tests see the wire was used. */
  public long wireCallsServed() {
    return wire == null ? 0 : wire.callsServed();
  }

  @Override
  public void close() {
    if (wire != null) {
      wire.close();
    }
    server.shutdownNow();
    try {
      server.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (calls != null) {
        calls.shutdownNow();
      }
    }
  }
}
