package io.godfs.bootstrap.mount;

import com.sun.net.httpserver.HttpServer;
import io.godfs.adapters.telemetry.NodeMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A metered mount's registry served over HTTP on a free loopback port and scraped as Prometheus
 * would, so that a test counts what the mount did (its callbacks, its calls to the master) from the
 * figures an operator sees.
 */
final class ScrapedMetrics implements AutoCloseable {
  private static final Pattern MASTER_CALLS =
      Pattern.compile(
          "(?m)^grpc_client_handling_seconds_count\\{grpc_method=\"(\\w+)\"[^}]*} ([0-9.eE+]+)$");

  private final HttpServer server;

  ScrapedMetrics(NodeMetrics metrics) {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/metrics", metrics.handler());
    server.start();
  }

  /** The registry's text as a scrape gets it. */
  String text() throws IOException, InterruptedException {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/metrics"))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    }
  }

  /** The mount's calls to the master so far, by method. */
  Map<String, Double> masterCalls() throws IOException, InterruptedException {
    Map<String, Double> calls = new TreeMap<>();
    Matcher m = MASTER_CALLS.matcher(text());
    while (m.find()) {
      calls.merge(m.group(1), Double.parseDouble(m.group(2)), Double::sum);
    }
    return calls;
  }

  /** How many more calls of {@code method} {@code to} counts than {@code from}. */
  static double delta(Map<String, Double> from, Map<String, Double> to, String method) {
    return to.getOrDefault(method, 0.0) - from.getOrDefault(method, 0.0);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
