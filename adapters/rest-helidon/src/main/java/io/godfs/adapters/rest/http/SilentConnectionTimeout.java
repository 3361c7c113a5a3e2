package io.godfs.adapters.rest.http;

import io.helidon.common.socket.SocketOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketOption;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway's socket options with a read timeout on every accepted connection. Helidon 4.5 keeps
 * its {@code readTimeout} for client sockets: a server connection that never sends a byte blocks
 * its reader before Helidon's idle check or {@link ConnectionWatchdog} can see it, and holds one of
 * the {@code GODFS_GATEWAY_MAX_CONNECTIONS} slots for ever. With {@code SO_TIMEOUT} set, such a
 * read fails and Helidon closes the connection and frees its slot. The listener must not use NIO
 * sockets ({@code useNio(false)}). The timeout is the longest of the gateway's deadlines plus a
 * grace ({@code ConnectionLimits.silentTimeout}), so that it never cuts a request the watchdog
 * would still let run.
 */
public final class SilentConnectionTimeout implements SocketOptions {
  private final SocketOptions delegate;
  private final int timeoutMillis;

  public SilentConnectionTimeout(SocketOptions delegate, Duration timeout) {
    this.delegate = delegate;
    this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
  }

  @Override
  public void configureSocket(SocketChannel socket) {
    delegate.configureSocket(socket);
    try {
      // With useNio(false) Helidon reads the channel through this adaptor's streams, which honour
      // SO_TIMEOUT (a blocking SocketChannel.read would not).
      socket.socket().setSoTimeout(timeoutMillis);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void configureSocket(Socket socket) {
    delegate.configureSocket(socket);
  }

  @Override
  public Map<SocketOption<?>, Object> socketOptions() {
    return delegate.socketOptions();
  }

  @Override
  public Duration connectTimeout() {
    return delegate.connectTimeout();
  }

  @Override
  public Duration readTimeout() {
    return Duration.ofMillis(timeoutMillis);
  }

  @Override
  public Optional<Integer> socketReceiveBufferSize() {
    return delegate.socketReceiveBufferSize();
  }

  @Override
  public Optional<Integer> socketSendBufferSize() {
    return delegate.socketSendBufferSize();
  }

  @Override
  public boolean socketReuseAddress() {
    return delegate.socketReuseAddress();
  }

  @Override
  public boolean socketKeepAlive() {
    return delegate.socketKeepAlive();
  }

  @Override
  public boolean tcpNoDelay() {
    return delegate.tcpNoDelay();
  }
}
