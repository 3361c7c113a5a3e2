package io.godfs.bootstrap.gateway;

import static io.godfs.bootstrap.gateway.GatewayFsIT.assertError;
import static io.godfs.bootstrap.gateway.GatewayHarness.get;
import static io.godfs.bootstrap.gateway.GatewayHarness.json;
import static io.godfs.bootstrap.gateway.GatewayHarness.put;
import static io.godfs.bootstrap.gateway.GatewayHarness.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.port.in.ReservedPaths;
import io.godfs.bootstrap.gateway.GatewayHarness.Gateway;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Multipart uploads staged in the cluster: init, parts, re-upload, list, complete, abort, expiry.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayMultipartIT {
  GatewayHarness harness;
  Gateway gw;

  @BeforeAll
  void start(@TempDir Path dir) {
    harness = new GatewayHarness(dir, 3, 1 << 20, 3);
    gw =
        harness.gateway(
            GatewayHarness.open()
                .withLimits(8 << 20, 1 << 20, 16 * 1024, 50)
                .withUploadExpiry(Duration.ofHours(1)));
    assertThat(harness.send(json(gw, "POST", "/v1/fs/mkdir", "{\"path\":\"/mp\"}")).statusCode())
        .isEqualTo(204);
  }

  @AfterAll
  void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  HttpResponse<String> send(HttpRequest r) {
    return harness.send(r);
  }

  String init(String path) {
    HttpResponse<String> res =
        send(json(gw, "POST", "/v1/fs/multipart", "{\"path\":\"" + path + "\"}"));
    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    Matcher m = Pattern.compile("\"upload_id\":\"([0-9a-f]{32})\"").matcher(res.body());
    assertThat(m.find()).as(res.body()).isTrue();
    assertThat(res.body()).contains("\"path\":\"" + path + "\"", "\"expires_at_unix\":");
    return m.group(1);
  }

  String part(String id, int n, byte[] body) {
    HttpResponse<String> res = send(put(gw, "/v1/fs/multipart/" + id + "?partNumber=" + n, body));
    assertThat(res.statusCode()).as(res.body()).isEqualTo(204);
    return res.headers().firstValue("ETag").orElseThrow();
  }

  static byte[] random(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  @Test
  void partsAreCompletedInPartNumberOrderAndAReUploadReplacesAPart() throws Exception {
    String id = init("/mp/joined.bin");
    byte[] p1 = random(1_500_000, 1);
    byte[] p2 = random(700_000, 2);
    byte[] p3 = random(5, 3);
    String e3 = part(id, 3, p3);
    part(id, 1, random(10, 99)); // replaced below
    String e1 = part(id, 1, p1);
    String e2 = part(id, 2, p2);
    assertThat(e1).startsWith("\"sha256-").hasSize(8 + 64 + 1);

    HttpResponse<String> parts = send(get(gw, "/v1/fs/multipart/" + id + "/parts"));
    assertThat(parts.statusCode()).isEqualTo(200);
    assertThat(parts.body())
        .contains(
            "{\"part_number\":1,\"size_bytes\":1500000,\"etag\":" + jsonString(e1) + "}",
            "{\"part_number\":2,\"size_bytes\":700000",
            "{\"part_number\":3,\"size_bytes\":5");

    HttpResponse<String> done =
        send(
            json(
                gw,
                "POST",
                "/v1/fs/multipart/" + id + "/complete",
                "{\"parts\":[{\"part_number\":3,\"etag\":"
                    + jsonString(e3)
                    + "},{\"part_number\":1,\"etag\":"
                    + jsonString(e1)
                    + "},{\"part_number\":2}]}"));
    assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
    assertThat(done.body()).contains("\"path\":\"/mp/joined.bin\"", "\"size\":2200005");
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.write(p1);
    expected.write(p2);
    expected.write(p3);
    assertThat(harness.sendBytes(get(gw, "/v1/fs/content?path=/mp/joined.bin")).body())
        .isEqualTo(expected.toByteArray());
    assertError(
        send(get(gw, "/v1/fs/multipart/" + id + "/parts")),
        404,
        "no_such_upload",
        id); // staging removed
    assertThat(harness.client.list(ReservedPaths.MULTIPART, null, 1000).entries())
        .noneMatch(s -> s.path().name().equals(id));
  }

  @Test
  void completeChecksPartsEtagsAndTheTarget() {
    byte[] existing = "existing".getBytes(StandardCharsets.UTF_8);
    assertThat(send(put(gw, "/v1/fs/content?path=/mp/exists.bin", existing)).statusCode())
        .isEqualTo(204);
    String id = init("/mp/exists.bin");
    String e1 = part(id, 1, "new".getBytes(StandardCharsets.UTF_8));
    String complete = "/v1/fs/multipart/" + id + "/complete";

    assertError(
        send(json(gw, "POST", complete, "{\"parts\":[{\"part_number\":2}]}")),
        400,
        "invalid_part",
        "part 2 was not uploaded");
    assertError(
        send(
            json(
                gw,
                "POST",
                complete,
                "{\"parts\":[{\"part_number\":1,\"etag\":\"\\\"sha256-00\\\"\"}]}")),
        400,
        "invalid_part",
        "ETag");
    assertError(
        send(json(gw, "POST", complete, "{\"parts\":[{\"part_number\":1},{\"part_number\":1}]}")),
        400,
        "invalid_argument",
        "twice");
    assertError(
        send(json(gw, "POST", complete, "{\"parts\":[]}")), 400, "invalid_argument", "empty");
    assertError(
        send(json(gw, "POST", complete, "{\"parts\":[{\"part_number\":1}]}")),
        409,
        "already_exists",
        "overwrite");
    assertThat(harness.sendBytes(get(gw, "/v1/fs/content?path=/mp/exists.bin")).body())
        .isEqualTo(existing);

    HttpResponse<String> ok =
        send(
            json(
                gw,
                "POST",
                complete + "?overwrite=true",
                "{\"parts\":[{\"part_number\":1,\"etag\":" + jsonString(e1) + "}]}"));
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    assertThat(harness.sendBytes(get(gw, "/v1/fs/content?path=/mp/exists.bin")).body())
        .isEqualTo("new".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void abortIsIdempotentAndBadPartNumbersAndIdsAreRefused() {
    String id = init("/mp/aborted.bin");
    part(id, 1, new byte[100]);
    assertThat(send(request(gw, "/v1/fs/multipart/" + id).DELETE().build()).statusCode())
        .isEqualTo(204);
    assertThat(send(request(gw, "/v1/fs/multipart/" + id).DELETE().build()).statusCode())
        .isEqualTo(204);
    assertError(
        send(put(gw, "/v1/fs/multipart/" + id + "?partNumber=1", new byte[1])),
        404,
        "no_such_upload",
        id);

    String live = init("/mp/x.bin");
    for (String bad : new String[] {"0", "51", "-1", "abc", ""}) {
      assertError(
          send(put(gw, "/v1/fs/multipart/" + live + "?partNumber=" + bad, new byte[1])),
          400,
          "invalid_argument",
          "partNumber");
    }
    assertError(
        send(put(gw, "/v1/fs/multipart/" + live, new byte[1])),
        400,
        "invalid_argument",
        "partNumber");
    assertError(
        send(put(gw, "/v1/fs/multipart/../../etc?partNumber=1", new byte[1])),
        404,
        "not_found",
        "");
    assertError(
        send(put(gw, "/v1/fs/multipart/NOT-AN-ID?partNumber=1", new byte[1])),
        404,
        "no_such_upload",
        "");
    assertError(
        send(put(gw, "/v1/fs/multipart/" + live + "?partNumber=1", new byte[(8 << 20) + 1])),
        413,
        "too_large",
        "part too large");
    assertError(
        send(json(gw, "POST", "/v1/fs/multipart", "{\"path\":\"relative\"}")),
        400,
        "invalid_argument",
        "path");
  }

  @Test
  void abandonedUploadsExpireAfterTheConfiguredTime() {
    String old = init("/mp/old.bin");
    part(old, 1, new byte[10]);
    harness.clock.advance(Duration.ofMinutes(61));
    String fresh = init("/mp/fresh.bin");
    assertThat(gw.node().expireAbandonedUploads()).isGreaterThanOrEqualTo(1);
    assertError(send(get(gw, "/v1/fs/multipart/" + old + "/parts")), 404, "no_such_upload", old);
    assertThat(send(get(gw, "/v1/fs/multipart/" + fresh + "/parts")).statusCode()).isEqualTo(200);
  }

  static String jsonString(String s) {
    return "\"" + s.replace("\"", "\\\"") + "\"";
  }
}
