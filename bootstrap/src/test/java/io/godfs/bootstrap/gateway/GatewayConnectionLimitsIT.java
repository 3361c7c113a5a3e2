package io.godfs.bootstrap.gateway;

import static io.godfs.bootstrap.gateway.GatewayHarness.get;
import static io.godfs.bootstrap.gateway.GatewayHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.adapters.rest.ConnectionLimits;
import io.godfs.bootstrap.gateway.GatewayHarness.Gateway;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow, stalled and idle clients and too many of them: each is cut off at its deadline or cap
 * (settings of 1 s here, so the suite stays fast) instead of holding a connection for minutes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayConnectionLimitsIT {
  static final Duration LONG = Duration.ofSeconds(20);
  GatewayHarness harness;

  @BeforeAll
  void start(@TempDir Path dir) {
    harness = new GatewayHarness(dir, 3, 1 << 20, 3);
    Gateway g = harness.gateway(GatewayHarness.open());
    assertThat(harness.send(json(g, "POST", "/v1/fs/mkdir", "{\"path\":\"/l\"}")).statusCode())
        .isEqualTo(204);
  }

  @AfterAll
  void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  Gateway gateway(Duration header, Duration body, Duration idle, int connections, int requests) {
    return harness.gateway(
        GatewayHarness.open()
            .withConnectionLimits(new ConnectionLimits(header, body, idle, connections, requests)));
  }

  static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  @Test
  void headersThatDripInAreCutAtTheHeaderDeadline() throws InterruptedException {
    Gateway g = gateway(Duration.ofSeconds(1), LONG, LONG, 64, 16);
    try (RawHttp raw = new RawHttp(g.node().port())) {
      raw.send("GET /v1/health HTTP/1.1\r\nHost: gateway\r\nX-Slow: ");
      long start = System.nanoTime();
      Thread dripper =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      while (true) { // a slowloris client: one header byte every 100 ms, never the
                        // blank line
                        raw.send("a");
                        Thread.sleep(100);
                      }
                    } catch (InterruptedException | UncheckedIOException e) {
                      // stopped by the test, or the server closed the socket
                    }
                  });
      String answer;
      try {
        answer = raw.readUntilClosed(Duration.ofSeconds(8));
      } finally {
        dripper.interrupt();
        dripper.join();
      }
      Duration took = since(start);
      assertThat(took).as("cut after").isBetween(Duration.ofMillis(900), Duration.ofSeconds(3));
      assertThat(answer)
          .startsWith("HTTP/1.1 408")
          .contains("\"code\":\"request_timeout\"")
          .contains("GODFS_GATEWAY_HEADER_TIMEOUT");
    }
  }

  @Test
  void aBodyThatStallsIsCutAtTheBodyDeadlineAndWritesNothing() {
    Gateway g = gateway(LONG, Duration.ofSeconds(1), LONG, 64, 16);
    try (RawHttp raw = new RawHttp(g.node().port())) {
      raw.send(
          "PUT /v1/fs/content?path=/l/stalled.bin HTTP/1.1\r\nHost: gateway\r\nContent-Length: 1048576\r\n\r\n");
      raw.send(new byte[100 * 1024]);
      long start = System.nanoTime();
      String answer = raw.readUntilClosed(Duration.ofSeconds(8));
      assertThat(since(start))
          .as("cut after")
          .isBetween(Duration.ofMillis(900), Duration.ofSeconds(3));
      assertThat(answer).startsWith("HTTP/1.1 408").contains("GODFS_GATEWAY_BODY_TIMEOUT");
    }
    assertThat(harness.send(get(g, "/v1/fs/stat?path=/l/stalled.bin")).statusCode()).isEqualTo(404);
  }

  /**
   * Kept-alive connections waiting for their next request are closed. (A connection that never
   * sends a byte is not: Helidon 4.5 does not track it before its first bytes arrive; it holds one
   * of GODFS_GATEWAY_MAX_CONNECTIONS until the client leaves. docs/adr/0007 says so.)
   */
  @Test
  void idleKeptAliveConnectionsAreClosedAfterTheIdleTimeout() {
    // Helidon measures idleness against a clock it refreshes once a second, so a connection may go
    // up to 1 s early: a 2 s timeout keeps a lower bound worth checking.
    Gateway g = gateway(LONG, LONG, Duration.ofSeconds(2), 64, 16);
    List<RawHttp> idle = new ArrayList<>();
    try {
      for (int i = 0; i < 20; i++) {
        RawHttp c = new RawHttp(g.node().port());
        idle.add(c);
        c.send("GET /v1/health HTTP/1.1\r\nHost: gateway\r\n\r\n")
            .readUntil("\"ok\"", Duration.ofSeconds(5));
      }
      // Each connection's idle time starts at its own answer: the last one answered tells how long
      // an idle connection lives (on a slow machine the first ones may be gone already).
      long lastAnswer = System.nanoTime();
      assertThat(idle.getLast().readUntilClosed(Duration.ofSeconds(5))).startsWith("HTTP/1.1 200");
      assertThat(since(lastAnswer))
          .as("the last idle connection closed after")
          .isBetween(Duration.ofMillis(800), Duration.ofMillis(3500));
      for (RawHttp c : idle) {
        assertThat(c.readUntilClosed(Duration.ofSeconds(5))).startsWith("HTTP/1.1 200");
      }
      assertThat(since(lastAnswer)).as("all closed after").isLessThan(Duration.ofMillis(3500));
    } finally {
      idle.forEach(RawHttp::close);
    }
  }

  @Test
  void connectionsPastTheCapWaitUnservedUntilAnotherLeaves() {
    Gateway g = gateway(LONG, LONG, LONG, 4, 16);
    List<RawHttp> held = new ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) {
        RawHttp c = new RawHttp(g.node().port());
        held.add(c);
        c.send("GET /v1/health HTTP/1.1\r\nHost: gateway\r\n\r\n")
            .readUntil("\"ok\"", Duration.ofSeconds(5));
      }
      // Helidon stops accepting at the cap: a fifth client waits in the listen backlog, unserved.
      try (RawHttp fifth = new RawHttp(g.node().port())) {
        fifth.send("GET /v1/health HTTP/1.1\r\nHost: gateway\r\n\r\n");
        assertThat(fifth.receivedWithin(Duration.ofSeconds(1))).as("served past the cap").isEmpty();
        held.removeFirst().close();
        assertThat(fifth.readUntil("\"ok\"", Duration.ofSeconds(5))).startsWith("HTTP/1.1 200");
      }
    } finally {
      held.forEach(RawHttp::close);
    }
  }

  @Test
  void connectionsThatNeverSendAByteAreClosedAndFreeTheirSlots() {
    // The silent timeout is the longest deadline plus 2 s: 4 s here. Before it, four silent clients
    // held all four slots for ever and nobody else was served.
    Gateway g = gateway(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(2), 4, 16);
    List<RawHttp> silent = new ArrayList<>();
    try {
      long start = System.nanoTime();
      for (int i = 0; i < 4; i++) {
        silent.add(new RawHttp(g.node().port()));
      }
      try (RawHttp waiting = new RawHttp(g.node().port())) {
        waiting.send("GET /v1/health HTTP/1.1\r\nHost: gateway\r\n\r\n");
        for (RawHttp c : silent) {
          assertThat(c.readUntilClosed(Duration.ofSeconds(12)))
              .as("sent to a silent client")
              .isEmpty();
        }
        assertThat(since(start))
            .as("silent connections closed after")
            .isBetween(Duration.ofMillis(3900), Duration.ofSeconds(9));
        assertThat(waiting.readUntil("\"ok\"", Duration.ofSeconds(5))).startsWith("HTTP/1.1 200");
      }
    } finally {
      silent.forEach(RawHttp::close);
    }
  }

  @Test
  void requestsPastTheConcurrencyCapGet503AndTheOthersFinish() {
    Gateway g = gateway(LONG, LONG, LONG, 64, 2);
    RawHttp[] uploads = new RawHttp[2];
    try {
      for (int i = 0;
          i < 2;
          i++) { // two uploads in progress, each waiting for the rest of its body
        uploads[i] = startUpload(g, i);
      }
      // Until both uploads hold a slot. Their requests are parsed on virtual threads, which a
      // loaded
      // 2-core machine schedules late, so a probe can take a slot first: the upload that then finds
      // the cap reached is answered 503 (as any client past the cap is) and, like a client,
      // retries.
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      HttpResponse<String> third = harness.send(get(g, "/v1/health"));
      while (third.statusCode() != 503 && System.nanoTime() < deadline) {
        for (int i = 0; i < 2; i++) {
          String answered = uploads[i].receivedWithin(Duration.ofMillis(1));
          if (!answered.isEmpty()) {
            assertThat(answered).as("an upload answered early").startsWith("HTTP/1.1 503");
            uploads[i].close();
            uploads[i] = startUpload(g, i);
          }
        }
        third = harness.send(get(g, "/v1/health"));
      }
      assertThat(third.statusCode()).as(third.body()).isEqualTo(503);
      assertThat(third.body())
          .contains("\"code\":\"overloaded\"")
          .contains("GODFS_GATEWAY_MAX_CONCURRENT_REQUESTS");
      for (RawHttp c : uploads) {
        assertThat(c.send("67890").readUntil("\r\n\r\n", Duration.ofSeconds(10)))
            .startsWith("HTTP/1.1 204");
      }
    } finally {
      for (RawHttp c : uploads) {
        if (c != null) {
          c.close();
        }
      }
    }
    assertThat(harness.send(get(g, "/v1/fs/stat?path=/l/busy-0")).statusCode()).isEqualTo(200);
    assertThat(harness.send(get(g, "/v1/health")).statusCode()).isEqualTo(200);
  }

  /** An upload of 10 bytes that sends the first 5 and waits. */
  private static RawHttp startUpload(Gateway g, int i) {
    RawHttp c = new RawHttp(g.node().port());
    c.send(
        "PUT /v1/fs/content?path=/l/busy-"
            + i
            + " HTTP/1.1\r\nHost: gateway\r\n"
            + "Content-Length: 10\r\n\r\n12345");
    return c;
  }
}
