package io.godfs.bootstrap.logging;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * {@code /loggers} on a node's listener (ADR 0023, "Logs"). {@code GET /loggers}: the levels set in
 * this process, as JSON. {@code PUT /loggers/<name>} with {@code {"level":"DEBUG","for":"15m"}}:
 * that logger's level for that long ({@code root} is the root logger; {@code for} defaults to 15
 * minutes, at most 24 h), logged at WARNING with the caller's certificate subject. The listener
 * puts the {@code /metrics} rule in front (a certificate of the cluster CA or the scrape token); a
 * change takes more: a client certificate the handshake verified, since the scrape token only
 * reads. A node with neither TLS nor a token is insecure as a whole, and its levels are open like
 * its other ports.
 */
public final class LoggersEndpoint implements HttpHandler {
  static final String PATH = "/loggers";
  private static final int MAX_BODY = 1024;
  static final String CERTIFICATE_NEEDED =
      "changing a log level needs a client certificate of the cluster CA (the scrape token only"
          + " reads)";

  private final LogLevels levels;
  private final boolean open;
  private final Function<String, Duration> durations;

  /**
   * {@code open}: the node has neither TLS nor a scrape token, so anyone may change a level; {@code
   * durations} reads {@code for} as the settings read durations ({@code 15m}, {@code 1h30m}),
   * throwing {@link IllegalArgumentException} for anything else.
   */
  public LoggersEndpoint(LogLevels levels, boolean open, Function<String, Duration> durations) {
    this.levels = levels;
    this.open = open;
    this.durations = durations;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String rest = exchange.getRequestURI().getPath().substring(PATH.length());
      String method = exchange.getRequestMethod();
      if (!rest.isEmpty() && !rest.startsWith("/")) {
        send(exchange, 404, error("no such path"));
      } else if (method.equals("GET") || method.equals("HEAD")) {
        if (rest.isEmpty() || rest.equals("/")) {
          send(exchange, 200, list());
        } else {
          send(
              exchange, 404, error("GET /loggers lists every level; PUT /loggers/<name> sets one"));
        }
      } else if (method.equals("PUT")) {
        put(exchange, rest.length() > 1 ? rest.substring(1) : "");
      } else {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD, PUT");
        send(exchange, 405, error("only GET, HEAD and PUT"));
      }
    }
  }

  private void put(HttpExchange exchange, String name) throws IOException {
    if (name.isEmpty()) {
      send(exchange, 404, error("PUT /loggers/<name> (root for the root logger)"));
      return;
    }
    Optional<String> subject = verifiedSubject(exchange);
    if (subject.isEmpty() && !open) {
      send(exchange, 403, error(CERTIFICATE_NEEDED));
      return;
    }
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(MAX_BODY + 1);
    }
    if (body.length > MAX_BODY) {
      send(exchange, 413, error("the body is over " + MAX_BODY + " bytes"));
      return;
    }
    LogLevels.Change change;
    String logger;
    try {
      logger = LogLevelSpec.loggerName(name);
      Map<String, String> fields = FlatJson.parse(new String(body, StandardCharsets.UTF_8));
      for (String field : fields.keySet()) {
        if (!field.equals("level") && !field.equals("for")) {
          throw new IllegalArgumentException(
              "unknown field \"" + LogText.escaped(field) + "\" (expected: level, for)");
        }
      }
      String levelName = fields.get("level");
      if (levelName == null) {
        throw new IllegalArgumentException("\"level\" is missing");
      }
      Level level = LogLevelNames.parse(levelName);
      Duration forHowLong =
          Optional.ofNullable(fields.get("for")).map(durations).orElse(LogLevels.DEFAULT_FOR);
      change =
          levels.change(logger, level, forHowLong, subject.orElse("a caller of an insecure node"));
    } catch (IllegalArgumentException e) {
      send(exchange, 400, error(e.getMessage()));
      return;
    }
    send(
        exchange,
        200,
        "{\"logger\":" + FlatJson.quoted(shown(logger)) + changeFields(change) + "}");
  }

  private String list() {
    StringBuilder out = new StringBuilder("{\"loggers\":{");
    boolean first = true;
    for (LogLevels.Entry entry : levels.entries()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      out.append(FlatJson.quoted(shown(entry.name()))).append(":{");
      if (entry.change().isPresent()) {
        out.append(changeFields(entry.change().get()).substring(1));
      } else {
        out.append("\"level\":").append(FlatJson.quoted(LogLevelNames.name(entry.level())));
      }
      out.append('}');
    }
    return out.append("}}").toString();
  }

  /** {@code ,"level":..,"until":..,"reverts_to":..,"by":..}. */
  private static String changeFields(LogLevels.Change change) {
    return ",\"level\":"
        + FlatJson.quoted(LogLevelNames.name(change.level()))
        + ",\"until\":"
        + FlatJson.quoted(change.until().toString())
        + ",\"reverts_to\":"
        + FlatJson.quoted(change.before().map(LogLevelNames::name).orElse("inherited"))
        + ",\"by\":"
        + FlatJson.quoted(change.by());
  }

  private static String shown(String name) {
    return name.isEmpty() ? "root" : name;
  }

  /** The subject of the client certificate the handshake verified, if one was presented. */
  static Optional<String> verifiedSubject(HttpExchange exchange) {
    if (!(exchange instanceof HttpsExchange https)) {
      return Optional.empty();
    }
    try {
      Certificate[] chain = https.getSSLSession().getPeerCertificates();
      if (chain.length > 0 && chain[0] instanceof X509Certificate leaf) {
        return Optional.of(leaf.getSubjectX500Principal().getName());
      }
      return Optional.empty();
    } catch (SSLPeerUnverifiedException e) {
      return Optional.empty(); // none presented
    }
  }

  private static String error(String message) {
    return "{\"error\":" + FlatJson.quoted(message) + "}";
  }

  private static void send(HttpExchange exchange, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : body.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
