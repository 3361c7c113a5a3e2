package io.godfs.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.adapters.grpc.tls.TestCertificates.Issued;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** GETs of a node listener's {@code /metrics} over HTTPS (ADR 0023). */
final class MetricsProbe {
  static final String REFUSAL =
      "{\"error\":\"metrics need a client certificate of the cluster CA or the scrape token\"}";

  private final int port;
  private final Path ca;

  MetricsProbe(int port, Path ca) {
    this.port = port;
    this.ca = ca;
  }

  /** A client presenting {@code certificate} and {@code bearer} gets 200 and {@code expected}. */
  void assertServed(Optional<Issued> certificate, Optional<String> bearer, String expected)
      throws Exception {
    assertThat(scrape(certificate, bearer)).contains(expected);
  }

  /** The metrics, as a client presenting {@code certificate} and {@code bearer} reads them. */
  String scrape(Optional<Issued> certificate, Optional<String> bearer) throws Exception {
    HttpResponse<String> res = get(certificate, bearer);
    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    return res.body();
  }

  /** A client without a certificate presenting {@code bearer} gets 401 and the refusal. */
  void assertRefused(Optional<String> bearer) throws Exception {
    HttpResponse<String> res = get(Optional.empty(), bearer);
    assertThat(res.statusCode()).as(res.body()).isEqualTo(401);
    assertThat(res.body()).isEqualTo(REFUSAL);
  }

  /** Plain HTTP to the HTTPS port gets no answer. */
  void assertPlainHttpRefused() {
    try (HttpClient http = HttpClient.newHttpClient()) {
      assertThatThrownBy(
              () ->
                  http.send(
                      HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                          .timeout(Duration.ofSeconds(10))
                          .build(),
                      HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(IOException.class);
    }
  }

  private HttpResponse<String> get(Optional<Issued> certificate, Optional<String> bearer)
      throws Exception {
    try (HttpClient http =
        HttpClient.newBuilder()
            .sslContext(RestProbe.context(ca, certificate))
            .connectTimeout(Duration.ofSeconds(5))
            .build()) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/metrics"))
              .timeout(Duration.ofSeconds(10));
      bearer.ifPresent(b -> request.header("Authorization", "Bearer " + b));
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
  }
}
