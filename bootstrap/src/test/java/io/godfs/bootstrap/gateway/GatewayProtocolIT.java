package io.godfs.bootstrap.gateway;

import static io.godfs.bootstrap.gateway.GatewayHarness.get;
import static io.godfs.bootstrap.gateway.GatewayHarness.json;
import static io.godfs.bootstrap.gateway.GatewayHarness.put;
import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.bootstrap.gateway.GatewayHarness.Gateway;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/1.0 clients, bodies shorter than their Content-Length, and clients that go away mid-request.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayProtocolIT {
  GatewayHarness harness;
  Gateway gw;

  @BeforeAll
  void start(@TempDir Path dir) {
    harness = new GatewayHarness(dir, 3, 1 << 20, 3);
    gw = harness.gateway(GatewayHarness.open());
    assertThat(harness.send(json(gw, "POST", "/v1/fs/mkdir", "{\"path\":\"/p\"}")).statusCode())
        .isEqualTo(204);
  }

  @AfterAll
  void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  void anHttp10RequestIsAnswered505SayingWhichVersionToUse() {
    try (RawHttp raw = new RawHttp(gw.node().port())) {
      String answer =
          raw.send("GET /v1/health HTTP/1.0\r\n\r\n").readUntilClosed(Duration.ofSeconds(5));
      assertThat(answer)
          .matches("(?s)HTTP/1\\.[01] 505 .*")
          .contains("\"code\":\"http_version_not_supported\"")
          .contains("HTTP/1.1");
    }
  }

  @Test
  void aBodyShorterThanItsContentLengthIs400AndStoresNothing() {
    record Case(String head, int sent) {}
    List<Case> cases =
        List.of(
            new Case(
                "PUT /v1/fs/content?path=/p/short-small.bin HTTP/1.1\r\nContent-Length: 1000\r\n",
                500),
            new Case(
                "PUT /v1/fs/content?path=/p/short-large.bin HTTP/1.1\r\nContent-Length: 2097152\r\n",
                100 * 1024),
            new Case(
                "POST /v1/fs/mkdir HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n",
                9));
    for (Case c : cases) {
      try (RawHttp raw = new RawHttp(gw.node().port())) {
        raw.send(c.head() + "Host: gateway\r\n\r\n");
        raw.send(c.head().startsWith("POST") ? "{\"path\":\"".getBytes() : new byte[c.sent()])
            .endOutput();
        String answer = raw.readUntilClosed(Duration.ofSeconds(10));
        assertThat(answer)
            .as(c.head())
            .startsWith("HTTP/1.1 400")
            .contains("\"code\":\"incomplete_body\"")
            .contains("Content-Length")
            .doesNotContain("Exception");
      }
    }
    assertThat(harness.send(get(gw, "/v1/fs/stat?path=/p/short-small.bin")).statusCode())
        .isEqualTo(404);
    assertThat(harness.send(get(gw, "/v1/fs/stat?path=/p/short-large.bin")).statusCode())
        .isEqualTo(404);
  }

  @Test
  void clientsThatGoAwayMidRequestAreOneQuietLogLineEach() {
    byte[] big = new byte[8 << 20];
    assertThat(harness.send(put(gw, "/v1/fs/content?path=/p/big.bin", big)).statusCode())
        .isEqualTo(204);
    CapturingHandler logs = CapturingHandler.install();
    try {
      try (RawHttp upload = new RawHttp(gw.node().port())) {
        upload.send(
            "PUT /v1/fs/content?path=/p/abandoned.bin HTTP/1.1\r\nHost: gateway\r\nContent-Length: 2097152\r\n\r\n");
        upload.send(new byte[100 * 1024]);
        upload.abort();
      }
      try (RawHttp download = new RawHttp(gw.node().port())) {
        download.send("GET /v1/fs/content?path=/p/big.bin HTTP/1.1\r\nHost: gateway\r\n\r\n");
        download.readUntil("\r\n\r\n", Duration.ofSeconds(10));
        download.abort();
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (logs.about("/v1/fs/content").size() < 2 && System.nanoTime() < deadline) {
        pause(); // polling a real condition (the server noticed both) with a deadline
      }
      List<LogRecord> about = logs.about("/v1/fs/content");
      assertThat(about).as("one line per abandoned request").hasSize(2);
      for (LogRecord r : logs.records) {
        assertThat(r.getLevel().intValue())
            .as(r.getLoggerName() + ": " + r.getMessage())
            .isLessThanOrEqualTo(Level.INFO.intValue());
        assertThat(r.getThrown()).as(r.getLoggerName() + ": " + r.getMessage()).isNull();
        assertThat(r.getMessage()).doesNotContain("\n");
      }
    } finally {
      logs.uninstall();
    }
    assertThat(harness.send(get(gw, "/v1/fs/stat?path=/p/abandoned.bin")).statusCode())
        .isEqualTo(404);
    assertThat(harness.send(get(gw, "/v1/health")).statusCode()).isEqualTo(200);
  }

  static void pause() {
    try {
      Thread.sleep(10);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Records what the gateway and Helidon log, the gateway's DEBUG lines included. */
  static final class CapturingHandler extends Handler {
    final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Logger root = Logger.getLogger("");
    private final Logger gateway = Logger.getLogger("io.godfs.adapters.rest");
    private Level gatewayLevel;

    static CapturingHandler install() {
      CapturingHandler h = new CapturingHandler();
      h.setLevel(Level.ALL);
      h.gatewayLevel = h.gateway.getLevel();
      h.gateway.setLevel(Level.FINE);
      h.root.addHandler(h);
      return h;
    }

    void uninstall() {
      root.removeHandler(this);
      gateway.setLevel(gatewayLevel);
    }

    List<LogRecord> about(String text) {
      return records.stream()
          .filter(r -> r.getMessage() != null && r.getMessage().contains(text))
          .filter(
              r ->
                  r.getLoggerName().startsWith("io.godfs.adapters.rest")
                      && !r.getLoggerName().equals("io.godfs.adapters.rest.access"))
          .toList();
    }

    @Override
    public void publish(LogRecord r) {
      String name = r.getLoggerName() == null ? "" : r.getLoggerName();
      if (name.startsWith("io.godfs.adapters.rest") || name.startsWith("io.helidon")) {
        records.add(r);
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
