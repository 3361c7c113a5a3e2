package io.godfs.deployments.cluster;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The REST gateway as one caller sees it: HTTPS trusting the cluster's CA, and the caller's API key
 * on every request (the gateway passes it on to the masters, which decide).
 */
public record GatewayClient(HttpClient http, String url, String apiKey) {
  @Override
  public String toString() {
    return "GatewayClient[" + url + "]"; // never the key
  }

  /** A request for the content of {@code path}, authorized as this caller. */
  public HttpRequest.Builder content(String path) {
    return HttpRequest.newBuilder(
            URI.create(
                url + "/v1/fs/content?path=" + URLEncoder.encode(path, StandardCharsets.UTF_8)))
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + apiKey);
  }
}
