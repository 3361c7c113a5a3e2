package io.godfs.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.adapters.rest.GatewaySettings;
import io.godfs.application.port.in.SeekableInput;
import io.godfs.bootstrap.config.GatewayConfig;
import io.godfs.bootstrap.gateway.GatewayNode;
import io.godfs.client.GodfsClient;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.DfsPath;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Presigned URLs on a secured cluster (ADR 0022, delegation tokens): alice asks the gateway, with
 * her key, for a URL; the master issues a token in her name for one file and one operation, and a
 * client holding only the URL reads (or writes once) that file, and nothing else, until it expires.
 * The master refuses tokens it did not sign, and bob cannot delegate what he may not do.
 */
class PresignedUrlsIT {
  static final SecureRandom RANDOM = new SecureRandom();

  @TempDir static Path dir;
  static Path audit;
  static TestCluster cluster;
  static GatewayNode gateway;
  static GatewayHttp http;
  static String rootKey;
  static String aliceKey;
  static String bobKey;

  @BeforeAll
  static void start() {
    AliceAndBob users = AliceAndBob.start(dir);
    cluster = users.cluster();
    audit = users.audit();
    rootKey = users.rootKey();
    aliceKey = users.aliceKey();
    bobKey = users.bobKey();
    // No keys and no presign secrets of its own: presigned URLs carry the masters' tokens.
    gateway =
        GatewayNode.start(
            new GatewayConfig(
                cluster.masterAddress(),
                GatewaySettings.defaults("127.0.0.1", 0),
                Optional.empty(),
                Optional.empty(),
                Optional.of(rootKey)));
    http = GatewayHttp.of(gateway);
    assertThat(http.send(http.put("/data/alice/shared.txt", "hello", aliceKey)).statusCode())
        .isEqualTo(204);
    assertThat(http.send(http.put("/data/alice/private.txt", "secret", aliceKey)).statusCode())
        .isEqualTo(204);
  }

  @AfterAll
  static void stop() {
    try {
      if (gateway != null) {
        gateway.close();
      }
    } finally {
      if (cluster != null) {
        cluster.close();
      }
    }
  }

  @Test
  void aReadUrlOpensItsFileToAnyoneAndNothingElse() throws Exception {
    String url = presign(aliceKey, "GET", "/data/alice/shared.txt", 300, null);
    assertThat(url)
        .startsWith(http.base() + "/v1/fs/content?path=%2Fdata%2Falice%2Fshared.txt&godfs_token=");

    HttpResponse<String> got = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build());
    assertThat(got.statusCode()).as(got.body()).isEqualTo(200);
    assertThat(got.body()).isEqualTo("hello");
    assertThat(
            http.send(
                    HttpRequest.newBuilder(URI.create(url))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .build())
                .statusCode())
        .isEqualTo(200);

    HttpResponse<String> other =
        http.send(
            HttpRequest.newBuilder(URI.create(url.replace("shared.txt", "private.txt")))
                .GET()
                .build());
    assertThat(other.statusCode()).isEqualTo(403);
    assertThat(other.body()).contains("presign_invalid", "read of /data/alice/shared.txt");
    assertThat(other.body()).doesNotContain("secret");

