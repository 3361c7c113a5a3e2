package io.godfs.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.adapters.grpc.tls.GrpcTls;
import io.godfs.adapters.grpc.tls.TestCertificates;
import io.godfs.adapters.grpc.tls.TestCertificates.Ca;
import io.godfs.adapters.grpc.tls.TestCertificates.Issued;
import io.godfs.adapters.metadataratis.LoopbackPorts;
import io.godfs.application.client.ClientSettings;
import io.godfs.application.master.HealingSettings;
import io.godfs.bootstrap.config.ConfigLoader;
import io.godfs.bootstrap.config.MasterConfig;
import io.godfs.bootstrap.config.MasterSecurity;
import io.godfs.bootstrap.config.RaftConfig;
import io.godfs.client.GodfsClient;
import io.godfs.domain.file.DfsPath;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three masters configured by the seed's GODFS_TLS_* only: their Raft runs mutual TLS with the same
 * certificates as their gRPC, they elect a leader over it, and a client's mkdir commits. (What the
 * Raft port refuses: RatisOverTlsTest in the Ratis adapter.)
 */
class RaftOverTlsMastersTest {
  @TempDir Path dir;
  final List<MasterNode> masters = new ArrayList<>();

  @AfterEach
  void stop() {
    masters.reversed().forEach(MasterNode::close);
  }

  static MasterSecurity tls(Ca ca, Issued identity) {
    return new ConfigLoader(
            Map.of(
                "GODFS_TLS_ENABLED", "1",
                "GODFS_TLS_CA_FILE", ca.certificate().toString(),
                "GODFS_TLS_CERT_FILE", identity.chain().toString(),
                "GODFS_TLS_KEY_FILE", identity.key().toString()))
        .masterSecurity(Map.of());
  }

  @Test
  void mastersConfiguredForTlsElectALeaderOverMutualTlsRaft() throws Exception {
    Ca ca = TestCertificates.newCa(dir.resolve("pki"), "cluster-ca");
    int[] client = new int[3];
    int[] raft = new int[3];
    List<String> peers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      client[i] = LoopbackPorts.free();
      raft[i] = LoopbackPorts.free();
      peers.add("m" + i + "@127.0.0.1:" + raft[i] + "@127.0.0.1:" + client[i]);
    }
    for (int i = 0; i < 3; i++) {
      MasterConfig config =
          new MasterConfig(
                  "127.0.0.1",
                  client[i],
                  1 << 20,
                  3,
                  Duration.ofSeconds(10),
                  Duration.ofMillis(200),
                  MasterConfig.DEFAULT_LEASE_TIMEOUT,
                  HealingSettings.DEFAULTS.withSafeMode(0, Duration.ZERO))
              .withRaft(
                  new RaftConfig(
                      "m" + i,
                      "127.0.0.1:" + raft[i],
                      dir.resolve("raft-m" + i),
                      peers,
                      true,
                      "127.0.0.1:" + client[i]));
      masters.add(MasterNode.start(config, tls(ca, ca.issue("CN=m" + i + ",OU=master"))));
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (masters.stream().noneMatch(MasterNode::isLeader) && System.nanoTime() < deadline) {
      Thread.onSpinWait(); // a bounded wait on the real condition
    }
    assertThat(masters.stream().filter(MasterNode::isLeader)).hasSize(1);

    // A mkdir through any master commits over the TLS Raft and is seen through every master.
    Issued user = ca.issue("CN=alice");
    GrpcTls clientTls =
        new GrpcTls(
            Optional.empty(),
            Optional.of(user.files()),
            List.of(ca.certificate()),
            Optional.empty());
    String addresses =
        String.join(",", peers.stream().map(p -> p.substring(p.lastIndexOf('@') + 1)).toList());
    try (GodfsClient alice =
        GodfsClient.connect(
            addresses, ClientSettings.DEFAULTS, Optional.empty(), Optional.of(clientTls))) {
      alice.mkdir(DfsPath.of("/over-tls-raft"), false);
      assertThat(alice.stat(DfsPath.of("/over-tls-raft")).isDirectory()).isTrue();
    }

    // Raft is for masters only: a chunkserver's or a user's certificate of the same CA opens no
    // Raft connection (it could otherwise append to the namespace's log); a master's does.
    assertThat(raftRefusal(raft[0], ca, ca.issue("CN=chunk-1,OU=chunkserver"))).isNotNull();
    assertThat(raftRefusal(raft[0], ca, user)).isNotNull();
    assertThat(raftRefusal(raft[0], ca, ca.issue("CN=m9,OU=master"))).isNull();
  }

  /**
   * Handshakes with a Raft port presenting {@code identity}, sends the HTTP/2 preface and reads:
   * the exception the server's refusal raised, or null when the connection stayed open (in TLS 1.3
   * a refused client certificate shows only at the first read).
   */
  static IOException raftRefusal(int port, Ca ca, Issued identity) throws IOException {
    SSLContext context = TestCertificates.clientContext(ca.certificate(), Optional.of(identity));
    try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout(5_000);
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setApplicationProtocols(new String[] {"h2"}); // gRPC's servers speak only h2
      socket.setSSLParameters(parameters);
      try {
        socket.startHandshake();
        socket.getOutputStream().write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes());
        socket.getOutputStream().flush();
        return socket.getInputStream().read() < 0 ? new EOFException("closed") : null;
      } catch (IOException refused) {
        return refused;
      }
    }
  }

  @Test
  void raftOverTlsNeedsTheCaThatSignedThePeers() {
    Ca ca = TestCertificates.newCa(dir.resolve("pki"), "cluster-ca");
    Issued m1 = ca.issue("CN=m1,OU=master");
    GrpcTls withoutCa =
        new GrpcTls(Optional.of(m1.files()), Optional.empty(), List.of(), Optional.empty());
    assertThatThrownBy(() -> MasterNode.raftTls(Optional.of(withoutCa)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("GODFS_TLS_CA_FILE");
    assertThat(MasterNode.raftTls(Optional.empty())).isEmpty();
    assertThat(
            MasterNode.raftTls(
                Optional.of(
                    new GrpcTls(
                        Optional.of(m1.files()),
                        Optional.empty(),
                        List.of(ca.certificate()),
                        Optional.empty()))))
        .isPresent();
  }
}
