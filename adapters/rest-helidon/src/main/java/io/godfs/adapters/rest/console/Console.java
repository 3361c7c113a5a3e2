package io.godfs.adapters.rest.console;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.staticcontent.ClasspathHandlerConfig;
import io.helidon.webserver.staticcontent.StaticContentFeature;

/**
 * The web console (ADR 0023, "The web console"): a few static files (plain ES modules, one CSS
 * file) under {@value #PATH}/ from this jar's {@value #RESOURCES} folder. They hold no data, so
 * they are served without a credential ({@code AuthFilter} lets {@value #PATH} through); every call
 * they make is a {@code /v1} request with the bearer the user gave, through the same filters. Since
 * that bearer sits in {@code sessionStorage}, the pages go out with a strict Content Security
 * Policy that also requires Trusted Types: no inline script, and any {@code innerHTML} throws.
 */
public final class Console {
  /** Where the console is served. */
  public static final String PATH = "/console";

  /** The classpath folder of its files. */
  static final String RESOURCES = "godfs-console";

  /** The policy of every console answer. */
  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none';"
          + " require-trusted-types-for 'script'";

  private Console() {}

  /** Whether {@code path} is the console's (and so open to callers without a credential). */
  public static boolean serves(String path) {
    return path.equals(PATH) || path.startsWith(PATH + "/");
  }

  /** Adds the console's security headers, its files, and {@code /console} → {@code /console/}. */
  public static void register(HttpRouting.Builder routing) {
    routing.addFilter(new Headers());
    routing.get(
        PATH,
        (req, res) -> {
          res.status(Status.MOVED_PERMANENTLY_301);
          res.header(HeaderNames.LOCATION, PATH + "/");
          res.send();
        });
    routing.register(
        PATH,
        StaticContentFeature.createService(
            ClasspathHandlerConfig.builder()
                .location(RESOURCES)
                .welcome("index.html")
                .classLoader(Console.class.getClassLoader())
                .build()));
  }

  /** The headers every console answer carries, whatever the file (or a 404). */
  private static final class Headers implements Filter {
    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
      if (serves(req.path().path())) {
        res.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        res.header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
        res.header("Referrer-Policy", "no-referrer");
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
      }
      chain.proceed();
    }
  }
}
