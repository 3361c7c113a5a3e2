package io.godfs.adapters.rest.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.adapters.rest.GatewaySettings;
import io.godfs.adapters.rest.RestGateway;
import io.godfs.application.port.in.AdminClient;
import io.godfs.application.port.in.ClusterFigures;
import io.godfs.application.port.in.FrontEndServices;
import io.godfs.application.port.in.FsckReport;
import io.godfs.application.port.in.NodeReport;
import io.godfs.application.port.in.RepairEvent;
import io.godfs.application.port.in.SafeModeStatus;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.node.AdminState;
import io.godfs.domain.node.MasterInfo;
import io.godfs.domain.node.NodeId;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /v1/admin} and {@code /console/} over real HTTP against fake masters: the caller's
 * credential goes to the admin API, a refusal comes back as its status, the gateway samples the
 * figures as itself, and the console's files need no key while the API does.
 */
class AdminHttpServiceTest {
  static final String ROOT = "root-key-0123456789abcdef0123456789";
  static final String ALICE = "alice-key-0123456789abcdef012345678";

  final List<Optional<String>> asked = new ArrayList<>();
  final List<Integer> repairLimits = new ArrayList<>();
  final AtomicInteger ownSamples = new AtomicInteger();
  RestGateway gateway;
  final HttpClient http = HttpClient.newHttpClient();

  /** Masters that answer root and refuse anyone else, as the master's Access does. */
  final class FakeMasters implements AdminClient {
    final Optional<String> credential;

    FakeMasters(Optional<String> credential) {
      this.credential = credential;
    }

    void check() {
      if (!credential.equals(Optional.of(ROOT)) && !credential.equals(Optional.of("own"))) {
        throw new DfsException(
            ErrorCode.PERMISSION_DENIED, "alice lacks the 'admin' permission on /");
      }
    }

    @Override
    public List<NodeReport> nodes() {
      check();
      return List.of();
    }

    @Override
    public Outcome<FsckReport> fsck(DfsPath path) {
      check();
      return Outcome.ok(new FsckReport(path, List.of()));
    }

    @Override
    public Outcome<NodeReport> decommission(NodeId node) {
      check();
      return Outcome.rejected(ErrorCode.NOT_FOUND, "no chunkserver " + node);
    }

    @Override
    public SafeModeStatus safeMode() {
      throw new UnsupportedOperationException();
    }

    @Override
    public SafeModeStatus setSafeMode(boolean on) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Outcome<List<MasterInfo>> masters() {
      return Outcome.ok(
          List.of(
              new MasterInfo("m1", "10.0.0.1:9200", "10.0.0.1:9090", false),
              new MasterInfo("m2", "10.0.0.2:9200", "10.0.0.2:9090", true)));
    }

    @Override
    public Outcome<List<MasterInfo>> addMaster(MasterInfo master) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Outcome<List<MasterInfo>> removeMaster(String id) {
      throw new UnsupportedOperationException();
    }

    @Override
    public ClusterFigures clusterFigures() {
      check();
      if (credential.equals(Optional.of("own"))) {
        ownSamples.incrementAndGet();
      }
      return new ClusterFigures(
          List.of(
              new ClusterFigures.NodeFigures("chunk-1", true, AdminState.IN_SERVICE, 100, 40),
              new ClusterFigures.NodeFigures("chunk-2", false, AdminState.IN_SERVICE, 100, 10)),
          false,
          ClusterFigures.Census.NONE,
          0,
          0,
          1000,
          2000);
    }

    @Override
    public List<RepairEvent> repairs(int limit) {
      check();
      synchronized (repairLimits) {
        repairLimits.add(limit);
      }
      return REPAIRS.stream().limit(limit).toList();
    }
  }

  /** The leader's log as the masters answer it: newest first. */
  static final List<RepairEvent> REPAIRS =
      List.of(
          new RepairEvent(
              Instant.parse("2026-12-05T10:00:02Z"),
              RepairEvent.Kind.COPY_ORDERED,
              new ChunkId(42),
              new NodeId("chunk-3"),
              1),
          new RepairEvent(
              Instant.parse("2026-12-05T10:00:01Z"),
              RepairEvent.Kind.NODE_PRUNED,
              null,
              new NodeId("chunk-2"),
              0));

  void start(Map<String, String> keys) {
    FrontEndServices services =
        new FrontEndServices() {
          @Override
          public CallerSession forCredential(Optional<String> credential) {
            throw new UnsupportedOperationException("no file system here");
          }

          @Override
          public AdminClient admin(Optional<String> credential) {
            synchronized (asked) {
              asked.add(credential);
            }
            return new FakeMasters(credential);
          }

          @Override
          public Optional<AdminClient> ownAdmin() {
            return Optional.of(new FakeMasters(Optional.of("own")));
          }
        };
    gateway =
        RestGateway.start(
            services,
            GatewaySettings.defaults("127.0.0.1", 0).withApiKeys(keys),
            Clock.systemUTC(),
            Optional.empty());
  }

