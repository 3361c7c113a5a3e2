package io.godfs.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.function.DoublePredicate;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Prometheus server (Debian's {@code prometheus} package) for a test: started on a free
 * loopback port with its storage in the test's folder, asked through its HTTP API, and stopped at
 * close. Its log is kept beside its storage and shown when a wait fails.
 */
final class Prometheus implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/bin/prometheus");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final String base;
  private final Path log;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Prometheus(Process process, int port, Path log) {
    this.process = process;
    this.base = "http://127.0.0.1:" + port;
    this.log = log;
  }

  /**
   * Skips the test without Prometheus, except in CI ({@code CI=true}), whose .ci/run installs it.
   */
  static void assumeInstalled() {
    if (Files.isExecutable(BINARY)) {
      return;
    }
    if ("true".equals(System.getenv("CI"))) {
      fail(BINARY + " is missing: .ci/run installs Debian's prometheus package");
    }
    Assumptions.abort(BINARY + " is missing (apt-get install prometheus): skipped outside CI");
  }

  /**
   * Starts Prometheus with {@code scrapeConfig} plus {@code rules}, and waits until it is ready.
   */
  static Prometheus start(Path dir, Path scrapeConfig, Path rules) throws Exception {
    Files.createDirectories(dir);
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(
        config,
        Files.readString(scrapeConfig)
            + "rule_files:\n  - '"
            + rules.toAbsolutePath().normalize()
            + "'\n");
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Path log = dir.resolve("prometheus.log");
    Process process =
        new ProcessBuilder(
                BINARY.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("tsdb"),
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    Prometheus prometheus = new Prometheus(process, port, log);
    try {
      Waits.until(Duration.ofSeconds(60), "Prometheus to be ready", prometheus::ready);
    } catch (AssertionError e) {
      prometheus.close();
      throw new AssertionError(e.getMessage() + "; its log:\n" + prometheus.log(), e);
    }
    return prometheus;
  }

  private boolean ready() {
    if (!process.isAlive()) {
      throw new AssertionError("Prometheus exited: " + log());
    }
    try {
      return get("/-/ready").statusCode() == 200;
    } catch (IOException e) {
      return false; // not listening yet
    }
  }

  /** The single value {@code query} gives now, or empty when it gives none. */
  OptionalDouble value(String query) throws IOException {
    JsonNode result = query(query).path("data").path("result");
    if (result.isEmpty()) {
      return OptionalDouble.empty();
    }
    assertThat(result).as("one series for %s", query).hasSize(1);
    return OptionalDouble.of(Double.parseDouble(result.get(0).path("value").get(1).asText()));
  }

  /** Waits until {@code query}'s single value satisfies {@code condition}. */
  void awaitValue(String query, DoublePredicate condition, Duration timeout) {
    OptionalDouble[] last = {OptionalDouble.empty()};
    try {
      Waits.until(
          timeout,
          query,
          () -> {
            try {
              last[0] = value(query);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
            return last[0].isPresent() && condition.test(last[0].getAsDouble());
          });
    } catch (AssertionError e) {
      throw new AssertionError(
          e.getMessage() + "; last value " + last[0] + "; targets:\n" + targets(), e);
    }
  }

  /** Every recording and alert rule loaded, and none failed its last evaluation. */
  void assertEveryRuleHealthy() throws IOException {
    JsonNode groups = JSON.readTree(get("/api/v1/rules").body()).path("data").path("groups");
    assertThat(groups).as("rule groups loaded").isNotEmpty();
    for (JsonNode group : groups) {
      for (JsonNode rule : group.path("rules")) {
        assertThat(rule.path("health").asText())
            .as("rule %s: %s", rule.path("name").asText(), rule.path("lastError").asText())
            .isIn("ok", "unknown");
      }
    }
  }

  /** {@code query} is valid and evaluates (dashboard variables already substituted). */
  void assertAnswers(String query) throws IOException {
    JsonNode answer = query(query);
    assertThat(answer.path("status").asText())
        .as("%s: %s", query, answer.path("error").asText())
        .isEqualTo("success");
  }

  private JsonNode query(String query) throws IOException {
    return JSON.readTree(
        get("/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)).body());
  }

  private String targets() {
    try {
      return get("/api/v1/targets").body();
    } catch (IOException e) {
      return e.toString();
    }
  }

  private HttpResponse<String> get(String path) throws IOException {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private String log() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }
}
