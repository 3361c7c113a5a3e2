package io.godfs.adapters.grpc;

import io.godfs.adapters.grpc.tls.GrpcTls;
import io.godfs.adapters.grpc.tls.TlsContexts;
import io.godfs.adapters.grpc.tls.TlsRefusals;
import io.godfs.adapters.grpc.wire.WireChannel;
import io.godfs.adapters.grpc.wire.WireTls;
import io.godfs.application.port.out.RpcMeter;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslContext;
import io.opentelemetry.api.OpenTelemetry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One long-lived channel per peer address (gRPC multiplexes calls over it), shared by every
 * client-side adapter of a process: never a connection per call.
 */
public final class ChannelPool implements AutoCloseable {
  /**
   * The largest message either side accepts: control messages (a chunkserver's full chunk report, a
   * listing page, a large file's chunk locations) can be megabytes; data messages are held to 1 MiB
   * of bytes by the chunk handlers themselves, which refuse bigger ones with a clear error.
   */
  static final int MAX_INBOUND_MESSAGE = 32 * 1024 * 1024;

  /**
   * While calls are open, a peer that stops answering HTTP/2 pings (a frozen process, or a host
   * whose kernel still acknowledges TCP) is given up after about 12 s, failing its calls as
   * UNAVAILABLE so that callers can go elsewhere, rather than only at each call's deadline. 10 s is
   * gRPC's floor for the ping period. A host that is gone from the network is noticed sooner: its
   * address stops answering ARP and the kernel fails the connection within a few seconds. The
   * servers permit pings this often ({@link GrpcServerHandle}).
   */
  static final long KEEPALIVE_SECONDS = 10;

  static final long KEEPALIVE_TIMEOUT_SECONDS = 2;

  /** A peer whose address answers nothing (gone from the network) fails to connect within this. */
  static final int CONNECT_TIMEOUT_MILLIS = 3000;

  /** A master's metadata wire fails to connect within this: on a LAN a connect takes < 1 ms. */
  static final int WIRE_CONNECT_TIMEOUT_MILLIS = 1000;

  private final ConcurrentHashMap<String, ManagedChannel> channels = new ConcurrentHashMap<>();

  /** Each master's metadata wire (ADR 0031), made with its gRPC channel. */
  private final ConcurrentHashMap<String, WireChannel> wires = new ConcurrentHashMap<>();

  /** Each master's channel for its callers: unary calls over its wire when it can. */
  private final ConcurrentHashMap<String, Channel> masterChannels = new ConcurrentHashMap<>();

  /** TLS on the metadata wire (empty: plaintext); null: these channels use no wire. */
  private final Optional<WireTls.Client> wireTls;

  private final Optional<String> masterCredential;

  /** The TLS context every channel shares; null = plaintext. */
  private final SslContext tls;

  /** Records every call made over these channels; null = nothing recorded. */
  private final RpcClientMetering metering;

  /** Traces every call and carries the request id (a no-op span when tracing is off). */
  private final RpcClientTracing tracing;

  /** Channels that present no credential (a cluster with security off). */
  public ChannelPool() {
    this(Optional.empty());
  }

  /**
   * Channels whose calls to masters present {@code masterCredential} (an API key or token). It is
   * sent to masters only, never to chunkservers: a chunkserver is told what it may serve by the
   * master's chunk tokens, and a user's credential is not a chunkserver's to keep.
   */
  public ChannelPool(Optional<String> masterCredential) {
    this(masterCredential, Optional.empty());
  }

  /**
   * As {@link #ChannelPool(Optional)}, every channel over TLS when {@code tls} is given (verifying
   * servers against its trusted authorities and presenting its client certificate, if any), in
   * plaintext when it is empty.
   *
   * @throws IllegalArgumentException naming the certificate or key file that cannot be used
   */
  public ChannelPool(Optional<String> masterCredential, Optional<GrpcTls> tls) {
    this(masterCredential, tls, RpcMeter.NONE);
  }

  /**
   * As {@link #ChannelPool(Optional, Optional)}, recording every call made into {@code meter} (the
   * process's {@code grpc_client_*} families, ADR 0023).
   */
  public ChannelPool(Optional<String> masterCredential, Optional<GrpcTls> tls, RpcMeter meter) {
    this(masterCredential, tls, meter, OpenTelemetry.noop());
  }

  /**
   * As above, every call also a span of {@code tracing} ({@link RpcClientTracing}), carrying the
   * current trace context and request id to the server.
   */
  public ChannelPool(
      Optional<String> masterCredential,
      Optional<GrpcTls> tls,
      RpcMeter meter,
      OpenTelemetry tracing) {
    this(
        masterCredential,
        tls.map(TlsContexts::client).orElse(null),
        tls.map(WireTls::client),
        meter,
        tracing);
  }

