package io.godfs.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.godfs.adapters.rest.GatewaySettings;
import io.godfs.adapters.telemetry.NodeMetrics;
import io.godfs.application.port.in.SeekableInput;
import io.godfs.bootstrap.config.GatewayConfig;
import io.godfs.bootstrap.gateway.GatewayNode;
import io.godfs.client.GodfsClient;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.file.DfsPath;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code godfs gateway} in front of a cluster whose master checks every caller: the gateway has no
 * keys of its own and passes each request's credential on, so the master authorizes alice as alice
 * (her grants, her audit lines), a caller without a credential is a 401, and one user's uploads are
 * staged where no other user can reach them.
 */
class GatewayActsForItsCallerIT {

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
    gateway = gateway(GatewaySettings.DEFAULT_UPLOAD_EXPIRY);
    http = GatewayHttp.of(gateway);
  }

  /** A gateway with no keys of its own; its janitor acts with root's key. */
  static GatewayNode gateway(Duration uploadExpiry) {
    return GatewayNode.start(
        new GatewayConfig(
            cluster.masterAddress(),
            GatewaySettings.defaults("127.0.0.1", 0).withUploadExpiry(uploadExpiry),
            Optional.empty(),
            Optional.empty(),
            Optional.of(rootKey)));
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
  void theMasterAuthorizesTheCallerNeverTheGateway() throws Exception {
    assertThat(http.send(http.put("/data/alice/a.txt", "hello", aliceKey)).statusCode())
        .isEqualTo(204);
    assertThat(http.send(http.get("/data/alice/a.txt", aliceKey)).body()).isEqualTo("hello");

    HttpResponse<String> intoBobs = http.send(http.put("/data/bob/a.txt", "from alice", aliceKey));
    assertThat(intoBobs.statusCode()).isEqualTo(403);
    assertThat(intoBobs.body()).contains("alice", "'write'");
    assertThat(http.send(http.get("/data/alice/a.txt", bobKey)).statusCode()).isEqualTo(403);

    HttpResponse<String> anonymous = http.send(http.get("/data/alice/a.txt", null));
    assertThat(anonymous.statusCode()).isEqualTo(401);
    HttpResponse<String> wrongKey = http.send(http.get("/data/alice/a.txt", "godfs_not-a-key"));
    assertThat(wrongKey.statusCode()).isEqualTo(401);
    assertThat(wrongKey.body()).doesNotContain("godfs_not-a-key");

    // The trail names alice for her write through the gateway, and the gateway's key never.
    String trail = Files.readString(audit);
    assertThat(trail).contains("\"principal\":\"alice\"");
    assertThat(trail).doesNotContain(aliceKey, rootKey);
    try (GodfsClient root = cluster.client(Optional.of(rootKey));
        SeekableInput in = root.open(DfsPath.of("/data/alice/a.txt"))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
      assertThat(root.whoAmI().name()).isEqualTo("root");
    }
  }

  @Test
  void theBytesItsCallersWriteAndReadAreCountedInItsMetrics() throws Exception {
    NodeMetrics metrics = NodeMetrics.of("test", "gateway", "gateway");
    String content = "counted by the gateway's clients";
    try (GatewayNode metered =
        GatewayNode.start(
            new GatewayConfig(
                cluster.masterAddress(),
                GatewaySettings.defaults("127.0.0.1", 0),
                Optional.empty(),
                Optional.empty(),
                Optional.of(rootKey)),
            metrics.rpc(),
            metrics.http(),
            metrics.clientIo())) {
      GatewayHttp through = GatewayHttp.of(metered);
      assertThat(
              through.send(through.put("/data/alice/counted.txt", content, aliceKey)).statusCode())
          .isEqualTo(204);
      assertThat(through.send(through.get("/data/alice/counted.txt", aliceKey)).body())
          .isEqualTo(content);
      assertThat(through.send(through.get("/data/alice/no-such.txt", aliceKey)).statusCode())
          .isEqualTo(404);
    }
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/metrics", metrics.handler());
    server.start();
    String text;
    try (HttpClient scraper = HttpClient.newHttpClient()) {
      text =
          scraper
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://127.0.0.1:" + server.getAddress().getPort() + "/metrics"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
    } finally {
      server.stop(0);
    }
    assertThat(sample(text, "godfs_client_written_bytes_total"))
        .isGreaterThanOrEqualTo(content.length());
    assertThat(sample(text, "godfs_client_read_bytes_total"))
        .isGreaterThanOrEqualTo(content.length());
    assertThat(text)
        .containsPattern("godfs_client_operations_total\\{op=\"\\w+\",result=\"not_found\"} [1-9]")
        .containsPattern("godfs_client_operations_total\\{op=\"open\",result=\"ok\"} [1-9]")
        .containsPattern("godfs_client_operations_total\\{op=\"read\",result=\"ok\"} [1-9]")
        .doesNotContain("counted.txt", "no-such");
  }

  private static double sample(String text, String name) {
    Matcher m = Pattern.compile("(?m)^" + name + " (\\S+)$").matcher(text);
    assertThat(m.find()).as("%s in%n%s", name, text).isTrue();
    return Double.parseDouble(m.group(1));
  }

  @Test
  void aMultipartUploadBelongsToTheUserWhoStartedIt() throws Exception {
    String id = initUpload("/data/alice/big.bin", aliceKey);
    assertThat(http.send(part(id, 1, "part one", aliceKey)).statusCode()).isEqualTo(204);

    // Bob holds the id, but his uploads live in his own area: alice's is not there.
    assertThat(http.send(part(id, 2, "from bob", bobKey)).statusCode()).isEqualTo(404);
    assertThat(
            http.send(http.request("/v1/fs/multipart/" + id + "/parts", bobKey).GET().build())
                .statusCode())
        .isEqualTo(404);
    assertThat(
            http.send(http.request("/v1/fs/multipart/" + id, bobKey).DELETE().build()).statusCode())
        .isIn(204, 404);

    HttpResponse<String> done =
        http.send(
            http.request("/v1/fs/multipart/" + id + "/complete", aliceKey)
                .POST(HttpRequest.BodyPublishers.ofString("{\"parts\":[{\"part_number\":1}]}"))
                .header("Content-Type", "application/json")
                .build());
    assertThat(done.statusCode()).isEqualTo(200);
    assertThat(http.send(http.get("/data/alice/big.bin", aliceKey)).body()).isEqualTo("part one");

    // What was staged for alice is hers alone: bob cannot list her area.
    try (GodfsClient bob = cluster.client(Optional.of(bobKey))) {
      assertThat(bob.whoAmI().name()).isEqualTo("bob");
      assertThat(catchCode(() -> bob.list(DfsPath.of("/.godfs/users/alice"), null, 10)))
          .isEqualTo("PERMISSION_DENIED");
    }
  }

  @Test
  void theJanitorSweepsEveryUsersAbandonedUploadsAsTheGatewayItself() throws Exception {
    String id = initUpload("/data/bob/abandoned.bin", bobKey);
    assertThat(http.send(part(id, 1, "left behind", bobKey)).statusCode()).isEqualTo(204);
    // A second gateway whose uploads expire after a second sweeps what the first one left.
    try (GatewayNode sweeper = gateway(Duration.ofSeconds(1))) {
      Waits.until(
          Duration.ofSeconds(30),
          "bob's abandoned upload expired",
          () -> {
            sweeper.expireAbandonedUploads();
            return http.send(
                        http.request("/v1/fs/multipart/" + id + "/parts", bobKey).GET().build())
                    .statusCode()
                == 404;
          });
    }
  }

  private static String initUpload(String path, String key) {
    HttpResponse<String> res =
        http.send(
            http.request("/v1/fs/multipart", key)
                .POST(HttpRequest.BodyPublishers.ofString("{\"path\":\"" + path + "\"}"))
                .header("Content-Type", "application/json")
                .build());
    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    Matcher m = Pattern.compile("\"upload_id\":\"([0-9a-f]{32})\"").matcher(res.body());
    assertThat(m.find()).as(res.body()).isTrue();
    return m.group(1);
  }

  private static String catchCode(Runnable call) {
    try {
      call.run();
      return "none";
    } catch (DfsException e) {
      return e.code().name();
    }
  }

  private static HttpRequest part(String id, int n, String body, String key) {
    return http.request("/v1/fs/multipart/" + id + "?partNumber=" + n, key)
        .PUT(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }
}
