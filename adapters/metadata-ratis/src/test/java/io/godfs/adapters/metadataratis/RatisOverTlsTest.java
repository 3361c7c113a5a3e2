package io.godfs.adapters.metadataratis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.application.fake.Callers;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.NamespaceCommand;
import io.godfs.domain.file.NamespaceQuery;
import io.godfs.domain.node.NodeAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real Ratis masters over mutual TLS 1.3 on 127.0.0.1: they elect and replicate as in
 * plaintext, and their Raft port refuses a caller without a certificate, with a certificate of
 * another CA, or in plaintext, before any Raft message is read.
 */
class RatisOverTlsTest {
  private static final Duration ELECTION = Duration.ofSeconds(20);
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final byte[] HTTP2_PREFACE =
      "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  @TempDir static Path certificates;
  static RaftCertificates clusterCa;
  static RaftCertificates otherCa;

  @TempDir Path dir;
  RatisGroup group;

  @BeforeAll
  static void makeAuthorities() throws IOException {
    clusterCa = RaftCertificates.newCa(certificates.resolve("cluster"), "cluster-ca");
    otherCa = RaftCertificates.newCa(certificates.resolve("other"), "other-ca");
  }

  @AfterEach
  void closeGroup() {
    if (group != null) {
      group.close();
    }
  }

  /** A group whose master {@code stranger} (if any) holds a certificate of another CA. */
  RatisGroup groupOverTls(Optional<String> stranger) {
    Map<String, RatisTls> tls = new HashMap<>();
    return new RatisGroup(
        3,
        dir,
        settings ->
            settings.withTls(
                tls.computeIfAbsent(
                    settings.self().id(),
                    id -> {
                      try {
                        return stranger.equals(Optional.of(id))
                            ? new RatisTls(otherCa.keys(id), clusterCa.trust())
                            : clusterCa.tlsFor(id);
                      } catch (IOException e) {
                        throw new UncheckedIOException(e);
                      }
                    })));
  }

  @Test
  void mastersOverMutualTlsElectALeaderAndReplicate() {
    group = groupOverTls(Optional.empty());
    int leader = group.awaitServingLeader(ELECTION);
    RatisMetadataStore lead = group.store(leader);
    lead.execute(new NamespaceCommand.Mkdir(DfsPath.of("/over-tls"), false, T0), Callers.ANONYMOUS)
        .orThrow();
    for (int i = 0; i < 3; i++) {
      RatisMetadataStore store = group.store(i);
      RatisGroup.await(
          Duration.ofSeconds(10),
          "master m" + i + " to apply",
          () -> store.lastAppliedIndex() >= lead.lastAppliedIndex());
      assertThat(store.readLocally(new NamespaceQuery.Stat(DfsPath.of("/over-tls"))).orThrow())
          .isNotNull();
    }
  }

  @Test
  void aMasterWithACertificateOfAnotherCaNeverReceivesTheGroupsEntries() {
    group = groupOverTls(Optional.of("m2"));
    // m0 and m1 are a quorum of three: they elect and commit without m2.
    int leader = group.awaitServingLeader(ELECTION);
    assertThat(leader).isNotEqualTo(2);
    RatisMetadataStore lead = group.store(leader);
    lead.execute(new NamespaceCommand.Mkdir(DfsPath.of("/secret"), false, T0), Callers.ANONYMOUS)
        .orThrow();
    RatisMetadataStore follower = group.store(1 - leader);
    RatisGroup.await(
        Duration.ofSeconds(10),
        "the trusted follower to apply",
        () -> follower.lastAppliedIndex() >= lead.lastAppliedIndex());

    assertThat(group.store(2).lastAppliedIndex())
        .as("the stranger holds none of the entries its trusted peer applied")
        .isLessThan(lead.lastAppliedIndex());
    assertThat(group.store(2).leadership().isLeader()).isFalse();
  }

  @Test
  void theRaftPortRefusesACallerWithoutACertificate() throws Exception {
    group = groupOverTls(Optional.empty());
    assertRefused(tlsClient(null));
  }

  @Test
  void theRaftPortRefusesACertificateOfAnotherCa() throws Exception {
    group = groupOverTls(Optional.empty());
    assertRefused(tlsClient(new KeyManager[] {otherCa.keys("intruder")}));
  }

  @Test
  void theRaftPortRefusesPlaintext() throws Exception {
    group = groupOverTls(Optional.empty());
    NodeAddress raft = NodeAddress.parse(group.peer(0).raftAddress());
    try (Socket plaintext = new Socket(raft.host(), raft.port())) {
      plaintext.setSoTimeout(10_000);
      plaintext.getOutputStream().write(HTTP2_PREFACE);
      plaintext.getOutputStream().flush();
      int answer;
      try {
        answer = plaintext.getInputStream().read();
      } catch (SocketException reset) {
        answer = -1;
      }
      assertThat(answer)
          .as("the Raft port closes a connection that does not speak TLS")
          .isEqualTo(-1);
    }
  }

  SSLContext tlsClient(KeyManager[] keys) throws IOException, GeneralSecurityException {
    SSLContext context = SSLContext.getInstance("TLSv1.3");
    context.init(keys, new TrustManager[] {clusterCa.trust()}, null);
    return context;
  }

  /**
   * In TLS 1.3 a client's handshake ends before the server checks the client's certificate; the
   * refusal is the server's alert, seen on the client's first read.
   */
  void assertRefused(SSLContext client) throws IOException {
    NodeAddress raft = NodeAddress.parse(group.peer(0).raftAddress());
    try (SSLSocket socket =
        (SSLSocket) client.getSocketFactory().createSocket(raft.host(), raft.port())) {
      socket.setSoTimeout(10_000);
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setApplicationProtocols(new String[] {"h2"});
      socket.setSSLParameters(parameters);
      assertThatThrownBy(
              () -> {
                socket.getOutputStream().write(HTTP2_PREFACE);
                socket.getOutputStream().flush();
                if (socket.getInputStream().read() < 0) {
                  throw new SSLException("closed by the server");
                }
              })
          .isInstanceOf(IOException.class);
    }
  }
}
