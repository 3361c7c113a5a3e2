package io.godfs.bootstrap.e2e;

import io.godfs.bootstrap.gateway.GatewayNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Plain HTTP calls to a gateway on {@link #base}, each carrying the caller's key as a bearer (or no
 * credential when the key is null), for the end-to-end tests of what each user may do through it.
 */
record GatewayHttp(String base) {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  static GatewayHttp of(GatewayNode gateway) {
    return new GatewayHttp("http://127.0.0.1:" + gateway.port());
  }

  /** Writes {@code body} to the file at {@code path}. */
  HttpRequest put(String path, String body, String key) {
    return request("/v1/fs/content?path=" + path, key)
        .PUT(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  /** Reads the file at {@code path}. */
  HttpRequest get(String path, String key) {
    return request("/v1/fs/content?path=" + path, key).GET().build();
  }

  HttpRequest.Builder request(String pathAndQuery, String key) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(30));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return b;
  }

  /** The response, as text; a failed exchange fails the test, naming the request. */
  HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError("request " + request + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