  @AfterEach
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  HttpResponse<String> send(String method, String path, String key) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theCallersCredentialGoesToTheMastersAndTheirRefusalComesBack() throws Exception {
    start(Map.of());
    HttpResponse<String> cluster = send("GET", "/v1/admin/cluster", ROOT);
    assertThat(cluster.statusCode()).isEqualTo(200);
    assertThat(cluster.body())
        .contains(
            "\"live_nodes\":1",
            "\"dead_nodes\":1",
            "\"capacity_bytes\":100",
            "\"read_bytes\":1000",
            "\"leader\":\"m2\"",
            "\"health\":\"DEAD\"");
    assertThat(asked).contains(Optional.of(ROOT));

    for (String path :
        List.of("/v1/admin/cluster", "/v1/admin/nodes", "/v1/admin/fsck", "/v1/admin/repairs")) {
      HttpResponse<String> refused = send("GET", path, ALICE);
      assertThat(refused.statusCode()).as(path).isEqualTo(403);
      assertThat(refused.body()).as(path).contains("'admin'", "\"code\":\"permission_denied\"");
    }
    assertThat(send("POST", "/v1/admin/nodes/chunk-9/decommission", ROOT).statusCode())
        .isEqualTo(404);
    assertThat(send("GET", "/v1/admin/fsck?path=relative", ROOT).statusCode()).isEqualTo(400);
  }

  @Test
  void theRepairLogComesFromTheMastersNewestFirstWithinTheLimit() throws Exception {
    start(Map.of());
    HttpResponse<String> all = send("GET", "/v1/admin/repairs", ROOT);
    assertThat(all.statusCode()).as(all.body()).isEqualTo(200);
    assertThat(all.body())
        .isEqualTo(
            "{\"limit\":100,\"events\":["
                + "{\"at\":\"2026-12-05T10:00:02Z\",\"kind\":\"COPY_ORDERED\","
                + "\"chunk\":\"chunk-42\",\"node\":\"chunk-3\",\"live_copies\":1},"
                + "{\"at\":\"2026-12-05T10:00:01Z\",\"kind\":\"NODE_PRUNED\","
                + "\"chunk\":null,\"node\":\"chunk-2\",\"live_copies\":0}]}");
    HttpResponse<String> one = send("GET", "/v1/admin/repairs?limit=1", ROOT);
    assertThat(one.statusCode()).isEqualTo(200);
    assertThat(one.body()).contains("COPY_ORDERED").doesNotContain("NODE_PRUNED");
    assertThat(send("GET", "/v1/admin/repairs?limit=1000", ROOT).statusCode()).isEqualTo(200);
    assertThat(repairLimits).containsExactly(100, 1, 1000);

    for (String bad : List.of("0", "1001", "x")) {
      HttpResponse<String> refused = send("GET", "/v1/admin/repairs?limit=" + bad, ROOT);
      assertThat(refused.statusCode()).as(bad).isEqualTo(400);
      assertThat(refused.body()).as(bad).contains("limit", "1-1000");
    }
    assertThat(repairLimits).as("a bad limit never reaches the masters").hasSize(3);

    HttpResponse<String> alice = send("GET", "/v1/admin/repairs?limit=5", ALICE);
    assertThat(alice.statusCode()).isEqualTo(403);
    assertThat(alice.body()).contains("alice", "'admin'");
  }

  @Test
  void theGatewaySamplesTheFiguresAsItself() throws Exception {
    start(Map.of());
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (ownSamples.get() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(ownSamples.get()).isPositive();
    HttpResponse<String> history = send("GET", "/v1/admin/throughput", ROOT);
    assertThat(history.statusCode()).isEqualTo(200);
    assertThat(history.body())
        .contains("\"interval_seconds\":10", "\"counters_reported\":true", "\"read_bytes\":1000");
  }

  @Test
  void theConsoleFilesNeedNoKeyButItsCallsDo() throws Exception {
    start(Map.of(ROOT, "root"));
    HttpResponse<String> index = send("GET", "/console/", null);
    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.headers().firstValue("Content-Security-Policy").orElse(""))
        .contains("require-trusted-types-for 'script'", "frame-ancestors 'none'");
    assertThat(index.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    for (String file :
        List.of(
            "app.js",
            "api.js",
            "dom.js",
            "login.js",
            "overview.js",
            "browse.js",
            "nodes.js",
            "fsck.js",
            "repairs.js")) {
      HttpResponse<String> js = send("GET", "/console/js/" + file, null);
      assertThat(js.statusCode()).as(file).isEqualTo(200);
      // The DOM is built with textContent: no HTML sink anywhere in the app.
      assertThat(js.body()).as(file).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML");
      assertThat(js.body()).as(file).doesNotContain("eval(", "document.write");
    }
    assertThat(send("GET", "/v1/admin/cluster", null).statusCode()).isEqualTo(401);
    assertThat(send("GET", "/v1/admin/cluster", ROOT).statusCode()).isEqualTo(200);
    // Only the console's own paths are open.
    assertThat(send("GET", "/consolex", null).statusCode()).isEqualTo(401);
  }

  @Test
  void aFrontEndOverOneFileSystemHasNoAdminApi() throws Exception {
    gateway =
        RestGateway.start(
            credential -> null,
            GatewaySettings.defaults("127.0.0.1", 0),
            Clock.systemUTC(),
            Optional.empty());
    HttpResponse<String> none = send("GET", "/v1/admin/cluster", null);
    assertThat(none.statusCode()).isEqualTo(409);
    assertThat(none.body()).contains("no cluster admin API");
  }
}
