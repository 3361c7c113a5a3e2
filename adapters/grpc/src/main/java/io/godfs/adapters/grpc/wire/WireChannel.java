package io.godfs.adapters.grpc.wire;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import java.util.List;
import java.util.Optional;

/**
 * A master's metadata wire (ADR 0031) as a channel for the client's unary calls, with the same
 * client interceptors (metering, tracing) as the master's gRPC channel, so that a caller cannot
 * tell the two apart but by speed. The client sends a call here only when {@link #ready()}: once
 * the master has announced its wire's port and the wire can be reached; else over gRPC.
 */
public final class WireChannel extends Channel implements AutoCloseable {
  /** The header a master's answers carry to announce its metadata wire's port. */
  public static final Metadata.Key<String> PORT_HEADER =
      Metadata.Key.of("godfs-wire-port", Metadata.ASCII_STRING_MARSHALLER);

  private final WireEndpoint endpoint;
  private final Channel wire;

  /**
   * @param host the master's host as this client reaches it
   * @param interceptors the interceptors of the master's gRPC channel, run around wire calls too
   *     (the last runs first, as with {@link ClientInterceptors#intercept(Channel, List)})
   * @param authority the authority calls name, the gRPC channel's
   */
  public WireChannel(
      String host,
      Optional<WireTls.Client> tls,
      int connectTimeoutMillis,
      List<ClientInterceptor> interceptors,
      String authority) {
    this.endpoint = new WireEndpoint(host, tls, connectTimeoutMillis);
    this.wire =
        ClientInterceptors.intercept(
            new Channel() {
              @Override
              public <Q, R> ClientCall<Q, R> newCall(
                  MethodDescriptor<Q, R> method, CallOptions options) {
                return new WireClientCall<>(endpoint, method, options);
              }

              @Override
              public String authority() {
                return authority;
              }
            },
            interceptors);
  }

  /**
   * Notes the wire port a master's gRPC answer announces: put it on the master's gRPC channel, so
   * that the first answer over gRPC moves the next calls to the wire.
   */
  public ClientInterceptor listener() {
    return new ClientInterceptor() {
      @Override
      public <Q, R> ClientCall<Q, R> interceptCall(
          MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        return new ForwardingClientCall.SimpleForwardingClientCall<>(
            next.newCall(method, options)) {
          @Override
          public void start(Listener<R> listener, Metadata headers) {
            super.start(
                new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                  @Override
                  public void onHeaders(Metadata answerHeaders) {
                    announced(answerHeaders.get(PORT_HEADER));
                    super.onHeaders(answerHeaders);
                  }
                },
                headers);
          }
        };
      }
    };
  }

  private void announced(String port) {
    if (port == null) {
      return;
    }
    try {
      int p = Integer.parseInt(port.strip());
      if (p > 0 && p < 65536) {
        endpoint.announced(p);
      }
    } catch (NumberFormatException e) {
      // not a port: keep using gRPC
    }
  }

  /** Only unary calls, and only when {@link #ready()}. */
  @Override
  public <Q, R> ClientCall<Q, R> newCall(MethodDescriptor<Q, R> method, CallOptions options) {
    if (method.getType() != MethodDescriptor.MethodType.UNARY) {
      throw new IllegalArgumentException(method.getFullMethodName() + " is not a unary method");
    }
    return wire.newCall(method, options);
  }

  @Override
  public String authority() {
    return wire.authority();
  }

  /**
   * Whether a call may go over the wire now: the master announced it, and a connection is idle or
   * could be made (it is kept for the next call). When not, the wire is tried again after a while.
   */
  public boolean ready() {
    return endpoint.ready();
  }

  @Override
  public void close() {
    endpoint.close();
  }
}
