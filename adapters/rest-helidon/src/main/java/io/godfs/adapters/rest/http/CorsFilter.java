package io.godfs.adapters.rest.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.Set;

/**
 * CORS for browsers, off unless origins are configured: an allow-list (or {@code *}); the origin is
 * echoed with {@code Vary: Origin}; a preflight ({@code OPTIONS} with {@code
 * Access-Control-Request-Method}) is answered here with 204 and never reaches auth.
 */
public final class CorsFilter implements Filter {
  static final String ALLOW_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";
  static final String ALLOW_HEADERS =
      "Authorization, Content-Type, Range, If-Range, If-None-Match, If-Match, "
          + "If-Modified-Since, If-Unmodified-Since, X-Request-ID";
  static final String EXPOSE_HEADERS =
      "ETag, Last-Modified, Content-Range, Accept-Ranges, Content-Length, X-Request-ID";
  private final Set<String> origins;

  public CorsFilter(Set<String> origins) {
    this.origins = Set.copyOf(origins);
  }

  @Override
  public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
    String origin = req.headers().first(HeaderNames.ORIGIN).orElse(null);
    boolean allowed = origin != null && (origins.contains("*") || origins.contains(origin));
    if (allowed) {
      res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origins.contains("*") ? "*" : origin);
      res.header(HeaderNames.VARY, "Origin");
      res.header(HeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSE_HEADERS);
    }
    boolean preflight =
        req.prologue().method().equals(Method.OPTIONS)
            && req.headers().contains(HeaderNames.ACCESS_CONTROL_REQUEST_METHOD);
    if (preflight) {
      if (allowed) {
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_METHODS, ALLOW_METHODS);
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, ALLOW_HEADERS);
        res.header(HeaderNames.ACCESS_CONTROL_MAX_AGE, "600");
      }
      res.status(204).send();
      return;
    }
    chain.proceed();
  }
}
