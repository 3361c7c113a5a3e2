package io.godfs.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.adapters.grpc.tls.TestCertificates.Issued;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** HTTPS GETs of a health listener's live and ready paths. */
final class HealthProbe {
  private final int port;
  private final Path ca;

  HealthProbe(int port, Path ca) {
    this.port = port;
    this.ca = ca;
  }

  /** Both paths answer 200 to a client presenting {@code certificate} (or none). */
  void assertAnswered(Optional<Issued> certificate) throws Exception {
    try (HttpClient http =
        HttpClient.newBuilder()
            .sslContext(RestProbe.context(ca, certificate))
            .connectTimeout(Duration.ofSeconds(5))
            .build()) {
      for (String path : new String[] {"/health/live", "/health/ready"}) {
        HttpResponse<String> res =
            http.send(
                HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as(path + ": " + res.body()).isEqualTo(200);
      }
    }
  }
}
