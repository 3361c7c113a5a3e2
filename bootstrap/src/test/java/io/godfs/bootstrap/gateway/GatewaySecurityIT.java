package io.godfs.bootstrap.gateway;

import static io.godfs.bootstrap.gateway.GatewayFsIT.assertError;
import static io.godfs.bootstrap.gateway.GatewayHarness.get;
import static io.godfs.bootstrap.gateway.GatewayHarness.json;
import static io.godfs.bootstrap.gateway.GatewayHarness.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.bootstrap.gateway.GatewayHarness.Gateway;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** API keys, presigned URLs (valid, expired, tampered), CORS, rate limits and malformed input. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewaySecurityIT {
  static final String KEY = "alice-secret-key";
  static final String BOB_KEY = "bob-secret-key-0123";
  GatewayHarness harness;
  Gateway secured;
  Gateway open;
  Gateway limited;

  @BeforeAll
  void start(@TempDir Path dir) {
    harness = new GatewayHarness(dir, 3, 1 << 20, 3);
    Map<String, byte[]> secrets =
        Map.of(
            "k2",
            "second-secret-0123456789".getBytes(StandardCharsets.UTF_8),
            "k1",
            "first-secret-0123456789".getBytes(StandardCharsets.UTF_8));
    secured =
        harness.gateway(
            GatewayHarness.open()
                .withApiKeys(Map.of(KEY, "alice"))
                .withPresign("k2", secrets)
                .withCors(Set.of("https://app.example")));
    open = harness.gateway(GatewayHarness.open().withLimits(1 << 30, 1024, 8 * 1024, 100));
    limited =
        harness.gateway(
            GatewayHarness.open()
                .withApiKeys(Map.of(KEY, "alice", BOB_KEY, "bob"))
                .withRateLimit(0.001, 3)
                .withSourceRateLimit(0.001, 100));
    assertThat(harness.send(json(open, "POST", "/v1/fs/mkdir", "{\"path\":\"/s\"}")).statusCode())
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

  HttpRequest.Builder authed(Gateway g, String url) {
    return request(g, url).header("Authorization", "Bearer " + KEY);
  }

  @Test
  void withKeysConfiguredEveryCallButHealthNeedsOne() {
    assertThat(send(get(secured, "/v1/health")).statusCode()).isEqualTo(200);
    assertThat(send(get(secured, "/v1/openapi")).statusCode()).isEqualTo(200);
    HttpResponse<String> none = send(get(secured, "/v1/fs/stat?path=/s"));
    assertError(none, 401, "unauthorized", "authorization required");
    assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"godfs\"");
    assertError(
        send(
            request(secured, "/v1/fs/stat?path=/s")
                .header("Authorization", "Bearer wrong")
                .GET()
                .build()),
        401,
        "unauthorized",
        "invalid api key");
    assertThat(send(authed(secured, "/v1/fs/stat?path=/s").GET().build()).statusCode())
        .isEqualTo(200);
    // Without keys the gateway is open, with or without a header.
    assertThat(send(get(open, "/v1/fs/stat?path=/s")).statusCode()).isEqualTo(200);
    assertThat(
            send(request(open, "/v1/fs/stat?path=/s")
                    .header("Authorization", "Bearer x")
                    .GET()
                    .build())
                .statusCode())
        .isEqualTo(200);
  }

  String presign(String body) {
    HttpResponse<String> res =
        send(
            authed(secured, "/v1/presign")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    Matcher m = Pattern.compile("\"url\":\"([^\"]+)\"").matcher(res.body());
    assertThat(m.find()).isTrue();
    assertThat(res.body()).contains("\"key_id\":\"k2\"");
    return m.group(1);
  }

  @Test
  void presignedUrlsWorkUntilTheyExpireAndRefuseTampering() {
    String putUrl =
        presign(
            "{\"method\":\"PUT\",\"path\":\"/s/p.txt\",\"expires_in_seconds\":60,\"content_length\":5}");
    assertThat(
            send(HttpRequest.newBuilder(URI.create(putUrl))
                    .PUT(HttpRequest.BodyPublishers.ofString("hello"))
                    .build())
                .statusCode())
        .isEqualTo(204);
    assertError(
        send(
            HttpRequest.newBuilder(URI.create(putUrl))
                .PUT(HttpRequest.BodyPublishers.ofString("hello!"))
                .build()),
        403,
        "presign_invalid",
        "length");

    String getUrl = presign("{\"method\":\"GET\",\"path\":\"/s/p.txt\",\"expires_in_seconds\":60}");
    HttpResponse<String> got = send(HttpRequest.newBuilder(URI.create(getUrl)).GET().build());
    assertThat(got.statusCode()).isEqualTo(200);
    assertThat(got.body()).isEqualTo("hello");
    assertThat(
            send(HttpRequest.newBuilder(URI.create(getUrl))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .build())
                .statusCode())
        .isEqualTo(200);
    assertError(
        send(
            HttpRequest.newBuilder(URI.create(getUrl))
                .PUT(HttpRequest.BodyPublishers.ofString("x"))
                .build()),
        403,
        "presign_invalid",
        "signature");
    assertError(
        send(HttpRequest.newBuilder(URI.create(getUrl.replace("p.txt", "q.txt"))).GET().build()),
        403,
        "presign_invalid",
        "signature");
    String sig = getUrl.substring(getUrl.indexOf("godfs_sig=") + 10);
    String flipped = (sig.charAt(0) == 'a' ? "b" : "a") + sig.substring(1);
    assertError(
        send(HttpRequest.newBuilder(URI.create(getUrl.replace(sig, flipped))).GET().build()),
        403,
        "presign_invalid",
        "signature");
    assertError(
        send(
            HttpRequest.newBuilder(URI.create(getUrl.replace("godfs_kid=k2", "godfs_kid=k9")))
                .GET()
                .build()),
        403,
        "presign_invalid",
        "key id");
    String exp = getUrl.replaceAll(".*godfs_exp=(\\d+).*", "$1");
    assertError(
        send(
            HttpRequest.newBuilder(
                    URI.create(
                        getUrl.replace(
                            "godfs_exp=" + exp, "godfs_exp=" + (Long.parseLong(exp) + 3600))))
                .GET()
                .build()),
        403,
        "presign_invalid",
        "signature");
    assertError(
        send(
            HttpRequest.newBuilder(URI.create(getUrl.replace("/v1/fs/content", "/v1/fs/stat")))
                .GET()
                .build()),
        403,
        "presign_invalid",
        "only grants");

    harness.clock.advance(Duration.ofSeconds(61));
    assertError(
        send(HttpRequest.newBuilder(URI.create(getUrl)).GET().build()),
        401,
        "presign_expired",
        "expired");

    assertError(
        send(
            authed(secured, "/v1/presign")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"method\":\"DELETE\",\"path\":\"/s/p.txt\"}"))
                .build()),
        400,
        "invalid_argument",
        "method");
    assertError(
        send(
            authed(secured, "/v1/presign")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"method\":\"PUT\",\"path\":\"/s/p.txt\"}"))
                .build()),
        400,
        "invalid_argument",
        "content_length");
    assertError(
        send(json(secured, "POST", "/v1/presign", "{\"method\":\"GET\",\"path\":\"/s/p.txt\"}")),
        401,
        "unauthorized",
        "");
    assertError(
        send(json(open, "POST", "/v1/presign", "{\"method\":\"GET\",\"path\":\"/s/p.txt\"}")),
        501,
        "not_implemented",
        "");
  }

  @Test
  void corsAllowListAndPreflight() {
    HttpResponse<String> preflight =
        send(
            request(secured, "/v1/fs/content?path=/s/x")
                .header("Origin", "https://app.example")
                .header("Access-Control-Request-Method", "PUT")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .build());
    assertThat(preflight.statusCode()).isEqualTo(204);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
        .hasValue("https://app.example");
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse(""))
        .contains("PUT");
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse(""))
        .contains("Authorization");

    HttpResponse<String> simple =
        send(
            authed(secured, "/v1/fs/stat?path=/s")
                .header("Origin", "https://app.example")
                .GET()
                .build());
    assertThat(simple.headers().firstValue("Access-Control-Allow-Origin"))
        .hasValue("https://app.example");
    assertThat(simple.headers().firstValue("Access-Control-Expose-Headers").orElse(""))
        .contains("ETag");
    HttpResponse<String> other =
        send(
            authed(secured, "/v1/fs/stat?path=/s")
                .header("Origin", "https://evil.example")
                .GET()
                .build());
    assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  void aCallerOverItsRateGets429WithItsRequestId() {
    for (int i = 0; i < 3; i++) {
      assertThat(send(authed(limited, "/v1/fs/stat?path=/s").GET().build()).statusCode())
          .isEqualTo(200);
    }
    HttpResponse<String> over =
        send(
            authed(limited, "/v1/fs/stat?path=/s")
                .header("X-Request-ID", "slow-down")
                .GET()
                .build());
    assertError(over, 429, "rate_limited", "too many");
    assertThat(over.body()).contains("\"request_id\":\"slow-down\"");
    assertThat(over.headers().firstValue("Retry-After")).isPresent();
    // Another principal, from the same address, has its own bucket.
    assertThat(
            send(request(limited, "/v1/fs/stat?path=/s")
                    .header("Authorization", "Bearer " + BOB_KEY)
                    .GET()
                    .build())
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void wrongKeysFromOneAddressAreRateLimitedBeforeAuthentication() {
    Gateway g =
        harness.gateway(
            GatewayHarness.open().withApiKeys(Map.of(KEY, "alice")).withRateLimit(0.001, 3));
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 10; i++) { // a key guesser: a new wrong key every time
      statuses.add(
          send(request(g, "/v1/fs/stat?path=/s")
                  .header("Authorization", "Bearer guess-" + i)
                  .GET()
                  .build())
              .statusCode());
    }
    assertThat(statuses).containsExactly(401, 401, 401, 429, 429, 429, 429, 429, 429, 429);
  }

  @Test
  void oneKeyHasOneBucketHoweverItsSchemeIsSpelt() {
    Gateway g =
        harness.gateway(
            GatewayHarness.open()
                .withApiKeys(Map.of(KEY, "alice"))
                .withRateLimit(0.001, 3)
                .withSourceRateLimit(0.001, 100));
    for (String scheme : new String[] {"Bearer", "bearer", "BEARER"}) {
      assertThat(
              send(request(g, "/v1/fs/stat?path=/s")
                      .header("Authorization", scheme + " " + KEY)
                      .GET()
                      .build())
                  .statusCode())
          .as(scheme)
          .isEqualTo(200);
    }
    assertError(
        send(
            request(g, "/v1/fs/stat?path=/s")
                .header("Authorization", "bEaReR " + KEY)
                .GET()
                .build()),
        429,
        "rate_limited",
        "");
  }

  /** The presign call over a raw socket: HttpClient does not let a test set its own Host header. */
  String presignWithHost(Gateway g, String host, String body) {
    try (RawHttp raw = new RawHttp(g.node().port())) {
      String answer =
          raw.send(
                  "POST /v1/presign HTTP/1.1\r\nHost: "
                      + host
                      + "\r\nAuthorization: Bearer "
                      + KEY
                      + "\r\nContent-Type: application/json\r\nContent-Length: "
                      + body.length()
                      + "\r\nConnection: close\r\n\r\n"
                      + body)
              .readUntil("}", Duration.ofSeconds(10));
      assertThat(answer).startsWith("HTTP/1.1 200");
      Matcher m = Pattern.compile("\"url\":\"([^\"]+)\"").matcher(answer);
      assertThat(m.find()).as(answer).isTrue();
      return m.group(1);
    }
  }

  @Test
  void presignedUrlsNameTheConfiguredPublicUrlNeverTheHostHeader() {
    String get = "{\"method\":\"GET\",\"path\":\"/s/p.txt\"}";
    assertThat(presignWithHost(secured, "evil.example", get))
        .startsWith(secured.base() + "/v1/fs/content?");
    Map<String, byte[]> secrets =
        Map.of("k1", "first-secret-0123456789".getBytes(StandardCharsets.UTF_8));
    Gateway behindProxy =
        harness.gateway(
            GatewayHarness.open()
                .withApiKeys(Map.of(KEY, "alice"))
                .withPresign("k1", secrets)
                .withPublicUrl("https://files.example.com/godfs/"));
    assertThat(presignWithHost(behindProxy, "evil.example", get))
        .startsWith("https://files.example.com/godfs/v1/fs/content?path=%2Fs%2Fp.txt&");
  }

  @Test
  void aPresignedPutUrlWorksOnce() {
    String putUrl =
        presign(
            "{\"method\":\"PUT\",\"path\":\"/s/once.txt\",\"expires_in_seconds\":60,"
                + "\"content_length\":5}");
    assertThat(
            send(HttpRequest.newBuilder(URI.create(putUrl))
                    .PUT(HttpRequest.BodyPublishers.ofString("first"))
                    .build())
                .statusCode())
        .isEqualTo(204);
    assertError(
        send(
            HttpRequest.newBuilder(URI.create(putUrl))
                .PUT(HttpRequest.BodyPublishers.ofString("again"))
                .build()),
        403,
        "presign_used",
        "already been used");
    assertThat(send(authed(secured, "/v1/fs/content?path=/s/once.txt").GET().build()).body())
        .isEqualTo("first");
    // A GET URL is not used up.
    String getUrl =
        presign("{\"method\":\"GET\",\"path\":\"/s/once.txt\",\"expires_in_seconds\":60}");
    for (int i = 0; i < 2; i++) {
      assertThat(send(HttpRequest.newBuilder(URI.create(getUrl)).GET().build()).statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void aUrlSignedWithAnotherSecretUnderTheSameKeyIdIsRefused() {
    Gateway impostor =
        harness.gateway(
            GatewayHarness.open()
                .withApiKeys(Map.of(KEY, "alice"))
                .withPresign(
                    "k2",
                    Map.of("k2", "not-the-real-secret-0123".getBytes(StandardCharsets.UTF_8))));
    HttpResponse<String> res =
        send(
            authed(impostor, "/v1/presign")
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"method\":\"GET\",\"path\":\"/s/p.txt\"}"))
                .build());
    Matcher m = Pattern.compile("\"url\":\"[^\"]+(/v1/fs/content\\?[^\"]+)\"").matcher(res.body());
    assertThat(m.find()).as(res.body()).isTrue();
    assertError(send(GatewayHarness.get(secured, m.group(1))), 403, "presign_invalid", "signature");
  }

  @Test
  void malformedInputIsA4xxAndTheServerStaysUp() {
    record Case(HttpRequest request, int status) {}
    String tooBig = "{\"path\":\"/s/" + "x".repeat(2000) + "\"}";
    Case[] cases = {
      new Case(get(open, "/v1/fs/stat?path=relative"), 400),
      new Case(get(open, "/v1/fs/stat?path=/a/../b"), 400),
      new Case(get(open, "/v1/fs/stat?path=/a//b"), 400),
      new Case(get(open, "/v1/fs/stat?path=/a%00b"), 400),
      new Case(get(open, "/v1/fs/stat?path=/" + "x".repeat(300)), 400),
      new Case(get(open, "/v1/fs/stat"), 400),
      new Case(get(open, "/v1/fs/list?path=/s&limit=abc"), 400),
      new Case(request(open, "/v1/fs?path=/s&recursive=maybe").DELETE().build(), 400),
      new Case(json(open, "POST", "/v1/fs/mkdir", "{not json"), 400),
      new Case(json(open, "POST", "/v1/fs/mkdir", ""), 400),
      new Case(json(open, "POST", "/v1/fs/mkdir", "[1,2]"), 400),
      new Case(json(open, "POST", "/v1/fs/mkdir", "{\"path\":42}"), 400),
      new Case(json(open, "POST", "/v1/fs/mkdir", "{}"), 400),
      new Case(json(open, "POST", "/v1/fs/mkdir", "null"), 400),
      new Case(json(open, "POST", "/v1/fs/rename", "{\"old_path\":\"/s\"}"), 400),
      new Case(json(open, "POST", "/v1/fs/mkdir", tooBig), 413),
      new Case(
          json(
              open,
              "POST",
              "/v1/fs/multipart/" + "0".repeat(32) + "/complete",
              "{\"parts\":\"x\"}"),
          400),
      new Case(
          request(open, "/v1/fs/content?path=/s/x").header("Range", "bytes=--1").GET().build(),
          404),
      new Case(
          request(open, "/v1/fs/stat?path=/s").header("X-Big", "y".repeat(20_000)).GET().build(),
          431),
      new Case(
          request(open, "/v1/fs/stat?path=/s").header("X-Huge", "y".repeat(200_000)).GET().build(),
          400),
    };
    for (Case c : cases) {
      HttpResponse<String> res = send(c.request());
      assertThat(res.statusCode()).as(c.request() + " -> " + res.body()).isEqualTo(c.status());
      assertThat(res.body()).doesNotContain("Exception").doesNotContain("\tat ");
      assertThat(res.headers().firstValue("Content-Type"))
          .as("content type of " + c.request())
          .hasValue("application/json");
      assertThat(res.body())
          .as(c.request() + " error body")
          .contains("\"error\":")
          .contains("\"code\":")
          .contains("\"request_id\":");
      assertThat(send(get(open, "/v1/health")).statusCode()).isEqualTo(200);
    }
  }
}
