package io.godfs.adapters.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.port.out.HttpMeter;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The seed's REST family names and labels, as a scrape shows them. */
class HttpMetricsTest {
  @Test
  void aRequestCountsByRouteAndStatusWithItsTimeAndBytes() throws IOException {
    NodeMetrics metrics = NodeMetrics.of("v", "gateway", "gateway");
    HttpMeter http = metrics.http();
    http.started();
    http.ended("GET", "/v1/fs/content", 200, 2_000_000, 1234);
    http.started();
    http.ended("GET", "/v1/fs/content", 404, 400_000, 50);
    http.started(); // still in flight at the scrape

    String text = Scrape.text(metrics);

    assertThat(text)
        .contains(
            "godfs_rest_http_requests_total{method=\"GET\",route=\"/v1/fs/content\",status=\"200\"}"
                + " 1.0")
        .contains(
            "godfs_rest_http_requests_total{method=\"GET\",route=\"/v1/fs/content\",status=\"404\"}"
                + " 1.0")
        .contains(
            "godfs_rest_http_request_duration_seconds_bucket{method=\"GET\","
                + "route=\"/v1/fs/content\",le=\"0.001\"} 1")
        .contains(
            "godfs_rest_http_request_duration_seconds_bucket{method=\"GET\","
                + "route=\"/v1/fs/content\",le=\"0.0025\"} 2")
        .contains(
            "godfs_rest_http_request_duration_seconds_count{method=\"GET\","
                + "route=\"/v1/fs/content\"} 2")
        .contains(
            "godfs_rest_http_response_bytes_total{method=\"GET\",route=\"/v1/fs/content\"} 1284.0")
        .contains("godfs_rest_http_requests_in_flight 1.0");
  }

  @Test
  void aNodeThatServesNoRestShowsNoRestFamilies() throws IOException {
    assertThat(Scrape.text(NodeMetrics.of("v", "master", "m0"))).doesNotContain("godfs_rest_");
  }
}
