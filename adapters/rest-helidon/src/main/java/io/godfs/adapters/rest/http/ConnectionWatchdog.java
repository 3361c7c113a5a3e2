package io.godfs.adapters.rest.http;

import io.helidon.common.buffers.BufferData;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Deadlines Helidon 4.5 does not enforce itself: its socket read timeout is not applied to server
 * connections, and its idle timeout spares a connection once the request line has arrived. This
 * watches, from one timer thread, (1) every request between its request line and the end of its
 * headers ({@code GODFS_GATEWAY_HEADER_TIMEOUT}) and (2) every read of a request body that is
 * waiting for bytes ({@code GODFS_GATEWAY_BODY_TIMEOUT}); past a deadline it writes a JSON 408 and
 * closes the socket, which ends the blocked read. It learns of requests as Helidon's HTTP/1 receive
 * listener; body reads register themselves through {@link WatchedBody}.
 */
public final class ConnectionWatchdog implements Http1ConnectionListener, AutoCloseable {
  private static final System.Logger LOG = System.getLogger("io.godfs.adapters.rest");

  /**
   * The connection whose request the current (virtual) thread is serving: Helidon routes on the
   * reading thread.
   */
  private static final ThreadLocal<ConnectionContext> CURRENT = new ThreadLocal<>();

  private final long headerNanos;
  private final long bodyNanos;
  private final Duration headerTimeout;
  private final Duration bodyTimeout;
  private final Json json;
  private final Map<ConnectionContext, Long> headersSince = new ConcurrentHashMap<>();
  private final Map<WatchedBody, ConnectionContext> bodies = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "godfs-gateway-deadlines");
            t.setDaemon(true);
            return t;
          });

  public ConnectionWatchdog(Duration headerTimeout, Duration bodyTimeout, Json json) {
    this.headerTimeout = headerTimeout;
    this.bodyTimeout = bodyTimeout;
    this.headerNanos = headerTimeout.toNanos();
    this.bodyNanos = bodyTimeout.toNanos();
    this.json = json;
    // Checked a few times per deadline: a connection is cut at most a fifth of it late.
    long period =
        Math.max(
            20, Math.min(1000, Math.min(headerTimeout.toMillis(), bodyTimeout.toMillis()) / 5));
    timer.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
  }

  @Override
  public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
    CURRENT.set(ctx);
    headersSince.put(ctx, System.nanoTime());
  }

  @Override
  public void headers(ConnectionContext ctx, Headers headers) {
    headersSince.remove(ctx);
  }

  /** The connection of the request this thread serves, or null outside a request. */
  static ConnectionContext current() {
    return CURRENT.get();
  }

  void watch(WatchedBody body, ConnectionContext ctx) {
    bodies.put(body, ctx);
  }

  void unwatch(WatchedBody body) {
    bodies.remove(body);
  }

  Duration bodyTimeout() {
    return bodyTimeout;
  }

  private void check() {
    long now = System.nanoTime();
    headersSince.forEach(
        (ctx, since) -> {
          if (now - since > headerNanos && headersSince.remove(ctx, since)) {
            cut(
                ctx,
                RequestIdFilter.keptOrNew(""),
                "the request headers were not complete within "
                    + seconds(headerTimeout)
                    + " (GODFS_GATEWAY_HEADER_TIMEOUT)");
          }
        });
    bodies.forEach(
        (body, ctx) -> {
          long waiting = body.waitingSince();
          if (waiting != 0 && now - waiting > bodyNanos && body.markCut()) {
            bodies.remove(body);
            cut(
                ctx,
                body.requestId(),
                "the request body sent nothing for "
                    + seconds(bodyTimeout)
                    + " (GODFS_GATEWAY_BODY_TIMEOUT)");
          }
        });
  }

  /** Answers 408 (best effort: the client may not read it) and closes the socket. */
  private void cut(ConnectionContext ctx, String requestId, String why) {
    LOG.log(
        Level.INFO,
        "request " + requestId + " from " + ctx.remotePeer().host() + " cut off: " + why);
    byte[] body = json.bytes(new ErrorBody(why, "request_timeout", requestId));
    String head =
        "HTTP/1.1 408 Request Timeout\r\nContent-Type: application/json\r\nContent-Length: "
            + body.length
            + "\r\nConnection: close\r\n"
            + RequestIdFilter.X_REQUEST_ID.defaultCase()
            + ": "
            + requestId
            + "\r\n\r\n";
    try {
      BufferData data = BufferData.growing(head.length() + body.length);
      data.write(head.getBytes(StandardCharsets.US_ASCII));
      data.write(body);
      ctx.dataWriter().writeNow(data);
    } catch (RuntimeException e) {
      // the client is gone already: closing is all that is left
    }
    try {
      ctx.serverSocket().close();
    } catch (RuntimeException e) {
      // already closed
    }
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
