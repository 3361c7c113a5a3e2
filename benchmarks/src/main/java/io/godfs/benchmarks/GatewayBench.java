package io.godfs.benchmarks;

import io.godfs.adapters.rest.GatewaySettings;
import io.godfs.application.port.in.SeekableInput;
import io.godfs.bootstrap.config.DevConfig;
import io.godfs.bootstrap.gateway.GatewayNode;
import io.godfs.bootstrap.wiring.DevCluster;
import io.godfs.client.GodfsClient;
import io.godfs.domain.file.DfsPath;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * {@code godfs bench-gateway}: on an in-process dev cluster (R=3), a large file written and read
 * through the SDK and through the REST gateway in the same run, then small-object PUTs per second
 * from concurrent HTTP clients.
 */
public final class GatewayBench {
  private static final int BUFFER = 1 << 20;

  private GatewayBench() {}

  public static void run(
      Path workDir, long bytes, long chunkSize, int clients, int masters, PrintWriter out)
      throws Exception {
    Path dir = Files.createTempDirectory(workDir, "godfs-gwbench-");
    try (DevCluster cluster =
            DevCluster.start(
                new DevConfig(dir, "127.0.0.1", 0, 0, 3, chunkSize, 3, DevConfig.NO_GATEWAY)
                    .withMasters(masters));
        GodfsClient fs = GodfsClient.connect(cluster.masterAddresses());
        GatewayNode gateway =
            GatewayNode.start(fs, GatewaySettings.defaults("127.0.0.1", 0), Clock.systemUTC())) {
      out.printf(
          "goDFS gateway bench: %d MiB file, R=3, chunk %d MiB, %s, %d cores%n",
          bytes >> 20,
          chunkSize >> 20,
          metadata(masters),
          Runtime.getRuntime().availableProcessors());
      out.flush();
      String base = "http://127.0.0.1:" + gateway.port();
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      fs.mkdir(DfsPath.of("/bench"), true);
      byte[] buf = new byte[BUFFER];
      Arrays.fill(buf, (byte) 7);

      long t0 = System.nanoTime();
      try (OutputStream o = fs.create(DfsPath.of("/bench/sdk.bin"), true)) {
        for (long left = bytes; left > 0; left -= BUFFER) {
          o.write(buf, 0, (int) Math.min(BUFFER, left));
        }
      }
      double sdkPut = mibPerSec(bytes, System.nanoTime() - t0);
      readSdk(fs, buf); // warm
      t0 = System.nanoTime();
      long read = readSdk(fs, buf);
      double sdkGet = mibPerSec(read, System.nanoTime() - t0);

      t0 = System.nanoTime();
      HttpResponse<String> put =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/v1/fs/content?path=/bench/gw.bin"))
                  .PUT(
                      HttpRequest.BodyPublishers.fromPublisher(
                          HttpRequest.BodyPublishers.ofInputStream(() -> new RepeatStream(bytes)),
                          bytes))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      double gwPut = mibPerSec(bytes, System.nanoTime() - t0);
      check(put, 204);
      readHttp(http, base, buf); // warm
      t0 = System.nanoTime();
      read = readHttp(http, base, buf);
      double gwGet = mibPerSec(read, System.nanoTime() - t0);

      SteadyRate.Result small = smallPuts(http, base, clients);
      SteadyRate.Result limit;
      long resent;
      try (HttpPutLimit noop = new HttpPutLimit()) {
        limit =
            noop.putsPerSecond(
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
                clients,
                new byte[1024]);
        resent = noop.resent();
      }
      out.printf("%-40s %10s %10s%n", "", "SDK", "gateway");
      out.printf(
          "%-40s %10.0f %10.0f  MiB/s%n",
          "PUT " + (bytes >> 20) + " MiB, R=3, durable", sdkPut, gwPut);
      out.printf(
          "%-40s %10.0f %10.0f  MiB/s%n", "GET " + (bytes >> 20) + " MiB, warm", sdkGet, gwGet);
      out.printf(
          "small objects: %.0f PUTs/s of 1 KiB with %d concurrent HTTP clients (each a new file kept inline"
              + " by the master: %s; %s)%n",
          small.perSecond(),
          clients,
          masters == 1
              ? "in the master's memory, as durable as its namespace"
              : "fsynced in the Raft log of a quorum of masters",
          small.describe());
      out.printf(
          "machine: %.0f PUTs/s of 1 KiB to a no-op Helidon route, same client and %d clients (%s;"
              + " %d sent again after a closed pooled connection)%n",
          limit.perSecond(), clients, limit.describe(), resent);
      out.flush();
    } finally {
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static String metadata(int masters) {
    return masters == 1 ? "1 in-memory master" : masters + " Ratis masters";
  }

  /** Steady 1 KiB PUTs/s, each a new file, from {@code clients} concurrent clients. */
  private static SteadyRate.Result smallPuts(HttpClient http, String base, int clients)
      throws Exception {
    byte[] body = new byte[1024];
    return SteadyRate.measure(
        (round, length) ->
            ConcurrentLoad.run(
                clients,
                length,
                (client, i) -> {
                  HttpResponse<String> res =
                      http.send(
                          HttpRequest.newBuilder(
                                  URI.create(
                                      base
                                          + "/v1/fs/content?path=/bench/small-"
                                          + round
                                          + "-"
                                          + client
                                          + "-"
                                          + i))
                              .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                              .build(),
                          HttpResponse.BodyHandlers.ofString());
                  check(res, 204);
                }));
  }

  private static long readSdk(GodfsClient fs, byte[] buf) throws IOException {
    long total = 0;
    try (SeekableInput in = fs.open(DfsPath.of("/bench/sdk.bin"))) {
      int n;
      while ((n = in.read(buf)) > 0) {
        total += n;
      }
    }
    return total;
  }

  private static long readHttp(HttpClient http, String base, byte[] buf)
      throws IOException, InterruptedException {
    HttpResponse<InputStream> res =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/v1/fs/content?path=/bench/gw.bin"))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    long total = 0;
    try (InputStream in = res.body()) {
      int n;
      while ((n = in.read(buf)) > 0) {
        total += n;
      }
    }
    return total;
  }

  private static void check(HttpResponse<String> res, int status) {
    if (res.statusCode() != status) {
      throw new IllegalStateException("HTTP " + res.statusCode() + ": " + res.body());
    }
  }

  private static double mibPerSec(long bytes, long nanos) {
    return bytes / (1024.0 * 1024.0) / (nanos / 1e9);
  }

  /** {@code length} bytes of 7s, generated as they are read. */
  private static final class RepeatStream extends InputStream {
    private long left;

    RepeatStream(long length) {
      this.left = length;
    }

    @Override
    public int read() {
      return left-- > 0 ? 7 : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (left <= 0) {
        return -1;
      }
      int n = (int) Math.min(len, left);
      Arrays.fill(b, off, off + n, (byte) 7);
      left -= n;
      return n;
    }
  }
}
