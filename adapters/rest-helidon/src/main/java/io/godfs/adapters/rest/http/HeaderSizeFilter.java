package io.godfs.adapters.rest.http;

import io.helidon.http.Header;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Refuses requests whose headers together exceed {@code GODFS_GATEWAY_MAX_HEADER_BYTES} with a JSON
 * 431 (RFC 6585) naming both sizes. Helidon's own parser limit is set well above it (see {@link
 * #parserLimit}), so that only absurd headers are cut off there (a JSON 400 from {@link
 * JsonDirectHandler}), while a client that merely sends too much is told exactly that.
 */
public final class HeaderSizeFilter implements Filter {
  private final int maxBytes;
  private final ErrorResponses errors;

  public HeaderSizeFilter(int maxBytes, ErrorResponses errors) {
    this.maxBytes = maxBytes;
    this.errors = errors;
  }

  /** What Helidon's parser accepts: room to read the headers this filter then refuses. */
  public static int parserLimit(int maxBytes) {
    return Math.max(64 * 1024, 4 * maxBytes);
  }

  @Override
  public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
    long size = 0;
    for (Header header : req.headers()) {
      // name, ": ", values joined by ", ", CRLF: as they came on the wire, give or take the joins.
      size += header.name().length() + 4 + header.values().length();
    }
    if (size > maxBytes) {
      errors.send(
          req,
          res,
          new ApiException(
              431,
              "headers_too_large",
              "request headers are "
                  + size
                  + " bytes; this gateway accepts at most "
                  + maxBytes
                  + " (GODFS_GATEWAY_MAX_HEADER_BYTES)"));
      return;
    }
    chain.proceed();
  }
}
