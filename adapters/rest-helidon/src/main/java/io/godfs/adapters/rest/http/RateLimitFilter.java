package io.godfs.adapters.rest.http;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;

/**
 * 429 when a caller exceeds its rate. Two of these run: one per source address before
 * authentication (so guessing keys, each wrong key a new header, is limited like anything else from
 * that address) and one per caller after it: the authenticated principal, however its {@code
 * Authorization} header is spelt, or the source address for anonymous and presigned calls. IPv6
 * sources count per /64, the block one host usually has.
 */
public final class RateLimitFilter implements Filter {
  private final TokenBucketLimiter limiter;
  private final ErrorResponses errors;
  private final Function<RoutingRequest, String> key;

  private RateLimitFilter(
      TokenBucketLimiter limiter, ErrorResponses errors, Function<RoutingRequest, String> key) {
    this.limiter = limiter;
    this.errors = errors;
    this.key = key;
  }

  /** Before authentication: per source address. */
  public static RateLimitFilter perSource(TokenBucketLimiter limiter, ErrorResponses errors) {
    return new RateLimitFilter(limiter, errors, RateLimitFilter::source);
  }

  /** After authentication: per principal, else per source address. */
  public static RateLimitFilter perCaller(TokenBucketLimiter limiter, ErrorResponses errors) {
    return new RateLimitFilter(
        limiter,
        errors,
        req -> {
          RequestInfo info = RequestInfo.of(req);
          return info.authenticated() ? "principal:" + info.principal() : source(req);
        });
  }

  @Override
  public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
    if (!limiter.tryAcquire(key.apply(req))) {
      errors.send(
          req,
          res,
          new ApiException(
              429,
              "rate_limited",
              "too many requests; slow down",
              Map.of("Retry-After", String.valueOf(limiter.retryAfterSeconds()))));
      return;
    }
    chain.proceed();
  }

  static String source(RoutingRequest req) {
    if (req.remotePeer().address() instanceof InetSocketAddress isa
        && isa.getAddress() instanceof Inet6Address v6) {
      byte[] prefix = Arrays.copyOf(v6.getAddress(), 16);
      Arrays.fill(prefix, 8, 16, (byte) 0);
      try {
        return "ip:" + InetAddress.getByAddress(prefix).getHostAddress() + "/64";
      } catch (UnknownHostException e) {
        throw new IllegalStateException("16 bytes are an IPv6 address", e);
      }
    }
    return "ip:" + req.remotePeer().host();
  }
}