  private ChannelPool(
      Optional<String> masterCredential,
      SslContext tls,
      Optional<WireTls.Client> wireTls,
      RpcMeter meter,
      OpenTelemetry tracing) {
    this.masterCredential = masterCredential.map(String::strip).filter(s -> !s.isEmpty());
    this.tls = tls;
    this.wireTls = wireTls;
    this.metering = meter == RpcMeter.NONE ? null : new RpcClientMetering(meter);
    this.tracing = new RpcClientTracing(tracing);
  }

  /**
   * Channels for a party joining the cluster with a join token: TLS to masters whose CA has the
   * SHA-256 {@code caSha256} (the token's), no credential and no certificate presented.
   */
  public static ChannelPool joining(String caSha256) {
    return new ChannelPool(
        Optional.empty(),
        TlsContexts.pinnedToAuthority(caSha256),
        null, // a joining party makes one call: no wire
        RpcMeter.NONE,
        OpenTelemetry.noop());
  }

  /** The credential calls to masters present, if any. */
  Optional<String> masterCredential() {
    return masterCredential;
  }

  public ManagedChannel channel(String address) {
    return channels.computeIfAbsent(address, this::open);
  }

  /**
   * The channel for calls to the master at {@code address}: its unary calls over the master's
   * metadata wire (ADR 0031) once the master announced one and it can be reached, the rest over
   * {@link #channel gRPC}.
   */
  public Channel masterChannel(String address) {
    return masterChannels.computeIfAbsent(address, this::route);
  }

  private Channel route(String address) {
    ManagedChannel grpc = channel(address);
    WireChannel wire = wires.get(address);
    if (wire == null) {
      return grpc;
    }
    return new Channel() {
      @Override
      public <Q, R> ClientCall<Q, R> newCall(MethodDescriptor<Q, R> method, CallOptions options) {
        return method.getType() == MethodDescriptor.MethodType.UNARY && wire.ready()
            ? wire.newCall(method, options)
            : grpc.newCall(method, options);
      }

      @Override
      public String authority() {
        return grpc.authority();
      }
    };
  }

  private ManagedChannel open(String address) {
    NettyChannelBuilder builder = NettyChannelBuilder.forTarget(address);
    WireChannel wire = wire(address);
    if (wire != null) {
      // Innermost: it sees the answer's headers as the server sent them.
      builder.intercept(wire.listener());
    }
    if (tls == null) {
      builder.usePlaintext();
    } else {
      // A refused handshake says why (e.g. the server refused this client's certificate), and
      // fails UNAUTHENTICATED when retrying cannot help.
      builder.sslContext(tls).intercept(new TlsRefusals(address));
    }
    // Inside the meter: a span per call, its trace context and request id in the headers.
    builder.intercept(tracing);
    if (metering != null) {
      // Added last, so it runs first: it sees the status a TLS refusal turns into, as callers do.
      builder.intercept(metering);
    }
    ManagedChannel channel =
        builder
            .maxInboundMessageSize(MAX_INBOUND_MESSAGE)
            .flowControlWindow(8 * 1024 * 1024)
            .keepAliveTime(KEEPALIVE_SECONDS, TimeUnit.SECONDS)
            .keepAliveTimeout(KEEPALIVE_TIMEOUT_SECONDS, TimeUnit.SECONDS)
            .withOption(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
            .build();
    if (wire != null) {
      wires.put(address, wire);
    }
    return channel;
  }

  /**
   * The metadata wire to the host of {@code address}, with the interceptors of its gRPC channel
   * (metering outermost, as there); null when these channels use none or the address has no host.
   */
  private WireChannel wire(String address) {
    int colon = address.lastIndexOf(':');
    if (wireTls == null || colon <= 0) {
      return null;
    }
    String host = address.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    List<ClientInterceptor> interceptors = new ArrayList<>();
    interceptors.add(tracing);
    if (metering != null) {
      interceptors.add(metering);
    }
    return new WireChannel(host, wireTls, WIRE_CONNECT_TIMEOUT_MILLIS, interceptors, address);
  }

  @Override
  public void close() {
    wires.values().forEach(WireChannel::close);
    channels.values().forEach(ManagedChannel::shutdownNow);
    for (ManagedChannel c : channels.values()) {
      try {
        c.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    channels.clear();
    wires.clear();
    masterChannels.clear();
  }
}
