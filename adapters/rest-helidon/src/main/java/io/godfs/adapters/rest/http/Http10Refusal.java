package io.godfs.adapters.rest.http;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataReader;
import io.helidon.common.concurrency.limits.Limit;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Semaphore;

/**
 * HTTP/1.0 requests: Helidon 4 serves HTTP/1.1 only and drops a 1.0 connection without a word. This
 * claims such connections and answers {@code 505} with the usual JSON error saying to use HTTP/1.1,
 * then closes. (Serving 1.0 for real would mean no chunked bodies and no keep-alive by default: not
 * worth it for clients that all speak 1.1; {@code curl --http1.0} and old probes get a clear
 * answer.)
 */
public final class Http10Refusal implements ServerConnectionSelector {
  private static final byte[] HTTP_1_0 = " HTTP/1.0\r".getBytes(StandardCharsets.US_ASCII);
  private static final int MAX_REQUEST_LINE = 8192;
  private final Json json;

  public Http10Refusal(Json json) {
    this.json = json;
  }

  @Override
  public int bytesToIdentifyConnection() {
    return 0; // as many as the request line needs
  }

  @Override
  public Support supports(BufferData data) {
    int lf = data.indexOf((byte) '\n');
    if (lf < 0) {
      return data.available() > MAX_REQUEST_LINE ? Support.UNSUPPORTED : Support.UNKNOWN;
    }
    if (lf < HTTP_1_0.length) {
      return Support.UNSUPPORTED;
    }
    for (int i = 0; i < HTTP_1_0.length; i++) {
      if (data.get(lf - HTTP_1_0.length + i) != HTTP_1_0[i]) {
        return Support.UNSUPPORTED;
      }
    }
    return Support.SUPPORTED;
  }

  @Override
  public Set<String> supportedApplicationProtocols() {
    return Set.of();
  }

  @Override
  public ServerConnection connection(ConnectionContext ctx) {
    return new Refusal(ctx);
  }

  private final class Refusal implements ServerConnection {
    private final ConnectionContext ctx;

    Refusal(ConnectionContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public void handle(Limit limit) {
      skipRequestHead(ctx.dataReader());
      String id = RequestIdFilter.keptOrNew("");
      byte[] body =
          json.bytes(
              new ErrorBody(
                  "HTTP/1.0 is not supported: send the request as HTTP/1.1",
                  "http_version_not_supported",
                  id));
      String head =
          "HTTP/1.1 505 HTTP Version Not Supported\r\nContent-Type: application/json\r\nContent-Length: "
              + body.length
              + "\r\nConnection: close\r\n"
              + RequestIdFilter.X_REQUEST_ID.defaultCase()
              + ": "
              + id
              + "\r\n\r\n";
      BufferData data = BufferData.growing(head.length() + body.length);
      data.write(head.getBytes(StandardCharsets.US_ASCII));
      data.write(body);
      ctx.dataWriter().writeNow(data);
    }

    @Override
    public void handle(Semaphore requestSemaphore) {
      handle((Limit) null);
    }

    /**
     * Reads past the request line and headers, so that closing does not reset the connection under
     * the answer.
     */
    private static void skipRequestHead(DataReader reader) {
      try {
        for (int lines = 0; lines < 200; lines++) {
          int eol = reader.findNewLine(MAX_REQUEST_LINE);
          if (eol >= MAX_REQUEST_LINE) {
            return;
          }
          reader.skip(eol + 2);
          if (eol == 0) {
            return; // the blank line after the headers
          }
        }
      } catch (RuntimeException e) {
        // a malformed or cut-short request: answer anyway
      }
    }

    @Override
    public Duration idleTime() {
      return Duration.ZERO;
    }

    @Override
    public void close(boolean interrupt) {
      // the answer is one write; the connection ends right after it
    }
  }
}
