package io.godfs.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.adapters.grpc.tls.GrpcTls;
import io.godfs.adapters.grpc.tls.TestCertificates;
import io.godfs.adapters.grpc.tls.TestCertificates.Ca;
import io.godfs.adapters.grpc.tls.TestCertificates.Issued;
import io.godfs.adapters.telemetry.NodeMetrics;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} on a node's listener, over real HTTPS with the node's certificate (ADR 0023): a
 * client certificate of the cluster CA or the scrape token reads it, in the Prometheus text format
 * or OpenMetrics as asked, gzipped when asked; anyone else gets 401 while the probes stay open.
 */
class NodeListenerMetricsTest {
  private static final String TOKEN = "3f9a1c0e5b7d2a4c6e8f0a1b3c5d7e9f";

  @TempDir static Path pki;
  @TempDir Path dir;
  static Ca ca;
  static Ca otherCa;
  static Issued node;
  static Issued scraper;
  static Issued stranger;

  NodeListener listener;

  @BeforeAll
  static void certificates() {
    ca = TestCertificates.newCa(pki.resolve("ca"), "cluster-ca");
    otherCa = TestCertificates.newCa(pki.resolve("other"), "other-ca");
    node = ca.issue("CN=chunk-1,OU=chunkserver");
    scraper = ca.issue("CN=prometheus,OU=client");
    stranger = otherCa.issue("CN=prometheus,OU=client");
  }

  @AfterEach
  void stop() {
    if (listener != null) {
      listener.close();
    }
  }

  private static Optional<GrpcTls> tls(boolean withCa) {
    return NodeListenerTlsTest.nodeTls(node, withCa ? List.of(ca.certificate()) : List.of());
  }

  private void start(String host, Optional<GrpcTls> tls, Optional<Path> tokenFile) {
    NodeMetrics metrics = NodeMetrics.of("goDFS 0.1.0", "chunkserver", "chunk-1");
    listener =
        NodeListener.start(
            host,
            0,
            Optional::empty,
            tls,
            false,
            Optional.of(new NodeListener.Metrics(metrics.handler(), tokenFile)));
  }

  private Path tokenFile(String token) throws IOException {
    Path file = dir.resolve("scrape-token");
    Files.writeString(file, token + "\n");
    return file;
  }

