package io.godfs.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.adapters.grpc.ChannelPool;
import io.godfs.adapters.grpc.GrpcAdminClient;
import io.godfs.adapters.rest.GatewaySettings;
import io.godfs.application.client.ClientSettings;
import io.godfs.application.port.in.NodeReport;
import io.godfs.bootstrap.gateway.GatewayNode;
import io.godfs.client.GodfsClient;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.node.AdminState;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three Ratis masters behind real gRPC: the leader is killed during a stream of creates and writes
 * and the client carries on without an error, losing and duplicating nothing; all masters restart
 * with the namespace intact.
 */
class ReplicatedMastersIT {
  private static final long CHUNK = 1 << 20;
  private static final int FILE = 96 * 1024;
  @TempDir Path dir;

  @Test
  void killingTheLeaderMidStreamLosesNoAcknowledgedWriteAndSurfacesNoError() throws Exception {
    try (MasterGroup group = new MasterGroup(dir, 3, 3, CHUNK)) {
      GodfsClient client = group.client();
      client.mkdir(DfsPath.of("/s"), false);
      ConcurrentLinkedQueue<Integer> acked = new ConcurrentLinkedQueue<>();
      ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
      AtomicBoolean stop = new AtomicBoolean();
      AtomicLong longestOp = new AtomicLong();
      Thread writer =
          new Thread(
              () -> {
                for (int i = 0; !stop.get(); i++) {
                  long start = System.nanoTime();
                  try (OutputStream out = client.create(DfsPath.of("/s/f-" + i), false)) {
                    out.write(Payload.bytes(i, FILE));
                  } catch (Throwable t) {
                    failures.add(t);
                    return;
                  }
                  longestOp.accumulateAndGet(System.nanoTime() - start, Math::max);
                  acked.add(i);
                }
              },
              "stream-writer");
      writer.start();
      try {
        Waits.until(
            Duration.ofSeconds(30),
            "10 files written",
            () -> acked.size() >= 10 || !failures.isEmpty());
        int leader = group.awaitLeader();
        group.stopMaster(leader);
        int before = acked.size();
        Waits.until(
            Duration.ofSeconds(60),
            "20 more files written after the leader was killed",
            () -> acked.size() >= before + 20 || !failures.isEmpty());
      } finally {
        stop.set(true);
        writer.join(Duration.ofSeconds(60));
      }
      assertThat(failures).isEmpty();
      System.out.printf(
          "leader failover: longest create+write+close seen by the client %d ms%n",
          longestOp.get() / 1_000_000);

      List<FileStatus> listed = client.list(DfsPath.of("/s"), null, 1000).entries();
      assertThat(listed).hasSize(acked.size());
      for (int i : acked) {
        assertThat(readAll(client, "/s/f-" + i)).isEqualTo(Payload.bytes(i, FILE));
      }
    }
  }

  @Test
  void restartingEveryMasterKeepsTheNamespaceAndItsData() throws Exception {
    try (MasterGroup group = new MasterGroup(dir, 3, 3, CHUNK)) {
      GodfsClient client = group.client();
      client.mkdir(DfsPath.of("/keep"), false);
      for (int i = 0; i < 5; i++) {
        try (OutputStream out = client.create(DfsPath.of("/keep/f-" + i), false)) {
          out.write(Payload.bytes(i, FILE));
        }
      }
      for (int i = 0; i < group.masterCount(); i++) {
        group.stopMaster(i);
      }
      for (int i = 0; i < group.masterCount(); i++) {
        group.startMaster(i);
      }
      GodfsClient after = group.client();
      assertThat(after.list(DfsPath.of("/keep"), null, 100).entries()).hasSize(5);
      for (int i = 0; i < 5; i++) {
        assertThat(readAll(after, "/keep/f-" + i)).isEqualTo(Payload.bytes(i, FILE));
      }
    }
  }

  private static byte[] readAll(GodfsClient client, String path) throws Exception {
    try (InputStream in = client.open(DfsPath.of(path))) {
      return in.readAllBytes();
    }
  }

  @Test
  void theAdminCliListsTheMastersAndRefusesToShrinkTheGroupBelowThree() throws Exception {
    try (MasterGroup group = new MasterGroup(dir.resolve("cluster"), 3, 1, CHUNK)) {
      int leader = group.awaitLeader();
      Launcher.Run list =
          Launcher.run(
              dir,
              group.addresses(),
              group.credentials().clientEnvironment(),
              "admin",
              "masters",
              "list");
      assertThat(list.code()).as(list.err()).isZero();
      assertThat(list.out()).contains("m0", "m1", "m2").containsOnlyOnce("leader");
      assertThat(list.out()).containsPattern("m" + leader + " .* leader");

      Launcher.Run refused =
          Launcher.run(
              dir,
              group.addresses(),
              group.credentials().clientEnvironment(),
              "admin",
              "masters",
              "remove",
              "m0");
      assertThat(refused.code()).isEqualTo(1);
      assertThat(refused.err()).contains("would leave 2 masters");
    }
  }

