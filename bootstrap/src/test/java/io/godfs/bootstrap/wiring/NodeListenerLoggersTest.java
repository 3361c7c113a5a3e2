package io.godfs.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.godfs.adapters.grpc.tls.GrpcTls;
import io.godfs.adapters.grpc.tls.TestCertificates;
import io.godfs.adapters.grpc.tls.TestCertificates.Ca;
import io.godfs.adapters.grpc.tls.TestCertificates.Issued;
import io.godfs.adapters.telemetry.NodeMetrics;
import io.godfs.bootstrap.logging.LogLevels;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /loggers} on a node's listener over real HTTPS (ADR 0023, "Logs"): a certificate of the
 * cluster CA reads and changes levels, the scrape token only reads, no credential is 401; a change
 * is logged at WARNING with the certificate's subject and reverted when its time is up.
 */
class NodeListenerLoggersTest {
  private static final String TOKEN = "3f9a1c0e5b7d2a4c6e8f0a1b3c5d7e9f";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path pki;
  @TempDir Path dir;
  static Ca ca;
  static Issued node;
  static Issued operator;

  NodeListener listener;
  final Logger changes = Logger.getLogger(LogLevels.class.getName());
  final List<LogRecord> logged = new CopyOnWriteArrayList<>();
  final Handler recorder =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          logged.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeAll
  static void certificates() {
    ca = TestCertificates.newCa(pki.resolve("ca"), "cluster-ca");
    node = ca.issue("CN=chunk-1,OU=chunkserver");
    operator = ca.issue("CN=alice,OU=client");
  }

  @BeforeEach
  void start() throws Exception {
    changes.setLevel(Level.INFO);
    changes.addHandler(recorder);
    Path token = dir.resolve("scrape-token");
    Files.writeString(token, TOKEN);
    Optional<GrpcTls> tls = NodeListenerTlsTest.nodeTls(node, List.of(ca.certificate()));
    listener =
        NodeListener.start(
            "127.0.0.1",
            0,
            Optional::empty,
            tls,
            false,
            Optional.of(
                new NodeListener.Metrics(
                    NodeMetrics.of("goDFS test", "chunkserver", "chunk-1").handler(),
                    Optional.of(token))));
  }

  @AfterEach
  void stop() {
    changes.removeHandler(recorder);
    listener.close();
  }

