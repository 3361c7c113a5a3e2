package io.godfs.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.adapters.grpc.ChannelPool;
import io.godfs.adapters.grpc.GrpcAdminClient;
import io.godfs.bootstrap.config.DevConfig;
import io.godfs.client.CredentialsFile;
import io.godfs.domain.node.MasterInfo;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code godfs dev --masters 3}, secured by default: its masters hold the embedded CA and run Raft
 * over mutual TLS from a CA made once in {@code <data>/security/ca}, which the leader installed.
 */
class SecureDevMastersTest {
  @TempDir Path dir;

  @Test
  void threeDevMastersRunRaftOverTlsWithTheCaTheyServe() throws Exception {
    DevConfig config =
        new DevConfig(dir.resolve("data"), "127.0.0.1", 0, 0, 1, 1 << 20, 1, 0, 3)
            .withSecurity(new DevConfig.Security(true, dir.resolve("home/credentials")));
    try (DevCluster dev = DevCluster.start(config)) {
      Path ca = dev.authorityFile().orElseThrow();
      assertThat(Files.readString(ca))
          .isEqualTo(Files.readString(dir.resolve("data/security/ca/ca.crt")));
      List<MasterInfo> masters;
      try (ChannelPool channels =
          new ChannelPool(
              Optional.of(Files.readString(dev.adminKeyFile().orElseThrow()).strip()),
              Optional.of(CredentialsFile.trusting(ca)))) {
        masters =
            new GrpcAdminClient(dev.masterAddresses(), channels, Duration.ofSeconds(20))
                .masters()
                .orThrow();
      }
      assertThat(masters).hasSize(3);
      for (MasterInfo m : masters) {
        int port =
            Integer.parseInt(m.raftAddress().substring(m.raftAddress().lastIndexOf(':') + 1));
        assertThat(plaintextAnswer(port)).as("plaintext on " + m.raftAddress()).isEqualTo(-1);
      }
    }
  }

  /** What a port answers an HTTP/2 client that does not speak TLS: -1 when it closes. */
  static int plaintextAnswer(int port) throws IOException {
    try (Socket plaintext = new Socket("127.0.0.1", port)) {
      plaintext.setSoTimeout(10_000);
      plaintext
          .getOutputStream()
          .write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      plaintext.getOutputStream().flush();
      try {
        return plaintext.getInputStream().read();
      } catch (SocketException reset) {
        return -1;
      }
    }
  }
}
