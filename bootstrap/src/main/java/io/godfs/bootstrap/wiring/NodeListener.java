package io.godfs.bootstrap.wiring;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.godfs.adapters.grpc.tls.GrpcTls;
import io.godfs.adapters.grpc.tls.TlsManagers;
import io.godfs.bootstrap.config.Durations;
import io.godfs.bootstrap.logging.LogLevels;
import io.godfs.bootstrap.logging.LoggersEndpoint;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A node's HTTP listener (HTTPS when the node runs TLS) beside a master's or chunkserver's gRPC
 * port. For orchestrators (Kubernetes probes, compose, load balancers): {@code GET /health/live} is
 * 200 while the process serves HTTP at all; {@code GET /health/ready} is 200 when the node is ready
 * for traffic, else 503 with the reason. For Prometheus: {@code GET /metrics}, behind {@link
 * MetricsGuard} (ADR 0023); beside it {@code /loggers}, the log levels ({@link LoggersEndpoint}).
 * The JDK's own server: a probe every few seconds and a scrape every 15 s need no framework. Each
 * exchange runs on its own virtual thread and a request must arrive within 10 s, so no client can
 * block the probes.
 */
public final class NodeListener implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(NodeListener.class.getName());

  static {
    // The JDK server cuts a connection whose request takes longer than this to arrive, or whose
    // answer takes longer to be taken, so stalled clients do not pile up (unless the operator set
    // these properties). Read once, when the JDK server's classes load.
    setIfAbsent("sun.net.httpserver.maxReqTime", "10");
    setIfAbsent("sun.net.httpserver.maxRspTime", "10");
  }

  private static void setIfAbsent(String property, String value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, value);
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;

  private NodeListener(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Serves on {@code host:port} ({@code host} empty = every interface; port 0 = a free port). */
  public static NodeListener start(String host, int port, Readiness readiness) {
    return start(host, port, readiness, Optional.empty());
  }

  /**
   * As above, over HTTPS when the node's gRPC runs TLS ({@code tls}): the node's own certificate
   * (reloaded alike), TLS 1.3 or 1.2, and nothing in plaintext. With trusted CAs a client
   * certificate is asked for and, when one is presented, must be one they verify (another CA's is
   * refused in the handshake); none is required, because orchestrators' probes (the kubelet, load
   * balancers) cannot present one, and the answers say only whether the node is up and ready.
   */
  public static NodeListener start(
      String host, int port, Readiness readiness, Optional<GrpcTls> tls) {
    return start(host, port, readiness, tls, false);
  }

  /**
   * As above; {@code requireClientCertificate} ({@code GODFS_HEALTH_CLIENT_CERT=required}) refuses
   * in the handshake every client that presents no certificate of the trusted CAs, for operators
   * whose probes present one. It needs the node's TLS with a CA file: without them nothing could
   * verify a certificate, and the start stops naming the settings.
   */
  public static NodeListener start(
      String host,
      int port,
      Readiness readiness,
      Optional<GrpcTls> tls,
      boolean requireClientCertificate) {
    return start(host, port, readiness, tls, requireClientCertificate, Optional.empty());
  }

  /** A node's metrics and who may read them: its scrape token file, if any (ADR 0023). */
  public record Metrics(HttpHandler handler, Optional<Path> tokenFile) {}

  /**
   * As above, also serving {@code GET /metrics} when {@code metrics} is given, behind {@link
   * MetricsGuard}'s rule. A scrape token on plain HTTP is refused unless the listener is on a
   * loopback address: the bearer would cross the network in clear.
   */
  public static NodeListener start(
      String host,
      int port,
      Readiness readiness,
      Optional<GrpcTls> tls,
      boolean requireClientCertificate,
      Optional<Metrics> metrics) {
    Optional<MetricsGuard> guard = metrics.map(m -> guard(m, host, tls));
    if (requireClientCertificate && !tls.map(GrpcTls::verifiesClients).orElse(false)) {
      throw new IllegalArgumentException(
          "GODFS_HEALTH_CLIENT_CERT=required needs the node's TLS with a CA file"
              + " (GODFS_TLS_ENABLED and GODFS_TLS_CA_FILE)");
    }
    HttpServer server;
    InetSocketAddress address = new InetSocketAddress(Hosts.bindHost(host), port);
    try {
      if (tls.isPresent()) {
        HttpsServer https = HttpsServer.create(address, 16);
        https.setHttpsConfigurator(configurator(tls.get(), requireClientCertificate));
        server = https;
      } else {
        server = HttpServer.create(address, 16);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot listen for health checks on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    // A thread per exchange: a client that sends half a request (or reads its answer slowly) holds
    // only its own virtual thread, never the probes of everyone else.
    ExecutorService executor =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("health-http-", 0).factory());
    server.setExecutor(executor);
    server.createContext("/health/live", exchange -> answer(exchange, Optional.empty()));
    server.createContext(
        "/health/ready", exchange -> answer(exchange, readiness.notReadyBecause()));
    guard.ifPresent(g -> server.createContext("/metrics", g));
    metrics.ifPresent(m -> server.createContext("/loggers", loggers(m, tls)));
    server.start();
    return new NodeListener(server, executor);
  }

  private static MetricsGuard guard(Metrics metrics, String host, Optional<GrpcTls> tls) {
    Optional<ScrapeToken> token = metrics.tokenFile().map(ScrapeToken::from);
    if (token.isPresent() && tls.isEmpty() && !isLoopback(host)) {
      throw new IllegalArgumentException(
          "GODFS_METRICS_TOKEN_FILE needs the node's TLS (GODFS_TLS_ENABLED) when the listener is"
              + " not on a loopback address (it is on '"
              + host
              + "'): the token would cross the network in clear");
    }
    MetricsGuard guard =
        new MetricsGuard(
            metrics.handler(),
            token,
            tls.isPresent(),
            tls.map(GrpcTls::verifiesClients).orElse(false));
    if (guard.admitsNoOne()) {
      LOG.log(
          System.Logger.Level.WARNING,
          "/metrics will refuse every scraper: the node runs TLS without a CA file"
              + " (GODFS_TLS_CA_FILE) and without a scrape token (GODFS_METRICS_TOKEN_FILE)");
    }
    return guard;
  }

  /**
   * {@code /loggers} (ADR 0023, "Logs"): read under the {@code /metrics} rule; a change needs a
   * verified client certificate, unless the node is insecure as a whole (no TLS, no token).
   */
  private static MetricsGuard loggers(Metrics metrics, Optional<GrpcTls> tls) {
    boolean open = tls.isEmpty() && metrics.tokenFile().isEmpty();
    return new MetricsGuard(
        new LoggersEndpoint(LogLevels.process(), open, Durations::parse),
        metrics.tokenFile().map(ScrapeToken::from),
        tls.isPresent(),
        tls.map(GrpcTls::verifiesClients).orElse(false));
  }

  /** Whether {@code host} is a loopback address (an empty host is every interface: not). */
  public static boolean isLoopback(String host) {
    try {
      return !host.isBlank() && InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static HttpsConfigurator configurator(GrpcTls tls, boolean require) {
    GrpcTls.KeyPairFiles identity =
        tls.server()
            .orElseThrow(
                () -> new IllegalArgumentException("TLS is on but no certificate is given"));
    SSLContext context =
        TlsManagers.serverContext(identity, tls.trustedAuthorities(), tls.reloadEvery());
    boolean askForCertificates = tls.verifiesClients();
    return new HttpsConfigurator(context) {
      @Override
      public void configure(HttpsParameters parameters) {
        SSLParameters ssl = context.getDefaultSSLParameters();
        ssl.setProtocols(PROTOCOLS);
        if (require) {
          ssl.setNeedClientAuth(true);
        } else {
          ssl.setWantClientAuth(askForCertificates);
        }
        parameters.setSSLParameters(ssl);
      }
    };
  }

  /** The versions offered: a probe's TLS library may not have 1.3 yet; nothing older than 1.2. */
  static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

  public int port() {
    return server.getAddress().getPort();
  }

  private static void answer(HttpExchange exchange, Optional<String> notReady) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("GET")
          && !exchange.getRequestMethod().equals("HEAD")) {
        send(exchange, 405, "{\"error\":\"only GET and HEAD\"}");
        return;
      }
      if (notReady.isPresent()) {
        send(
            exchange,
            503,
            "{\"status\":\"not ready\",\"reason\":\"" + jsonEscape(notReady.get()) + "\"}");
      } else {
        send(exchange, 200, "{\"status\":\"ok\"}");
      }
    }
  }

  private static void send(HttpExchange exchange, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : body.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static String jsonEscape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
