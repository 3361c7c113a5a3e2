package io.godfs.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.godfs.adapters.rest.GatewaySettings;
import io.godfs.bootstrap.config.GatewayConfig;
import io.godfs.bootstrap.gateway.GatewayNode;
import io.godfs.client.GodfsClient;
import io.godfs.domain.file.DfsPath;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web console's endpoints over real HTTP (ADR 0023, "The web console"): {@code /v1/admin/*}
 * through {@code godfs gateway} in front of a cluster that checks its callers. The gateway asks the
 * masters as its caller, so root (admin) is answered and alice gets the master's 403 naming the
 * permission she lacks; the console's files are served without a credential, with their security
 * headers, while every data call needs one. The repair log is the leader's, through {@code
 * ListRepairs}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleApiIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  static TestCluster cluster;
  static GatewayNode gateway;
  static GatewayHttp http;
  static String rootKey;
  static String aliceKey;

  @BeforeAll
  static void start() throws Exception {
    AliceAndBob users = AliceAndBob.start(dir);
    cluster = users.cluster();
    rootKey = users.rootKey();
    aliceKey = users.aliceKey();
    try (GodfsClient root = cluster.client(Optional.of(rootKey));
        OutputStream out = root.create(DfsPath.of("/data/alice/a.txt"), true)) {
      out.write("checked by fsck".getBytes(StandardCharsets.UTF_8));
    }
    gateway =
        GatewayNode.start(
            new GatewayConfig(
                cluster.masterAddress(),
                GatewaySettings.defaults("127.0.0.1", 0),
                Optional.empty(),
                Optional.empty(),
                Optional.of(rootKey)));
    http = GatewayHttp.of(gateway);
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

  private static HttpResponse<String> get(String pathAndQuery, String key) {
    return http.send(http.request(pathAndQuery, key).GET().build());
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }

  @Test
  @Order(1)
  void anAdminSeesTheClusterItsNodesAndFsck() throws Exception {
    HttpResponse<String> cluster = get("/v1/admin/cluster", rootKey);
    assertThat(cluster.statusCode()).as(cluster.body()).isEqualTo(200);
    JsonNode figures = json(cluster);
    assertThat(figures.get("live_nodes").asInt()).isEqualTo(3);
    assertThat(figures.get("nodes")).hasSize(3);
    assertThat(figures.get("census").has("under_replicated")).isTrue();
    assertThat(figures.has("read_bytes")).isTrue();
    // One master, not replicated: no members, and the reason.
    assertThat(figures.get("masters").get("replicated").asBoolean()).isFalse();
    assertThat(figures.get("masters").get("note").asText()).isNotEmpty();

    HttpResponse<String> nodes = get("/v1/admin/nodes", rootKey);
    assertThat(nodes.statusCode()).isEqualTo(200);
    assertThat(json(nodes).get("nodes")).hasSize(3);
    assertThat(json(nodes).get("nodes").get(0).get("health").asText()).isEqualTo("LIVE");

    HttpResponse<String> fsck = get("/v1/admin/fsck?path=/data", rootKey);
    assertThat(fsck.statusCode()).as(fsck.body()).isEqualTo(200);
    JsonNode report = json(fsck);
    assertThat(report.get("files").asInt()).isEqualTo(1);
    assertThat(report.get("listed").get(0).get("path").asText()).isEqualTo("/data/alice/a.txt");

    HttpResponse<String> throughput = get("/v1/admin/throughput", rootKey);
    assertThat(throughput.statusCode()).isEqualTo(200);
    assertThat(json(throughput).get("interval_seconds").asInt()).isEqualTo(10);
    assertThat(json(throughput).get("samples").size()).isGreaterThanOrEqualTo(1);

    // The leader's repair log (ListRepairs): the default limit, events an array.
    HttpResponse<String> repairs = get("/v1/admin/repairs", rootKey);
    assertThat(repairs.statusCode()).as(repairs.body()).isEqualTo(200);
    assertThat(json(repairs).get("limit").asInt()).isEqualTo(100);
    assertThat(json(repairs).get("events").isArray()).isTrue();
    assertThat(get("/v1/admin/repairs?limit=1001", rootKey).statusCode()).isEqualTo(400);
  }

  @Test
  @Order(2)
  void aUserWhoIsNoAdminGetsTheMastersRefusal() {
    for (String path :
        new String[] {
          "/v1/admin/cluster",
          "/v1/admin/nodes",
          "/v1/admin/fsck?path=/data/alice",
          "/v1/admin/throughput",
          "/v1/admin/repairs"
        }) {
      HttpResponse<String> refused = get(path, aliceKey);
      assertThat(refused.statusCode()).as(path + ": " + refused.body()).isEqualTo(403);
      assertThat(refused.body()).as(path).contains("alice", "admin");
    }
    HttpResponse<String> decommission =
        http.send(
            http.request("/v1/admin/nodes/chunk-0/decommission", aliceKey)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    assertThat(decommission.statusCode()).isEqualTo(403);
    assertThat(decommission.body()).contains("alice", "admin");

    assertThat(get("/v1/admin/cluster", null).statusCode()).isEqualTo(401);
    assertThat(get("/v1/admin/nodes", "godfs_not-a-key").statusCode()).isEqualTo(401);
  }

  @Test
  @Order(3)
  void theConsoleFilesAreServedWithoutACredentialAndWithTheirSecurityHeaders() {
    HttpResponse<String> index = get("/console/", null);
    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(index.headers().firstValue("Content-Security-Policy"))
        .hasValue(
            "default-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none';"
                + " require-trusted-types-for 'script'");
    assertThat(index.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(index.body()).contains("<script type=\"module\" src=\"js/app.js\">");

    HttpResponse<String> app = get("/console/js/app.js", null);
    assertThat(app.statusCode()).isEqualTo(200);
    assertThat(app.headers().firstValue("Content-Type").orElse("")).contains("javascript");
    assertThat(app.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(get("/console/console.css", null).headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/css");

    HttpResponse<String> bare = get("/console", null);
    assertThat(bare.statusCode()).isEqualTo(301);
    assertThat(bare.headers().firstValue("Location")).hasValue("/console/");
    HttpResponse<String> missing = get("/console/no-such.js", null);
    assertThat(missing.statusCode()).isEqualTo(404);
  }

  @Test
  @Order(4)
  void anAdminDecommissionsANode() throws Exception {
    String node = json(get("/v1/admin/nodes", rootKey)).get("nodes").get(0).get("id").asText();
    HttpResponse<String> started =
        http.send(
            http.request("/v1/admin/nodes/" + node + "/decommission", rootKey)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    assertThat(json(started).get("id").asText()).isEqualTo(node);
    assertThat(json(started).get("admin_state").asText()).isIn("DECOMMISSIONING", "DECOMMISSIONED");

    HttpResponse<String> unknown =
        http.send(
            http.request("/v1/admin/nodes/no-such-node/decommission", rootKey)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
  }

  /**
   * A node holding a replica of a file is drained once two more chunkservers joined (the file is
   * written on three of the four in service, so one is left to copy onto): the repair log shows the
   * node decommissioned above, the copy the master ordered of the file's chunk and this node
   * decommissioned, newest first. (The file of the first test is inline in the master: no chunk.)
   */
  @Test
  @Order(5)
  void theRepairLogShowsACopyOrderedAndTheNodesDecommissioned() throws Exception {
    cluster.addChunkserver(0);
    cluster.addChunkserver(0);
    Waits.until(
        Duration.ofSeconds(30),
        "five live nodes",
        () -> {
          try {
            int live = 0;
            for (JsonNode n : json(get("/v1/admin/nodes", rootKey)).get("nodes")) {
              live += n.get("health").asText().equals("LIVE") ? 1 : 0;
            }
            return live == 5;
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        });
    try (GodfsClient root = cluster.client(Optional.of(rootKey));
        OutputStream out = root.create(DfsPath.of("/data/alice/chunked.bin"), true)) {
      out.write(new byte[64 * 1024]);
    }
    JsonNode chunk =
        json(get("/v1/admin/fsck?path=/data/alice/chunked.bin", rootKey))
            .get("listed")
            .get(0)
            .get("chunks")
            .get(0);
    String id = chunk.get("chunk").asText();
    String holder = chunk.get("good").get(0).asText();
    HttpResponse<String> started =
        http.send(
            http.request("/v1/admin/nodes/" + holder + "/decommission", rootKey)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);

    List<JsonNode> log = new ArrayList<>();
    Waits.until(
        Duration.ofSeconds(30),
        "the repair log to show " + holder + " decommissioned",
        () -> {
          log.clear();
          try {
            json(get("/v1/admin/repairs?limit=1000", rootKey)).get("events").forEach(log::add);
          } catch (Exception e) {
            throw new AssertionError(e);
          }
          return log.stream()
              .anyMatch(
                  e ->
                      e.get("kind").asText().equals("DECOMMISSIONED")
                          && e.get("node").asText().equals(holder));
        });
    assertThat(log)
        .as("the node decommissioned by the previous test")
        .anyMatch(e -> e.get("kind").asText().equals("DECOMMISSIONED") && e.get("chunk").isNull());
    assertThat(log)
        .as("a copy of the file's chunk ordered away from " + holder)
        .anySatisfy(
            e -> {
              assertThat(e.get("kind").asText()).isEqualTo("COPY_ORDERED");
              assertThat(e.get("chunk").asText()).isEqualTo(id);
              assertThat(e.get("node").asText()).isNotEqualTo(holder);
              assertThat(e.get("live_copies").asInt()).isPositive();
            });
    for (int i = 1; i < log.size(); i++) {
      assertThat(Instant.parse(log.get(i - 1).get("at").asText()))
          .as("newest first")
          .isAfterOrEqualTo(Instant.parse(log.get(i).get("at").asText()));
    }
    assertThat(json(get("/v1/admin/repairs?limit=1", rootKey)).get("events")).hasSize(1);
  }
}