  /**
   * An operator's decommission order is replicated: the master that leads after the old leader died
   * still lists the node as decommissioning (or done), instead of putting it back in service.
   */
  @Test
  void aDecommissionOrderSurvivesTheLeadersDeath() throws Exception {
    try (RecentWarnings raftWarnings = RecentWarnings.of("org.apache.ratis");
        MasterGroup group = new MasterGroup(dir, 3, 3, CHUNK);
        ChannelPool channels = group.credentials().channels()) {
      Launcher.Run ordered =
          Launcher.run(
              dir,
              group.addresses(),
              group.credentials().clientEnvironment(),
              "admin",
              "decommission",
              "chunk-2");
      assertThat(ordered.code()).as(ordered.err()).isZero();

      group.stopMaster(group.awaitLeader());

      // Watched in process: a CLI process per look (seconds of JVM start and TLS on a 2-core
      // machine) would starve the masters' elections it is waiting for.
      GrpcAdminClient admin =
          new GrpcAdminClient(group.addresses(), channels, Duration.ofSeconds(5));
      String[] seen = {"nothing yet"};
      try {
        Waits.until(
            Duration.ofSeconds(60),
            "the new leader to list chunk-2 as decommissioning",
            () -> {
              try {
                List<NodeReport> nodes = admin.nodes();
                seen[0] = nodes.toString();
                return nodes.stream()
                        .anyMatch(
                            n ->
                                n.id().value().equals("chunk-2")
                                    && n.adminState() != AdminState.IN_SERVICE)
                    && nodes.stream()
                        .anyMatch(
                            n ->
                                n.id().value().equals("chunk-1")
                                    && n.adminState() == AdminState.IN_SERVICE);
              } catch (DfsException e) {
                seen[0] = e.getMessage();
                return false;
              }
            });
      } catch (AssertionError e) {
        throw new AssertionError(
            e.getMessage()
                + "; the last answer: "
                + seen[0]
                + "; the masters see: "
                + group.leadershipViews()
                + "; Raft's last warnings:\n"
                + raftWarnings.describe(),
            e);
      }
      // The operator's view says the same.
      Launcher.Run nodes =
          Launcher.run(
              dir, group.addresses(), group.credentials().clientEnvironment(), "admin", "nodes");
      assertThat(nodes.code()).as(nodes.err()).isZero();
      assertThat(nodes.out().lines())
          .anyMatch(l -> l.startsWith("chunk-2 ") && l.contains("DECOMMISSION"))
          .anyMatch(l -> l.startsWith("chunk-1 ") && l.contains("IN_SERVICE"))
          .anyMatch(l -> l.startsWith("chunk-3 "));
    }
  }

  @Test
  void theRestGatewayFollowsTheLeaderToo() throws Exception {
    try (MasterGroup group = new MasterGroup(dir, 3, 3, CHUNK);
        GodfsClient gatewayClient =
            GodfsClient.connect(
                group.addresses(),
                ClientSettings.DEFAULTS,
                group.credentials().adminKey(),
                group.credentials().client());
        GatewayNode gateway =
            GatewayNode.start(
                gatewayClient, GatewaySettings.defaults("127.0.0.1", 0), Clock.systemUTC())) {
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + gateway.port() + "/v1/fs/content?path=";
      HttpResponse<String> put =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/before.txt"))
                  .PUT(HttpRequest.BodyPublishers.ofString("before"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(put.statusCode()).as(put.body()).isBetween(200, 299);

      group.stopMaster(group.awaitLeader());

      long start = System.nanoTime();
      HttpResponse<String> again =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/after.txt"))
                  .PUT(HttpRequest.BodyPublishers.ofString("after"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(again.statusCode()).as(again.body()).isBetween(200, 299);
      System.out.printf(
          "REST PUT right after the leader was killed: %d ms%n",
          (System.nanoTime() - start) / 1_000_000);
      for (String name : List.of("before", "after")) {
        HttpResponse<String> get =
            http.send(
                HttpRequest.newBuilder(URI.create(base + "/" + name + ".txt")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo(name);
      }
    }
  }
}
