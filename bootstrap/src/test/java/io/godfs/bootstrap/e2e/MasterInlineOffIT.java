package io.godfs.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.adapters.rest.GatewaySettings;
import io.godfs.application.master.HealingSettings;
import io.godfs.application.port.in.DfsOutput;
import io.godfs.application.port.in.SeekableInput;
import io.godfs.bootstrap.config.MasterConfig;
import io.godfs.bootstrap.gateway.GatewayNode;
import io.godfs.client.GodfsClient;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.DfsPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A master told to keep no file's bytes itself ({@code GODFS_MASTER_INLINE_MAX_BYTES=0}, ADR 0016):
 * clients that would write small files inline get a clear refusal and write chunks instead, through
 * the SDK's streams and the REST gateway alike.
 */
class MasterInlineOffIT {
  @TempDir static Path dir;
  static TestCluster cluster;
  static GodfsClient fs;
  static GatewayNode gateway;

  @BeforeAll
  static void start() {
    cluster =
        new TestCluster(
            dir,
            3,
            new MasterConfig(
                    "127.0.0.1",
                    0,
                    1 << 20,
                    3,
                    Duration.ofSeconds(30),
                    Duration.ofMillis(200),
                    MasterConfig.DEFAULT_LEASE_TIMEOUT,
                    HealingSettings.DEFAULTS.withSafeMode(1, Duration.ZERO))
                .withInlineMaxBytes(0));
    fs = cluster.networkClient();
    gateway = GatewayNode.start(fs, GatewaySettings.defaults("127.0.0.1", 0), Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aSmallStreamedFileGoesToAChunk() throws Exception {
    DfsPath path = DfsPath.of("/streamed.bin");
    try (DfsOutput out = fs.create(path, false)) {
      out.write(Payload.bytes(1, 1024));
    }

    assertThat(fs.stat(path).inline()).isFalse();
    assertThat(fs.stat(path).chunkCount()).isEqualTo(1);
    assertThat(read(path)).isEqualTo(Payload.bytes(1, 1024));
  }

  @Test
  void aWholeSmallFileIsRefusedWithTheSettingNamed() {
    assertThatThrownBy(() -> fs.writeSmallFile(DfsPath.of("/whole.bin"), new byte[10], true))
        .isInstanceOfSatisfying(
            DfsException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
              assertThat(e.getMessage()).contains("GODFS_MASTER_INLINE_MAX_BYTES");
            });
  }

  @Test
  void aSmallRestPutIsStagedIntoAChunk() throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    String url = "http://127.0.0.1:" + gateway.port() + "/v1/fs/content?path=/rest.bin";

    HttpResponse<String> put =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(Payload.bytes(2, 1000)))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(put.statusCode()).as(put.body()).isEqualTo(204);
    assertThat(fs.stat(DfsPath.of("/rest.bin")).inline()).isFalse();
    HttpResponse<byte[]> get =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).GET().build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(get.body()).isEqualTo(Payload.bytes(2, 1000));
  }

  private static byte[] read(DfsPath path) throws Exception {
    try (SeekableInput in = fs.open(path)) {
      return in.readAllBytes();
    }
  }
}
