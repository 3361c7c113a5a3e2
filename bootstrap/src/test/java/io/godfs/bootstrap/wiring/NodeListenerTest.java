package io.godfs.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class NodeListenerTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private final AtomicReference<Optional<String>> state =
      new AtomicReference<>(Optional.of("no leader known"));

  @Test
  void liveAnswersWhileReadyFollowsTheNodeState() throws Exception {
    try (NodeListener endpoint = NodeListener.start("127.0.0.1", 0, state::get)) {
      assertThat(get(endpoint, "/health/live", "GET").statusCode()).isEqualTo(200);
      HttpResponse<String> notReady = get(endpoint, "/health/ready", "GET");
      assertThat(notReady.statusCode()).isEqualTo(503);
      assertThat(notReady.body()).contains("\"reason\":\"no leader known\"");

      state.set(Optional.empty());
      HttpResponse<String> ready = get(endpoint, "/health/ready", "GET");
      assertThat(ready.statusCode()).isEqualTo(200);
      assertThat(ready.body()).isEqualTo("{\"status\":\"ok\"}");
      assertThat(ready.headers().firstValue("Content-Type")).contains("application/json");
    }
  }

  @Test
  void headIsAnsweredWithoutBodyAndOtherMethodsAreRefused() throws Exception {
    state.set(Optional.empty());
    try (NodeListener endpoint = NodeListener.start("127.0.0.1", 0, state::get)) {
      HttpResponse<String> head = get(endpoint, "/health/ready", "HEAD");
      assertThat(head.statusCode()).isEqualTo(200);
      assertThat(head.body()).isEmpty();
      assertThat(get(endpoint, "/health/live", "POST").statusCode()).isEqualTo(405);
      assertThat(get(endpoint, "/elsewhere", "GET").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void reasonsAreValidJsonStrings() throws Exception {
    state.set(Optional.of("quote \" and \\ and\nnewline"));
    try (NodeListener endpoint = NodeListener.start("127.0.0.1", 0, state::get)) {
      assertThat(get(endpoint, "/health/ready", "GET").body())
          .contains("\"reason\":\"quote \\\" and \\\\ and\\u000anewline\"");
    }
  }

  @Test
  void aClientSendingHalfARequestDoesNotBlockTheProbes() throws Exception {
    state.set(Optional.empty());
    try (NodeListener endpoint = NodeListener.start("127.0.0.1", 0, state::get);
        Socket stalled = new Socket("127.0.0.1", endpoint.port())) {
      stalled
          .getOutputStream()
          .write("GET /health/live HTTP/1.1\r\nHo".getBytes(StandardCharsets.US_ASCII));
      stalled.getOutputStream().flush();
      for (int i = 0; i < 3; i++) {
        HttpResponse<String> ready =
            http.send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + endpoint.port() + "/health/ready"))
                    .timeout(Duration.ofSeconds(3))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).isEqualTo(200);
      }
    }
  }

  @Test
  void aTakenPortIsAClearStartError() {
    try (NodeListener first = NodeListener.start("127.0.0.1", 0, Readiness.ALWAYS)) {
      assertThatThrownBy(() -> NodeListener.start("127.0.0.1", first.port(), Readiness.ALWAYS))
          .hasMessageContaining("cannot listen for health checks on 127.0.0.1:" + first.port());
    }
  }

  private HttpResponse<String> get(NodeListener endpoint, String path, String method)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
