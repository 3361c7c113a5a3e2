package io.godfs.adapters.rest.http;

import io.helidon.common.buffers.DataReader;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http.ServerRequest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A request body as the handlers read it: each read that waits for the client is watched by the
 * {@link ConnectionWatchdog} (cut off after {@code GODFS_GATEWAY_BODY_TIMEOUT} without a byte), and
 * the ways a body can end badly become answers in the caller's terms: a body shorter than its
 * Content-Length is a 400 {@code incomplete_body}, a client that went away is a {@link
 * ClientGoneException} (nobody is left to answer).
 */
public final class WatchedBody extends FilterInputStream {
  private final ConnectionWatchdog watchdog;
  private final ConnectionContext ctx;
  private final String requestId;
  private final long declared;
  private final AtomicBoolean cut = new AtomicBoolean();
  private volatile long waitingSince;
  private long received;

  private WatchedBody(
      InputStream in,
      ConnectionWatchdog watchdog,
      ConnectionContext ctx,
      String requestId,
      long declared) {
    super(in);
    this.watchdog = watchdog;
    this.ctx = ctx;
    this.requestId = requestId;
    this.declared = declared;
  }

  /**
   * The body of {@code req}; the watchdog is found in the request's context (none: unwatched, as in
   * unit tests).
   */
  public static InputStream of(ServerRequest req) {
    ConnectionWatchdog watchdog = req.context().get(ConnectionWatchdog.class).orElse(null);
    ConnectionContext ctx = ConnectionWatchdog.current();
    return new WatchedBody(
        req.content().inputStream(),
        ctx == null ? null : watchdog,
        ctx,
        RequestInfo.of(req).requestId(),
        req.headers().contentLength().orElse(-1));
  }

  long waitingSince() {
    return waitingSince;
  }

  String requestId() {
    return requestId;
  }

  boolean markCut() {
    return cut.compareAndSet(false, true);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (watchdog != null) {
      waitingSince = Math.max(1, System.nanoTime());
      watchdog.watch(this, ctx);
    }
    try {
      int n = super.read(b, off, len);
      if (n > 0) {
        received += n;
      }
      return n;
    } catch (IOException | RuntimeException e) {
      throw translated(e);
    } finally {
      waitingSince = 0;
      if (watchdog != null) {
        watchdog.unwatch(this);
      }
    }
  }

  private RuntimeException translated(Exception e) {
    if (e instanceof ApiException api) {
      return api;
    }
    if (cut.get()) {
      return new ClientGoneException(
          "request body stalled after "
              + received
              + " bytes; cut off after "
              + watchdog.bodyTimeout()
              + " without a byte (GODFS_GATEWAY_BODY_TIMEOUT)");
    }
    if (ClientGoneException.causedBy(e, DataReader.InsufficientDataAvailableException.class)) {
      // The client ended its side (it may still read): tell it what was wrong, then close.
      return new ApiException(
          400,
          "incomplete_body",
          "the request body ended after "
              + received
              + " bytes"
              + (declared >= 0 ? "; its Content-Length is " + declared : " without its last chunk"),
          Map.of("Connection", "close"));
    }
    if (ClientGoneException.isDisconnect(e)) {
      return new ClientGoneException(
          "the client went away after sending "
              + received
              + " bytes of the body ("
              + ClientGoneException.rootMessage(e)
              + ")");
    }
    return e instanceof RuntimeException r ? r : new UncheckedIOException((IOException) e);
  }
}
