package io.godfs.adapters.rest.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * 429 when a caller exceeds its rate. The caller is its credential (a hash of the
 * {@code Authorization} header, so keys never sit in memory as map keys) or else its IP address.
 */
public final class RateLimitFilter implements Filter {
  private final TokenBucketLimiter limiter;
  private final ErrorResponses errors;

  public RateLimitFilter(TokenBucketLimiter limiter, ErrorResponses errors) {
    this.limiter = limiter;
    this.errors = errors;
  }

  @Override
  public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
    String auth = req.headers().first(HeaderNames.AUTHORIZATION).orElse(null);
    String key = auth != null ? "key:" + sha256(auth) : "ip:" + req.remotePeer().host();
    if (!limiter.tryAcquire(key)) {
      errors.send(req, res, new ApiException(429, "rate_limited", "too many requests; slow down",
          Map.of("Retry-After", String.valueOf(limiter.retryAfterSeconds()))));
      return;
    }
    chain.proceed();
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
