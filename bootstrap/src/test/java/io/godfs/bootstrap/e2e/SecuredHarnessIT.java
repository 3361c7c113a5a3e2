package io.godfs.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.godfs.adapters.grpc.ChannelPool;
import io.godfs.api.v1.ChunkServiceGrpc;
import io.godfs.api.v1.OpenLocalRequest;
import io.godfs.application.client.ClientSettings;
import io.godfs.bootstrap.config.MasterConfig;
import io.godfs.client.GodfsClient;
import io.godfs.domain.chunk.LocatedChunk;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.DfsPath;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end-to-end suite runs on secured clusters ({@link ClusterCredentials}): this shows that the
 * cluster every other test gets is one, so that a change to the harness cannot quietly turn the
 * suite's security off. A stranger is refused at each layer the tests' clients pass.
 */
class SecuredHarnessIT {
  @TempDir Path dir;
  TestCluster cluster;

  @BeforeEach
  void start() {
    cluster =
        new TestCluster(
            dir,
            3,
            new MasterConfig(
                "127.0.0.1", 0, 1 << 20, 3, Duration.ofSeconds(30), Duration.ofMillis(200)));
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void theHarnessClientWorksAndStrangersAreRefusedAtEveryLayer() throws Exception {
    DfsPath path = DfsPath.of("/secured/file.bin");
    GodfsClient admin = cluster.client();
    admin.mkdir(path.parent(), true);
    byte[] data = new byte[(1 << 20) + 7]; // past inlining: real chunks on the chunkservers
    data[5] = 42;
    try (OutputStream out = admin.create(path, false)) {
      out.write(data);
    }
    try (var in = admin.open(path)) {
      assertThat(in.readAllBytes()).isEqualTo(data);
    }

    // TLS, but no credential: the master does not know who calls.
    ClusterCredentials credentials = cluster.credentials().orElseThrow();
    try (GodfsClient anonymous =
        GodfsClient.connect(
            cluster.masterAddress(),
            ClientSettings.DEFAULTS,
            Optional.empty(),
            credentials.client())) {
      assertThatThrownBy(() -> anonymous.stat(path))
          .isInstanceOfSatisfying(
              DfsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED));
    }
    // The admin's key over plaintext: the TLS port does not answer.
    try (GodfsClient plaintext =
        GodfsClient.connect(cluster.masterAddress(), credentials.adminKey())) {
      assertThatThrownBy(() -> plaintext.stat(path))
          .isInstanceOfSatisfying(
              DfsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
    }
    // A chunkserver opens no replica without the master's chunk access token.
    LocatedChunk chunk = cluster.locate(path).getFirst();
    try (ChannelPool channels = cluster.channels()) {
      StatusRuntimeException refused =
          assertThrows(
              StatusRuntimeException.class,
              () ->
                  ChunkServiceGrpc.newBlockingStub(
                          channels.channel(chunk.replicas().getFirst().address().toString()))
                      .withDeadlineAfter(10, TimeUnit.SECONDS)
                      .openLocal(
                          OpenLocalRequest.newBuilder()
                              .setChunkId(chunk.chunkId().value())
                              .setVersion(chunk.version().value())
                              .build()));
      assertThat(refused.getStatus().getCode())
          .isIn(Status.Code.PERMISSION_DENIED, Status.Code.UNAUTHENTICATED);
      assertThat(refused.getStatus().getDescription()).contains("chunk access token");
    }
    // The audit trail names the admin's mutations and the refused stranger.
    String audit = Files.readString(credentials.auditFile());
    assertThat(audit).contains("\"principal\":\"root\"").contains("/secured/file.bin");
    assertThat(audit).contains("\"result\":\"unauthenticated\"");
  }
}