  private HttpResponse<byte[]> get(String scheme, SSLContext tls, String path, String... headers)
      throws Exception {
    try (HttpClient http =
        HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build()) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(scheme + "://127.0.0.1:" + listener.port() + path))
              .timeout(Duration.ofSeconds(10));
      if (headers.length > 0) {
        request.headers(headers);
      }
      return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
  }

  private static SSLContext trusting(Optional<Issued> identity) {
    return TestCertificates.clientContext(ca.certificate(), identity);
  }

  private static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  @Test
  void aClientCertificateOfTheClusterCaReadsTheMetricsInThePrometheusTextFormat() throws Exception {
    start("127.0.0.1", tls(true), Optional.empty());

    HttpResponse<byte[]> metrics = get("https", trusting(Optional.of(scraper)), "/metrics");

    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
    assertThat(text(metrics))
        .contains("# TYPE godfs_build_info gauge")
        .contains(
            "godfs_build_info{node=\"chunk-1\",role=\"chunkserver\",version=\"goDFS 0.1.0\"} 1")
        .contains("jvm_memory_used_bytes{area=\"heap\"}")
        .contains("process_cpu_seconds_total");
  }

  @Test
  void aScraperThatAsksForOpenMetricsGetsItAndGzipWhenItAsks() throws Exception {
    start("127.0.0.1", tls(true), Optional.empty());
    SSLContext client = trusting(Optional.of(scraper));

    HttpResponse<byte[]> open =
        get(
            "https",
            client,
            "/metrics",
            "Accept",
            "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5");
    assertThat(open.headers().firstValue("Content-Type"))
        .hasValueSatisfying(
            type -> assertThat(type).startsWith("application/openmetrics-text; version=1.0.0"));
    assertThat(text(open)).contains("# TYPE godfs_build info").endsWith("# EOF\n");

    HttpResponse<byte[]> zipped = get("https", client, "/metrics", "Accept-Encoding", "gzip");
    assertThat(zipped.headers().firstValue("Content-Encoding")).contains("gzip");
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .contains("godfs_build_info{");
    }
  }

  @Test
  void withoutACertificateOrTheTokenTheMetricsAreRefusedAndTheProbesStillAnswered()
      throws Exception {
    start("127.0.0.1", tls(true), Optional.of(tokenFile(TOKEN)));
    SSLContext anonymous = trusting(Optional.empty());

    HttpResponse<byte[]> refused = get("https", anonymous, "/metrics");

    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    assertThat(text(refused))
        .isEqualTo(
            "{\"error\":\"metrics need a client certificate of the cluster CA or the scrape"
                + " token\"}");
    assertThat(get("https", anonymous, "/health/ready").statusCode()).isEqualTo(200);
  }

  @Test
  void theTokenReadsTheMetricsAndATokenOneCharacterOffDoesNot() throws Exception {
    start("127.0.0.1", tls(true), Optional.of(tokenFile(TOKEN)));
    SSLContext anonymous = trusting(Optional.empty());

    assertThat(get("https", anonymous, "/metrics", "Authorization", "Bearer " + TOKEN).statusCode())
        .isEqualTo(200);
    String offByOne = TOKEN.substring(0, TOKEN.length() - 1) + "0";
    HttpResponse<byte[]> refused =
        get("https", anonymous, "/metrics", "Authorization", "Bearer " + offByOne);
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(text(refused)).doesNotContain(TOKEN).doesNotContain(offByOne);
    assertThat(get("https", anonymous, "/metrics", "Authorization", "Basic " + TOKEN).statusCode())
        .isEqualTo(401);
  }

  @Test
  void aRotatedTokenAppliesWithoutARestart() throws Exception {
    Path file = tokenFile(TOKEN);
    start("127.0.0.1", tls(true), Optional.of(file));
    String next = "b".repeat(40);
    Files.writeString(file, next);
    // The mtime moves on its own; set it apart explicitly so a coarse file clock cannot hide it.
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
    SSLContext anonymous = trusting(Optional.empty());

    assertThat(get("https", anonymous, "/metrics", "Authorization", "Bearer " + next).statusCode())
        .isEqualTo(200);
    assertThat(get("https", anonymous, "/metrics", "Authorization", "Bearer " + TOKEN).statusCode())
        .isEqualTo(401);
  }

  @Test
  void aCertificateOfAnotherCaIsRefusedInTheHandshakeAndPlainHttpIsNotServed() {
    start("127.0.0.1", tls(true), Optional.empty());

    assertThatThrownBy(
            () ->
                get(
                    "https",
                    NodeListenerTlsTest.presenting(stranger, ca.certificate()),
                    "/metrics"))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> get("http", trusting(Optional.empty()), "/metrics"))
        .isInstanceOf(IOException.class);
  }

  @Test
  void tlsWithoutACaFileOrATokenAdmitsNoScraperAndSaysWhichSettingsWouldHelp() throws Exception {
    start("127.0.0.1", tls(false), Optional.empty());

    HttpResponse<byte[]> refused = get("https", trusting(Optional.empty()), "/metrics");

    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(text(refused)).contains("GODFS_TLS_CA_FILE").contains("GODFS_METRICS_TOKEN_FILE");
  }

  @Test
  void anInsecureNodesMetricsAreOpenAndItsTokenIsCheckedOnLoopback() throws Exception {
    start("127.0.0.1", Optional.empty(), Optional.empty());
    assertThat(get("http", trusting(Optional.empty()), "/metrics").statusCode()).isEqualTo(200);
    listener.close();

    start("127.0.0.1", Optional.empty(), Optional.of(tokenFile(TOKEN)));
    assertThat(get("http", trusting(Optional.empty()), "/metrics").statusCode()).isEqualTo(401);
    assertThat(
            get("http", trusting(Optional.empty()), "/metrics", "Authorization", "Bearer " + TOKEN)
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void aTokenInClearOffLoopbackOrAShortTokenStopsTheStartNamingTheSetting() throws Exception {
    Path token = tokenFile(TOKEN);
    assertThatThrownBy(() -> start("", Optional.empty(), Optional.of(token)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("GODFS_METRICS_TOKEN_FILE needs the node's TLS")
        .hasMessageNotContaining(TOKEN);
    Path shortToken = tokenFile("s3cret");
    assertThatThrownBy(() -> start("127.0.0.1", tls(true), Optional.of(shortToken)))
        .hasMessageContaining("GODFS_METRICS_TOKEN_FILE")
        .hasMessageContaining("holds 6 characters (expected: a token of 32 or more")
        .hasMessageNotContaining("s3cret");
  }
}
