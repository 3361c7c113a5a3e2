package io.godfs.bootstrap.gateway;

import static io.godfs.bootstrap.gateway.GatewayFsIT.assertError;
import static io.godfs.bootstrap.gateway.GatewayHarness.get;
import static io.godfs.bootstrap.gateway.GatewayHarness.json;
import static io.godfs.bootstrap.gateway.GatewayHarness.put;
import static io.godfs.bootstrap.gateway.GatewayHarness.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.bootstrap.gateway.GatewayHarness.Gateway;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /v1/fs/truncate} over real HTTP against a real cluster (1 MiB chunks, R=3). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayTruncateIT {
  static final int CHUNK = 1 << 20;
  GatewayHarness harness;
  Gateway gw;

  @BeforeAll
  void start(@TempDir Path dir) {
    harness = new GatewayHarness(dir, 3, CHUNK, 3);
    gw = harness.gateway(GatewayHarness.open());
    assertThat(harness.send(json(gw, "POST", "/v1/fs/mkdir", "{\"path\":\"/t\"}")).statusCode())
        .isEqualTo(204);
  }

  @AfterAll
  void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  private HttpResponse<String> truncate(String path, String size) {
    return harness.send(
        json(gw, "POST", "/v1/fs/truncate", "{\"path\":\"" + path + "\",\"size\":" + size + "}"));
  }

  private byte[] content(String path) {
    HttpResponse<byte[]> res = harness.sendBytes(get(gw, "/v1/fs/content?path=" + path));
    assertThat(res.statusCode()).isEqualTo(200);
    return res.body();
  }

  @Test
  void shrinkDropsTheTailAndGrowReadsZerosNeverTheOldBytes() {
    assertThat(
            harness
                .send(
                    put(
                        gw,
                        "/v1/fs/content?path=/t/hello",
                        "hello world".getBytes(StandardCharsets.UTF_8)))
                .statusCode())
        .isEqualTo(204);
    String before = etag("/t/hello");

    HttpResponse<String> shrunk = truncate("/t/hello", "5");
    assertThat(shrunk.statusCode()).as(shrunk.body()).isEqualTo(204);
    assertThat(shrunk.headers().firstValue("ETag"))
        .as("a new version")
        .isPresent()
        .get()
        .isNotEqualTo(before)
        .isEqualTo(etag("/t/hello"));
    assertThat(new String(content("/t/hello"), StandardCharsets.UTF_8)).isEqualTo("hello");
    assertThat(harness.send(get(gw, "/v1/fs/stat?path=/t/hello")).body()).contains("\"size\":5");

    assertThat(truncate("/t/hello", "12").statusCode()).isEqualTo(204);
    byte[] expected = new byte[12];
    System.arraycopy("hello".getBytes(StandardCharsets.UTF_8), 0, expected, 0, 5);
    assertThat(content("/t/hello")).as("grown: zeros where \" world\" was").isEqualTo(expected);
  }

  private String etag(String path) {
    HttpResponse<String> head =
        harness.send(request(gw, "/v1/fs/content?path=" + path).HEAD().build());
    assertThat(head.statusCode()).isEqualTo(200);
    return head.headers().firstValue("ETag").orElseThrow();
  }

  @Test
  void truncateAcrossChunksToZeroAndBackIsExact() {
    byte[] data = new byte[2 * CHUNK + 4321];
    new Random(7).nextBytes(data);
    assertThat(harness.send(put(gw, "/v1/fs/content?path=/t/big", data)).statusCode())
        .isEqualTo(204);

    assertThat(truncate("/t/big", String.valueOf(CHUNK + 10)).statusCode()).isEqualTo(204);
    assertThat(content("/t/big")).isEqualTo(Arrays.copyOf(data, CHUNK + 10));

    assertThat(truncate("/t/big", "0").statusCode()).isEqualTo(204);
    assertThat(content("/t/big")).isEmpty();

    assertThat(truncate("/t/big", String.valueOf(3 * CHUNK)).statusCode()).isEqualTo(204);
    assertThat(content("/t/big")).isEqualTo(new byte[3 * CHUNK]);
  }

  @Test
  void theOpenApiDocumentDescribesTruncate() {
    assertThat(harness.send(get(gw, "/v1/openapi")).body())
        .contains("/v1/fs/truncate:", "required: [path, size]");
  }

  @Test
  void refusalsNameWhatWasWrong() {
    assertThat(harness.send(json(gw, "POST", "/v1/fs/file", "{\"path\":\"/t/f\"}")).statusCode())
        .isEqualTo(204);
    assertError(truncate("/t/f", "-1"), 400, "invalid_argument", "size : -1");
    assertError(
        harness.send(json(gw, "POST", "/v1/fs/truncate", "{\"path\":\"/t/f\"}")),
        400,
        "invalid_argument",
        "size : null");
    assertError(truncate("/t/f", "\"ten\""), 400, "invalid_argument", "size");
    assertError(truncate("relative", "1"), 400, "invalid_argument", "path");
    assertError(truncate("/.godfs/tmp/x", "1"), 400, "invalid_argument", "reserved");
    assertError(truncate("/t", "0"), 409, "is_a_directory", "/t");
    assertError(truncate("/t/missing", "0"), 404, "not_found", "/t/missing");
    assertError(
        truncate("/t/f", String.valueOf(Long.MAX_VALUE)), 400, "invalid_argument", "length");
  }
}
