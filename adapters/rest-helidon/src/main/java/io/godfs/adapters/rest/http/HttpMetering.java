package io.godfs.adapters.rest.http;

import io.godfs.application.port.out.HttpMeter;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Records every request into an {@link HttpMeter} (ADR 0023): in flight while it runs, then its
 * method, route, status, time and body bytes. Right after {@link RequestIdFilter}, so refusals of
 * the later filters (401, 413, 429) are counted too. The route is the pattern the request matched
 * ({@code /v1/fs/content}), {@code unmatched} when none did (refused before routing, or an unknown
 * path), never the raw path, which is user data.
 */
public final class HttpMetering implements Filter {
  /** The route of a request that no pattern took. */
  public static final String UNMATCHED = "unmatched";

  private final HttpMeter meter;

  public HttpMetering(HttpMeter meter) {
    this.meter = meter;
  }

  @Override
  public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
    long start = System.nanoTime();
    meter.started();
    try {
      chain.proceed();
    } finally {
      meter.ended(
          req.prologue().method().text(),
          // The catch-all route that answers unknown paths has the empty pattern.
          req.matchingPattern().filter(p -> !p.isEmpty()).orElse(UNMATCHED),
          res.status().code(),
          System.nanoTime() - start,
          res.bytesWritten());
    }
  }
}
