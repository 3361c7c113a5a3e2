package io.godfs.bootstrap.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.adapters.rest.GatewaySettings;
import io.godfs.adapters.telemetry.NodeMetrics;
import io.godfs.bootstrap.wiring.NodeListener;
import io.godfs.bootstrap.wiring.Readiness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A gateway's REST families over real HTTP (ADR 0023): requests are counted by the route pattern
 * they matched, never by their path, with their status; refusals before routing (401) and unknown
 * paths are {@code unmatched}; the scrape comes from the gateway's own node listener.
 */
class GatewayMetricsTest {
  private static final String KEY = "gw-metrics-key-0123456789abcdef";

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private NodeMetrics metrics;
  private GatewayNode gateway;
  private NodeListener listener;

  @BeforeEach
  void start() {
    metrics = NodeMetrics.of("test", "gateway", "gateway");
    gateway =
        GatewayNode.start(
            GatewayHttpsTest.unusedFileSystem(),
            GatewaySettings.defaults("127.0.0.1", 0).withApiKeys(Map.of(KEY, "alice")),
            Clock.systemUTC(),
            Optional.empty(),
            metrics.http());
    listener =
        NodeListener.start(
            "127.0.0.1",
            0,
            Readiness.ALWAYS,
            Optional.empty(),
            false,
            Optional.of(new NodeListener.Metrics(metrics.handler(), Optional.empty())));
  }

  @AfterEach
  void stop() {
    if (listener != null) {
      listener.close();
    }
    if (gateway != null) {
      gateway.close();
    }
  }

  @Test
  void requestsAreCountedByRoutePatternAndStatus() throws Exception {
    assertThat(get("/v1/health", true).statusCode()).isEqualTo(200);
    assertThat(get("/v1/health", true).statusCode()).isEqualTo(200);
    assertThat(get("/v1/fs/stat?path=/secret-name", false).statusCode()).isEqualTo(401);
    assertThat(get("/v1/no-such-route/secret-name", true).statusCode()).isEqualTo(404);

    String scraped = scrape();

    assertThat(scraped)
        .contains(
            "godfs_rest_http_requests_total{method=\"GET\",route=\"/v1/health\",status=\"200\"}"
                + " 2.0")
        .contains(
            "godfs_rest_http_requests_total{method=\"GET\",route=\"unmatched\",status=\"401\"}"
                + " 1.0")
        .contains(
            "godfs_rest_http_requests_total{method=\"GET\",route=\"unmatched\",status=\"404\"}"
                + " 1.0")
        .contains(
            "godfs_rest_http_request_duration_seconds_count{method=\"GET\",route=\"/v1/health\"} 2")
        .contains("godfs_rest_http_requests_in_flight 0.0")
        // Paths are user data: never a label.
        .doesNotContain("secret-name")
        .contains("godfs_build_info{node=\"gateway\",role=\"gateway\",version=\"test\"} 1");
  }

  private HttpResponse<String> get(String pathAndQuery, boolean withKey) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + pathAndQuery))
            .timeout(Duration.ofSeconds(10));
    if (withKey) {
      request.header("Authorization", "Bearer " + KEY);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String scrape() throws Exception {
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + listener.port() + "/metrics"))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(200);
    return answer.body();
  }
}
