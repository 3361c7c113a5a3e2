package io.godfs.bootstrap.gateway;

import io.godfs.adapters.grpc.ChannelPool;
import io.godfs.adapters.rest.GatewaySettings;
import io.godfs.application.client.ClientSettings;
import io.godfs.bootstrap.config.ChunkserverConfig;
import io.godfs.bootstrap.config.MasterConfig;
import io.godfs.bootstrap.e2e.ClusterCredentials;
import io.godfs.bootstrap.wiring.ChunkserverNode;
import io.godfs.bootstrap.wiring.MasterNode;
import io.godfs.client.GodfsClient;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A real in-process cluster (master + chunkservers on free ports of 127.0.0.1, real gRPC) with REST
 * gateways in front of it, and a plain {@link HttpClient} to talk to them. Close it in @AfterAll.
 */
final class GatewayHarness implements AutoCloseable {
  final TestClock clock = new TestClock();
  final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final MasterNode master;
  private final List<ChunkserverNode> chunkservers = new ArrayList<>();
  private final List<AutoCloseable> closeables = new ArrayList<>();
  final GodfsClient client;
  private final ClusterCredentials credentials;

  /**
   * The cluster is secured ({@link ClusterCredentials}: TLS, node certificates, chunk access
   * tokens, API keys, audit); the gateways in front of it serve plain HTTP to everyone through
   * {@link #client}, the cluster's admin. How the gateway acts for each caller over HTTPS is
   * GatewayActsForItsCallerIT's and GatewayHttpsTest's subject.
   */
  GatewayHarness(Path dir, int chunkservers, long chunkSize, int replication) {
    credentials = ClusterCredentials.in(dir);
    master =
        MasterNode.start(
            new MasterConfig(
                "127.0.0.1",
                0,
                chunkSize,
                replication,
                Duration.ofSeconds(30),
                Duration.ofMillis(200)),
            credentials.master());
    try {
      for (int i = 1; i <= chunkservers; i++) {
        String id = "chunk-" + i;
        this.chunkservers.add(
            ChunkserverNode.start(
                ChunkserverConfig.of(
                    masterAddress(),
                    "127.0.0.1",
                    0,
                    dir.resolve(id),
                    id,
                    null,
                    0,
                    Duration.ofMillis(200)),
                Optional.empty(),
                credentials.chunkserver(id)));
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (!this.chunkservers.stream().allMatch(ChunkserverNode::isRegistered)) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("chunkservers did not register within 20 s");
        }
        try {
          Thread.sleep(10); // polling a real condition with a deadline
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted", e);
        }
      }
      client = newClient();
    } catch (RuntimeException | Error e) {
      close();
      throw e;
    }
  }

  String masterAddress() {
    return "127.0.0.1:" + master.port();
  }

  /** Another client of the cluster, as its admin; the caller closes it. */
  GodfsClient newClient() {
    return GodfsClient.connect(
        masterAddress(), ClientSettings.DEFAULTS, credentials.adminKey(), credentials.client());
  }

  /** Connections to the cluster's ports as its admin. */
  ChannelPool channels() {
    return credentials.channels();
  }

  /** A gateway over this cluster on a free port; closed with the harness. */
  Gateway gateway(GatewaySettings settings) {
    GatewayNode node = GatewayNode.start(client, settings, clock);
    closeables.add(node);
    return new Gateway(node, "http://127.0.0.1:" + node.port());
  }

  static GatewaySettings open() {
    return GatewaySettings.defaults("127.0.0.1", 0);
  }

  record Gateway(GatewayNode node, String base) {
    URI uri(String pathAndQuery) {
      return URI.create(base + pathAndQuery);
    }
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError("request " + request + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  HttpResponse<byte[]> sendBytes(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new AssertionError("request " + request + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  static HttpRequest.Builder request(Gateway g, String pathAndQuery) {
    return HttpRequest.newBuilder(g.uri(pathAndQuery)).timeout(Duration.ofSeconds(60));
  }

  static HttpRequest json(Gateway g, String method, String pathAndQuery, String body) {
    return request(g, pathAndQuery)
        .header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  static HttpRequest get(Gateway g, String pathAndQuery) {
    return request(g, pathAndQuery).GET().build();
  }

  static HttpRequest put(Gateway g, String pathAndQuery, byte[] body) {
    return request(g, pathAndQuery).PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build();
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    for (AutoCloseable c : closeables.reversed()) {
      try {
        c.close();
      } catch (Exception e) {
        throw new AssertionError("closing " + c, e);
      }
    }
    if (client != null) {
      client.close();
    }
    chunkservers.forEach(ChunkserverNode::close);
    master.close();
  }
}
