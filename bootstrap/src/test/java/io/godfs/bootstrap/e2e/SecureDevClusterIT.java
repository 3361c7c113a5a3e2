package io.godfs.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.godfs.adapters.grpc.tls.GrpcTls;
import io.godfs.adapters.grpc.tls.TlsManagers;
import io.godfs.application.client.ClientSettings;
import io.godfs.application.port.in.SeekableInput;
import io.godfs.bootstrap.config.DevConfig;
import io.godfs.bootstrap.wiring.DevCluster;
import io.godfs.client.CredentialsFile;
import io.godfs.client.GodfsClient;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.DfsPath;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code godfs dev} checks its callers by default, over TLS on every port from its masters' own CA:
 * it makes an admin credential in its data folder, writes where it is into the user's credentials
 * file for its master address (so the CLI and the SDK on this machine need no setup), refuses
 * callers without a credential, and keeps the same credential across a restart on the same data.
 */
class SecureDevClusterIT {
  @TempDir Path dir;

  @Test
  void aSecuredDevClusterServesItsAdminAndRefusesEveryoneElse() throws Exception {
    Path credentials = dir.resolve("home/.godfs/credentials");
    DevConfig config =
        new DevConfig(dir.resolve("data"), "127.0.0.1", 0, 0, 3, 1 << 20, 3, 0, 1)
            .withSecurity(new DevConfig.Security(true, credentials));
    String firstKey;
    try (DevCluster dev = DevCluster.start(config)) {
      Path keyFile = dev.adminKeyFile().orElseThrow();
      firstKey = Files.readString(keyFile).strip();
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
          .isEqualTo("rw-------");
      String master = dev.masterAddresses();
      CredentialsFile.Entry entry = CredentialsFile.find(credentials, master).orElseThrow();
      assertThat(entry.credential()).isEqualTo(firstKey);
      Path ca = dev.authorityFile().orElseThrow();
      assertThat(entry.ca()).contains(ca.toAbsolutePath());
      Optional<GrpcTls> trusting = Optional.of(CredentialsFile.trusting(ca));

      // What the CLI and the SDK do when given no credential: look the master up in that file.
      try (GodfsClient admin =
          GodfsClient.connect(
              master, ClientSettings.DEFAULTS, Optional.of(entry.credential()), trusting)) {
        admin.mkdir(DfsPath.of("/data"), true);
        assertThat(admin.whoAmI().name()).isEqualTo("admin");
        // Bytes through the chunkservers, which ask the master's chunk access tokens.
        byte[] bytes = new byte[3 << 20];
        new Random(7).nextBytes(bytes);
        try (OutputStream out = admin.create(DfsPath.of("/data/f.bin"), true)) {
          out.write(bytes);
        }
        try (SeekableInput in = admin.open(DfsPath.of("/data/f.bin"))) {
          assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
      }
      try (GodfsClient nobody =
          GodfsClient.connect(master, ClientSettings.DEFAULTS, Optional.empty(), trusting)) {
        Throwable refused = catchThrowable(() -> nobody.stat(DfsPath.of("/data")));
        assertThat(refused).isInstanceOf(DfsException.class);
        assertThat(((DfsException) refused).code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
      }
      // Every port is TLS: a plaintext client with the admin's key gets nothing.
      try (GodfsClient plaintext =
          GodfsClient.connect(master, ClientSettings.DEFAULTS, Optional.of(firstKey))) {
        Throwable refused = catchThrowable(() -> plaintext.stat(DfsPath.of("/data")));
        assertThat(refused).isInstanceOf(DfsException.class);
        assertThat(((DfsException) refused).code()).isEqualTo(ErrorCode.UNAVAILABLE);
      }
      // The gateway acts for its caller over HTTPS: none is a 401, the admin's key lists.
      String list = "https://127.0.0.1:" + dev.gatewayPort() + "/v1/fs/list?path=/";
      SSLContext tls = SSLContext.getInstance("TLSv1.3");
      tls.init(
          null, new TrustManager[] {TlsManagers.trusting(List.of(ca), Optional.empty())}, null);
      HttpClient http = HttpClient.newBuilder().sslContext(tls).build();
      assertThat(
              http.send(
                      HttpRequest.newBuilder(URI.create(list)).build(),
                      HttpResponse.BodyHandlers.ofString())
                  .statusCode())
          .isEqualTo(401);
      HttpResponse<String> listed =
          http.send(
              HttpRequest.newBuilder(URI.create(list))
                  .header("Authorization", "Bearer " + firstKey)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(listed.statusCode()).isEqualTo(200);
      assertThat(listed.body()).contains("\"name\":\"data\"").doesNotContain(".godfs");
    }
    // Stopped: its lines are gone; the credential stays with the data for the next start.
    assertThat(Files.readString(credentials)).isEmpty();
    try (DevCluster again = DevCluster.start(config)) {
      assertThat(Files.readString(again.adminKeyFile().orElseThrow()).strip()).isEqualTo(firstKey);
    }
  }
}
