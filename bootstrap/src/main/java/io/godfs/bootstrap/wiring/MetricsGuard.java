package io.godfs.bootstrap.wiring;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Who may read {@code /metrics} (ADR 0023): a client certificate that the TLS handshake verified
 * against the cluster CA (any role: a master, a chunkserver, or a {@code client} certificate made
 * for the scraper), or the scrape token as a bearer. Anything else is 401, whatever {@code
 * GODFS_HEALTH_CLIENT_CERT} lets through for the probes. A node without TLS and without a token is
 * insecure as a whole, and its metrics are open like its other ports.
 *
 * <p>The rule is checked per exchange, not in the handshake: the listener asks for certificates
 * only optionally (probes present none), and the JDK cannot ask for one after the handshake. A
 * certificate presented there was already verified (another CA's never gets this far); none
 * presented makes the session throw {@link SSLPeerUnverifiedException}.
 */
final class MetricsGuard implements HttpHandler {
  private static final String BEARER = "Bearer ";

  private final HttpHandler metrics;
  private final Optional<ScrapeToken> token;
  private final boolean secured;
  private final boolean admitsNoOne;
  private final String refusal;

  /**
   * {@code tls}: the listener serves HTTPS; {@code certificatesVerified}: it asks for client
   * certificates and verifies them (a CA file).
   */
  MetricsGuard(
      HttpHandler metrics, Optional<ScrapeToken> token, boolean tls, boolean certificatesVerified) {
    this.metrics = metrics;
    this.token = token;
    this.secured = tls || token.isPresent();
    this.admitsNoOne = tls && !certificatesVerified && token.isEmpty();
    if (!admitsNoOne) {
      this.refusal = "metrics need a client certificate of the cluster CA or the scrape token";
    } else {
      // TLS without a CA file and without a token: nothing could authenticate a scraper.
      this.refusal =
          "metrics need a client certificate of the cluster CA or the scrape token, and this node"
              + " has neither (set GODFS_TLS_CA_FILE or GODFS_METRICS_TOKEN_FILE)";
    }
  }

  /** Whether a scraper could ever be let in: false is worth a warning when the node starts. */
  boolean admitsNoOne() {
    return admitsNoOne;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    if (!secured || verifiedCertificate(exchange) || presentsToken(exchange)) {
      metrics.handle(exchange);
      return;
    }
    try (exchange) {
      // The body is drained by the server; the answer names what was missing, never the token.
      byte[] body = ("{\"error\":\"" + refusal + "\"}").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"godfs-metrics\"");
      boolean head = exchange.getRequestMethod().equals("HEAD");
      exchange.sendResponseHeaders(401, head ? -1 : body.length);
      if (!head) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }

  private static boolean verifiedCertificate(HttpExchange exchange) {
    if (!(exchange instanceof HttpsExchange https)) {
      return false;
    }
    try {
      return https.getSSLSession().getPeerCertificates().length > 0;
    } catch (SSLPeerUnverifiedException e) {
      return false; // none presented
    }
  }

  private boolean presentsToken(HttpExchange exchange) {
    if (token.isEmpty()) {
      return false;
    }
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    return authorization != null
        && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
        && token.get().matches(authorization.substring(BEARER.length()));
  }
}
