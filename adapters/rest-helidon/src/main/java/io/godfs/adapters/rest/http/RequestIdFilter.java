package io.godfs.adapters.rest.http;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The outermost filter: keeps a sane {@code X-Request-ID} or makes one (16 hex chars), echoes it on
 * every response (429s and 401s included) and logs one access line per request at DEBUG.
 */
public final class RequestIdFilter implements Filter {
  public static final HeaderName X_REQUEST_ID = HeaderNames.create("X-Request-ID");
  private static final System.Logger ACCESS = System.getLogger("io.godfs.adapters.rest.access");
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
  private static final SecureRandom RANDOM = new SecureRandom();

  @Override
  public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
    String id = keptOrNew(req.headers().first(X_REQUEST_ID).orElse(""));
    RequestInfo info = new RequestInfo(id);
    req.context().register(info);
    res.header(X_REQUEST_ID, id);
    long start = System.nanoTime();
    try {
      chain.proceed();
    } finally {
      if (ACCESS.isLoggable(Level.DEBUG)) {
        ACCESS.log(
            Level.DEBUG,
            id
                + " "
                + info.principal()
                + " "
                + req.prologue().method().text()
                + " "
                + req.path().path()
                + " "
                + res.status().code()
                + " "
                + (System.nanoTime() - start) / 1_000_000
                + "ms");
      }
    }
  }

  /**
   * The client's {@code X-Request-ID} when it is sane (1-128 of {@code [A-Za-z0-9._:-]}), else a
   * new one.
   */
  static String keptOrNew(String given) {
    if (SANE.matcher(given).matches()) {
      return given;
    }
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
