package io.godfs.bootstrap.e2e;

import static io.godfs.bootstrap.e2e.PortRefusalMatrixIT.cell;
import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.adapters.grpc.tls.TestCertificates.Issued;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;

/**
 * The refusal matrix's row "loggers" (ADR 0023, "Logs"), on the master's listener of {@link
 * MatrixCluster}: {@code GET /loggers} under the {@code /metrics} rule, {@code PUT /loggers/<name>}
 * only with a certificate of the cluster CA ("other op": the scrape token, which only reads, is
 * 403). The level changed is a test logger's, for a minute.
 */
final class LoggersRow {
  private static final String LOGGER = "io.godfs.test.matrix.loggers";
  private static final String CHANGE = "{\"level\":\"DEBUG\",\"for\":\"1m\"}";

  private LoggersRow() {}

  static Stream<DynamicNode> cells(MatrixCluster cluster) {
    int port = cluster.optionalHealth.port();
    LoggersRow.Probe probe = new Probe(cluster, port);
    String token = MatrixCluster.SCRAPE_TOKEN;
    return Stream.of(
        cell(
            "no credential",
            "401",
            () -> {
              probe.assertStatus(Optional.empty(), Optional.empty(), false, 401);
              probe.assertStatus(Optional.empty(), Optional.empty(), true, 401);
            }),
        cell(
            "certificate from another CA",
            "refused in the handshake",
            () ->
                PortRefusalMatrixIT.assertHandshakeRefused(
                    port, Optional.of(cluster.stranger), PortRefusalMatrixIT.UNTRUSTED)),
        cell(
            "the scrape token changes a level",
            "403",
            () -> {
              String body = probe.assertStatus(Optional.empty(), Optional.of(token), true, 403);
              assertThat(body).contains("needs a client certificate of the cluster CA");
            }),
        cell(
            "allowed: the scrape token reads the levels",
            "200",
            () -> probe.assertStatus(Optional.empty(), Optional.of(token), false, 200)),
        cell(
            "allowed: a certificate of the cluster CA changes a level",
            "200",
            () -> {
              probe.assertStatus(Optional.of(cluster.member), Optional.empty(), true, 200);
              assertThat(Logger.getLogger(LOGGER).getLevel()).isEqualTo(Level.FINE);
            }));
  }

  private record Probe(MatrixCluster cluster, int port) {
    /** GET /loggers, or PUT /loggers/LOGGER; returns the body after checking the status. */
    String assertStatus(
        Optional<Issued> certificate, Optional<String> bearer, boolean change, int expected)
        throws Exception {
      try (HttpClient http =
          HttpClient.newBuilder()
              .sslContext(RestProbe.context(cluster.ca.certificate(), certificate))
              .connectTimeout(Duration.ofSeconds(5))
              .build()) {
        String path = change ? "/loggers/" + LOGGER : "/loggers";
        HttpRequest.Builder request =
            HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10));
        bearer.ifPresent(b -> request.header("Authorization", "Bearer " + b));
        if (change) {
          request.PUT(HttpRequest.BodyPublishers.ofString(CHANGE));
        }
        HttpResponse<String> res = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as(res.body()).isEqualTo(expected);
        return res.body();
      }
    }
  }
}