  private HttpResponse<String> call(
      Optional<Issued> certificate, Optional<String> bearer, String path, Optional<String> put)
      throws Exception {
    SSLContext tls = TestCertificates.clientContext(ca.certificate(), certificate);
    try (HttpClient http =
        HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build()) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + listener.port() + path))
              .timeout(Duration.ofSeconds(10));
      bearer.ifPresent(b -> request.header("Authorization", "Bearer " + b));
      put.ifPresent(body -> request.PUT(HttpRequest.BodyPublishers.ofString(body)));
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
  }

  private HttpResponse<String> put(Optional<Issued> certificate, String logger, String body)
      throws Exception {
    return call(certificate, Optional.empty(), "/loggers/" + logger, Optional.of(body));
  }

  private JsonNode levels(Optional<Issued> certificate, Optional<String> bearer) throws Exception {
    HttpResponse<String> res = call(certificate, bearer, "/loggers", Optional.empty());
    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    assertThat(res.headers().firstValue("Content-Type")).contains("application/json");
    return JSON.readTree(res.body()).get("loggers");
  }

  @Test
  void aCertificateOfTheClusterCaChangesALevelForAWhileAndTheChangeIsLoggedWithItsSubject()
      throws Exception {
    String name = "io.godfs.test.loggers.changed";
    Instant before = Instant.now();

    HttpResponse<String> res =
        put(Optional.of(operator), name, "{\"level\":\"DEBUG\",\"for\":\"15m\"}");

    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    assertThat(Logger.getLogger(name).getLevel()).isEqualTo(Level.FINE);
    JsonNode entry = levels(Optional.of(operator), Optional.empty()).get(name);
    assertThat(entry.get("level").asText()).isEqualTo("DEBUG");
    assertThat(entry.get("reverts_to").asText()).isEqualTo("inherited");
    assertThat(entry.get("by").asText()).isEqualTo("CN=alice,OU=client");
    Instant until = Instant.parse(entry.get("until").asText());
    assertThat(until).isBetween(before.plusSeconds(899), Instant.now().plusSeconds(901));
    assertThat(logged)
        .anySatisfy(
            record -> {
              assertThat(record.getLevel()).isEqualTo(Level.WARNING);
              assertThat(List.of(record.getParameters())).contains(name, "CN=alice,OU=client");
            });
  }

  @Test
  void theRootIsListedAndTheTokenReadsButCannotChange() throws Exception {
    assertThat(levels(Optional.empty(), Optional.of(TOKEN)).has("root")).isTrue();

    HttpResponse<String> refused =
        call(
            Optional.empty(),
            Optional.of(TOKEN),
            "/loggers/io.godfs.test.loggers.token",
            Optional.of("{\"level\":\"DEBUG\"}"));

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body())
        .contains("needs a client certificate of the cluster CA")
        .doesNotContain(TOKEN);
    assertThat(Logger.getLogger("io.godfs.test.loggers.token").getLevel()).isNull();
  }

  @Test
  void withoutACredentialReadingAndChangingAreRefused() throws Exception {
    assertThat(call(Optional.empty(), Optional.empty(), "/loggers", Optional.empty()).statusCode())
        .isEqualTo(401);
    assertThat(put(Optional.empty(), "io.godfs.test.loggers.none", "{\"level\":\"DEBUG\"}"))
        .extracting(HttpResponse::statusCode)
        .isEqualTo(401);
    assertThat(Logger.getLogger("io.godfs.test.loggers.none").getLevel()).isNull();
  }

  @Test
  void aChangeIsRevertedWhenItsTimeIsUp() throws Exception {
    String name = "io.godfs.test.loggers.reverted";
    Logger logger = Logger.getLogger(name);
    logger.setLevel(Level.WARNING);
    CountDownLatch reverted = new CountDownLatch(1);
    Handler onRevert =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            if (record.getLevel() == Level.INFO
                && record.getParameters() != null
                && name.equals(record.getParameters()[0])) {
              reverted.countDown();
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    changes.addHandler(onRevert);
    try {
      HttpResponse<String> res =
          put(Optional.of(operator), name, "{\"level\":\"trace\",\"for\":\"300ms\"}");
      assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
      assertThat(JSON.readTree(res.body()).get("reverts_to").asText()).isEqualTo("WARNING");

      assertThat(reverted.await(10, TimeUnit.SECONDS)).as("reverted within 10 s").isTrue();
      assertThat(logger.getLevel()).isEqualTo(Level.WARNING);
      assertThat(levels(Optional.of(operator), Optional.empty()).get(name).has("until")).isFalse();
    } finally {
      changes.removeHandler(onRevert);
      logger.setLevel(null);
    }
  }

  @Test
  void badRequestsAreRefusedSayingWhy() throws Exception {
    String name = "io.godfs.test.loggers.bad";
    assertThat(put(Optional.of(operator), name, "{\"level\":\"loud\"}").body())
        .contains("not a log level: 'loud'");
    HttpResponse<String> tooLong =
        put(Optional.of(operator), name, "{\"level\":\"debug\",\"for\":\"25h\"}");
    assertThat(tooLong.statusCode()).isEqualTo(400);
    assertThat(tooLong.body()).contains("at most 24h");
    assertThat(put(Optional.of(operator), name, "level=debug").statusCode()).isEqualTo(400);
    assertThat(put(Optional.of(operator), "a%20b", "{\"level\":\"debug\"}").statusCode())
        .isEqualTo(400);
    assertThat(
            call(Optional.of(operator), Optional.empty(), "/loggers", Optional.of("{}"))
                .statusCode())
        .isEqualTo(404);
    assertThat(Logger.getLogger(name).getLevel()).isNull();
  }
}