    HttpResponse<String> write =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .PUT(HttpRequest.BodyPublishers.ofString("x"))
                .build());
    assertThat(write.statusCode()).isEqualTo(403);
    assertThat(write.body()).contains("grants read of /data/alice/shared.txt", "not PUT");

    // The token itself, taken out of the URL and presented straight to the master, is alice's
    // for that one file and that one operation only.
    String token = url.substring(url.indexOf("godfs_token=") + "godfs_token=".length());
    try (GodfsClient holder = cluster.client(Optional.of(token))) {
      assertThat(holder.whoAmI().name()).isEqualTo("alice");
      try (SeekableInput in = holder.open(DfsPath.of("/data/alice/shared.txt"))) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
      }
      assertThatThrownBy(() -> holder.stat(DfsPath.of("/data/alice/private.txt")))
          .isInstanceOfSatisfying(
              DfsException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
                assertThat(e.getMessage())
                    .contains("delegation token grants only read of /data/alice/shared.txt");
              });
      assertThatThrownBy(() -> holder.delete(DfsPath.of("/data/alice/shared.txt"), false))
          .isInstanceOfSatisfying(
              DfsException.class, e -> assertThat(e.getMessage()).contains("not 'delete'"));
      assertThatThrownBy(() -> holder.mkdir(DfsPath.of("/data/alice/d"), false))
          .isInstanceOf(DfsException.class);
    }

    // The audit trail names alice, and says her name came through a delegation token.
    String trail = Files.readString(audit);
    assertThat(trail)
        .contains("\"principal\":\"alice via delegation token (read of /data/alice/shared.txt)\"");
    assertThat(trail).doesNotContain(token, aliceKey);
  }

  @Test
  void aPutUrlUploadsOnceAndOnlyItsExactLength() throws Exception {
    byte[] body = new byte[(3 << 20) / 2]; // staged through chunkservers, not inline
    RANDOM.nextBytes(body);
    String url = presign(aliceKey, "PUT", "/data/alice/upload.bin", 300, (long) body.length);

    HttpResponse<String> longer =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(Arrays.copyOf(body, body.length + 1)))
                .build());
    assertThat(longer.statusCode()).isEqualTo(403);
    assertThat(longer.body()).contains("uploads exactly " + body.length + " bytes");

    HttpResponse<String> put =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    assertThat(put.statusCode()).as(put.body()).isEqualTo(204);
    HttpResponse<String> again =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    assertThat(again.statusCode()).isEqualTo(403);
    assertThat(again.body()).contains("presign_used");
    HttpResponse<String> read = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build());
    assertThat(read.statusCode()).isEqualTo(403);

    try (GodfsClient alice = cluster.client(Optional.of(aliceKey));
        SeekableInput in = alice.open(DfsPath.of("/data/alice/upload.bin"))) {
      assertThat(in.readAllBytes()).isEqualTo(body);
    }
    assertThat(Files.readString(audit))
        .contains(
            "alice via delegation token (write of /data/alice/upload.bin ("
                + body.length
                + " bytes))");

    String small = presign(aliceKey, "PUT", "/data/alice/small.txt", 300, 5L);
    assertThat(
            http.send(
                    HttpRequest.newBuilder(URI.create(small))
                        .PUT(HttpRequest.BodyPublishers.ofString("tiny!"))
                        .build())
                .statusCode())
        .isEqualTo(204);
    assertThat(http.send(http.get("/data/alice/small.txt", aliceKey)).body()).isEqualTo("tiny!");
  }

  @Test
  void expiredAndTamperedUrlsAreRefusedSayingWhy() throws Exception {
    String url = presign(aliceKey, "GET", "/data/alice/shared.txt", 300, null);
    int at = url.indexOf("godfs_token=") + "godfs_token=".length() + "godfs-dt1.".length();
    // A flipped MAC byte: the master checks the signature.
    int inMac = url.length() - 10;
    HttpResponse<String> forged =
        http.send(HttpRequest.newBuilder(URI.create(flip(url, inMac))).GET().build());
    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(forged.body()).contains("delegation token signature does not verify");
    // A changed key id: a key the masters never made.
    HttpResponse<String> unknownKey =
        http.send(HttpRequest.newBuilder(URI.create(flip(url, at + 3))).GET().build());
    assertThat(unknownKey.statusCode()).isEqualTo(401);
    assertThat(unknownKey.body()).contains("delegation token signed with key");
    HttpResponse<String> cut =
        http.send(HttpRequest.newBuilder(URI.create(url.substring(0, at + 20))).GET().build());
    assertThat(cut.statusCode()).isEqualTo(401);
    assertThat(cut.body()).contains("not a delegation token");

    String shortLived = presign(aliceKey, "GET", "/data/alice/shared.txt", 1, null);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    HttpResponse<String> expired =
        http.send(HttpRequest.newBuilder(URI.create(shortLived)).GET().build());
    while (expired.statusCode() == 200 && System.nanoTime() < deadline) {
      expired = http.send(HttpRequest.newBuilder(URI.create(shortLived)).GET().build());
    }
    // The first refusal may be the master's (the token expired between the gateway's look at it
    // and the master's check); either says so.
    assertThat(expired.statusCode()).isEqualTo(401);
    assertThat(expired.body()).contains("expired at");
    HttpResponse<String> later =
        http.send(HttpRequest.newBuilder(URI.create(shortLived)).GET().build());
    assertThat(later.statusCode()).isEqualTo(401);
    assertThat(later.body()).contains("presign_expired", "the presigned URL expired at");
  }

  @Test
  void noOneDelegatesWhatTheyMayNotDo() {
    HttpResponse<String> bobs = presignResponse(bobKey, "GET", "/data/alice/shared.txt", 300, null);
    assertThat(bobs.statusCode()).isEqualTo(403);
    assertThat(bobs.body()).contains("bob lacks 'read' on /data/alice/shared.txt");
    HttpResponse<String> bobsWrite = presignResponse(bobKey, "PUT", "/data/alice/x.txt", 300, 3L);
    assertThat(bobsWrite.statusCode()).isEqualTo(403);
    assertThat(bobsWrite.body()).contains("bob lacks 'write' on /data/alice/x.txt");
    assertThat(presignResponse(null, "GET", "/data/alice/shared.txt", 300, null).statusCode())
        .isEqualTo(401);
    HttpResponse<String> tooLong =
        presignResponse(aliceKey, "GET", "/data/alice/shared.txt", 8 * 86_400, null);
    assertThat(tooLong.statusCode()).isEqualTo(400);
    // A token cannot issue another.
    String token = tokenOf(presign(aliceKey, "GET", "/data/alice/shared.txt", 300, null));
    HttpResponse<String> chained =
        presignResponse(token, "GET", "/data/alice/shared.txt", 300, null);
    assertThat(chained.statusCode()).isEqualTo(403);
    assertThat(chained.body()).contains("a delegation token cannot issue another");
  }

  private static String tokenOf(String url) {
    return url.substring(url.indexOf("godfs_token=") + "godfs_token=".length());
  }

  private static String flip(String url, int index) {
    char c = url.charAt(index);
    char other = c == 'A' ? 'B' : 'A';
    return url.substring(0, index) + other + url.substring(index + 1);
  }

  private static String presign(String key, String method, String path, long ttl, Long length) {
    HttpResponse<String> res = presignResponse(key, method, path, ttl, length);
    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    assertThat(res.body()).contains("\"key_id\":\"master-");
    Matcher m = Pattern.compile("\"url\":\"([^\"]+)\"").matcher(res.body());
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  private static HttpResponse<String> presignResponse(
      String key, String method, String path, long ttl, Long length) {
    String body =
        "{\"method\":\""
            + method
            + "\",\"path\":\""
            + path
            + "\",\"expires_in_seconds\":"
            + ttl
            + (length == null ? "" : ",\"content_length\":" + length)
            + "}";
    return http.send(
        http.request("/v1/presign", key)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }
}
