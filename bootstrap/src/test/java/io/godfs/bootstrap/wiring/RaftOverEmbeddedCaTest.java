package io.godfs.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.adapters.grpc.ChannelPool;
import io.godfs.adapters.grpc.GrpcAdminClient;
import io.godfs.adapters.grpc.tls.GrpcTls;
import io.godfs.adapters.grpc.tls.TestCertificates;
import io.godfs.adapters.identity.ca.BouncyCastleIssuer;
import io.godfs.adapters.metadataratis.LoopbackPorts;
import io.godfs.application.master.HealingSettings;
import io.godfs.application.port.in.CertificateAuthorityUseCase.NewJoinToken;
import io.godfs.bootstrap.config.MasterCertificateSource;
import io.godfs.bootstrap.config.MasterConfig;
import io.godfs.bootstrap.config.MasterSecurity;
import io.godfs.bootstrap.config.RaftConfig;
import io.godfs.bootstrap.wiring.ca.AuthorityFiles;
import io.godfs.bootstrap.wiring.ca.CertificateFiles;
import io.godfs.bootstrap.wiring.ca.Enrolment;
import io.godfs.domain.access.Caller;
import io.godfs.domain.access.Principal;
import io.godfs.domain.access.Role;
import io.godfs.domain.authority.NodeRole;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.node.MasterInfo;
import java.io.EOFException;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ratis masters holding the embedded CA run Raft over mutual TLS from its first byte, with no
 * certificate made by hand: a new group from CA files made once (as {@code godfs admin certs
 * create} makes them), a group of one that makes its CA itself and takes a second master by a
 * one-time master join token; the Raft port refuses plaintext and a chunkserver's certificate of
 * the same CA; a master's certificate renews in process while the group keeps committing.
 */
class RaftOverEmbeddedCaTest {
  static final String ROOT_KEY = "root-key-0123456789abcdef";
  static final Caller ROOT =
      Caller.of(Principal.user("root", Set.of(), Set.of(Role.ADMIN)), "test");

  @TempDir Path dir;
  final List<AutoCloseable> running = new ArrayList<>();
  final int[] client = IntStream.range(0, 3).map(i -> LoopbackPorts.free()).toArray();
  final int[] raft = IntStream.range(0, 3).map(i -> LoopbackPorts.free()).toArray();
  final MasterNode[] masters = new MasterNode[3];

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : running.reversed()) {
      c.close();
    }
  }

  String peer(int i) {
    return "m" + i + "@127.0.0.1:" + raft[i] + "@127.0.0.1:" + client[i];
  }

  MasterNode start(int i, List<String> peers, boolean bootstrap, MasterCertificateSource source) {
    return MasterNode.start(
        new MasterConfig(
                "127.0.0.1",
                client[i],
                1 << 20,
                1,
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
                    bootstrap,
                    "127.0.0.1:" + client[i])),
        new MasterSecurity(
                Optional.empty(), Map.of(ROOT_KEY, "root"), Optional.empty(), Optional.empty())
            .withCertificateAuthority(Duration.ofMinutes(10))
            .withCertificateSource(source));
  }

  /** The CA an operator makes once for a new group, in the layout godfs admin certs create uses. */
  MasterCertificateSource caFiles() {
    Path ca = dir.resolve("ca");
    AuthorityFiles.keep(
        ca,
        new BouncyCastleIssuer()
            .newAuthority("group CA", Instant.now().minusSeconds(60), Duration.ofDays(1)));
    return MasterCertificateSource.authorityFiles(
        ca.resolve(AuthorityFiles.KEY), ca.resolve(AuthorityFiles.CERTIFICATE));
  }

  /** Starts masters side by side: none finishes before a majority elected the CA's installer. */
  void startTogether(List<Integer> which, List<String> peers, MasterCertificateSource source)
      throws Exception {
    List<Future<MasterNode>> starting = new ArrayList<>();
    try (ExecutorService starters = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i : which) {
        starting.add(starters.submit(() -> start(i, peers, true, source)));
      }
      for (int k = 0; k < which.size(); k++) {
        masters[which.get(k)] = starting.get(k).get(60, TimeUnit.SECONDS);
        running.add(masters[which.get(k)]);
      }
    }
  }

  int leader() {
    int[] found = {-1};
    waitUntil(
        "a leading master",
        () -> {
          for (int i = 0; i < masters.length; i++) {
            if (masters[i] != null && masters[i].isLeader()) {
              found[0] = i;
              return true;
            }
          }
          return false;
        });
    return found[0];
  }

  /**
   * A replicated command: it commits only once a majority appended it over Raft. Sent to whichever
   * master leads, again if that one lost its lead before committing (a master that restarts may
   * call an election), as the SDK does when a master answers NOT_LEADER.
   */
  Outcome<NewJoinToken> commitThroughTheLeader(NodeRole role, String name) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      try {
        return masters[leader()]
            .certificateAuthority()
            .orElseThrow()
            .useCase()
            .createJoinToken(ROOT, role, Optional.of(name), Duration.ofHours(1));
      } catch (DfsException e) {
        if (e.code() != ErrorCode.NOT_LEADER || System.nanoTime() > deadline) {
          throw e;
        }
      }
    }
  }

  @Test
  void aNewGroupRunsMutualTlsRaftFromItsFirstByteAndRenewsWithoutRestart() throws Exception {
    List<String> peers = List.of(peer(0), peer(1), peer(2));
    startTogether(List.of(0, 1, 2), peers, caFiles());
    for (MasterNode m : masters) {
      // The CA installed is the one the masters' Raft certificates come from.
      assertThat(Files.readAllBytes(m.ownCertificate().orElseThrow().authority()))
          .isEqualTo(Files.readAllBytes(masters[0].ownCertificate().orElseThrow().authority()));
    }
    assertThat(
            masters[0].certificateAuthority().orElseThrow().useCase().authorityCertificate().get())
        .isEqualTo(AuthorityFiles.kept(dir.resolve("ca")).orElseThrow().certificate());
    assertThat(commitThroughTheLeader(NodeRole.CHUNKSERVER, "chunk-1"))
        .isInstanceOf(Outcome.Ok.class);

    // Each master keeps the CA beside its Raft log, readable by itself only.
    Path kept = dir.resolve("raft-m1").resolve("security");
    assertThat(Files.getPosixFilePermissions(kept.resolve(AuthorityFiles.KEY)))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    // Raft is for masters only, and only over TLS.
    Path caFile = masters[0].ownCertificate().orElseThrow().authority();
    TestCertificates.Issued chunkserver = issue(NodeRole.CHUNKSERVER, "chunk-1");
    TestCertificates.Issued otherMaster = issue(NodeRole.MASTER, "m9");
    for (int port : raft) {
      assertThat(plaintextAnswer(port)).as("plaintext on Raft port " + port).isEqualTo(-1);
      assertThat(handshake(port, caFile, chunkserver).refusal()).isNotNull();
      assertThat(handshake(port, caFile, otherMaster).refusal()).isNull();
    }

    // A master's certificate renews in process: its Raft port presents the new one within the
    // reload interval, with no restart, and the group keeps committing.
    int renewing = (leader() + 1) % 3;
    BigInteger before = handshake(raft[renewing], caFile, otherMaster).serial();
    assertThat(masters[renewing].ownCertificateRenewer().orElseThrow().renewNow())
        .isInstanceOf(Outcome.Ok.class);
    waitUntil(
        "m" + renewing + "'s Raft port to present its renewed certificate",
        () -> !handshake(raft[renewing], caFile, otherMaster).serial().equals(before));
    assertThat(commitThroughTheLeader(NodeRole.CHUNKSERVER, "chunk-2"))
        .isInstanceOf(Outcome.Ok.class);

    // Restarted on its renewed certificate (no CA files, no token: the one in its directory), it
    // is the majority's second voter once the third master is down.
    running.remove(masters[renewing]);
    masters[renewing].close();
    assertThat(commitThroughTheLeader(NodeRole.CHUNKSERVER, "chunk-3"))
        .isInstanceOf(Outcome.Ok.class);
    masters[renewing] = start(renewing, peers, true, MasterCertificateSource.NONE);
    running.add(masters[renewing]);
    int leader = leader();
    int other =
        IntStream.range(0, 3).filter(i -> i != leader && i != renewing).findFirst().orElseThrow();
    running.remove(masters[other]);
    masters[other].close();
    masters[other] = null;
    assertThat(commitThroughTheLeader(NodeRole.CHUNKSERVER, "chunk-4"))
        .isInstanceOf(Outcome.Ok.class);
  }

  @Test
  void aMasterOfANewGroupWithoutCaFilesRefusesToStartRatherThanRunPlaintextRaft() {
    List<String> peers = List.of(peer(0), peer(1), peer(2));
    assertThatThrownBy(() -> start(0, peers, true, MasterCertificateSource.NONE))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("GODFS_CA_KEY_FILE")
        .hasMessageContaining("--role master");
    // Nothing listens: neither Raft nor gRPC was opened.
    assertThat(listening(raft[0])).isFalse();
    assertThat(listening(client[0])).isFalse();
  }

  @Test
  void aGroupOfOneMakesItsCaAndAMasterAddedLaterJoinsWithAOneTimeToken() throws Exception {
    startTogether(List.of(0), List.of(peer(0)), MasterCertificateSource.NONE);
    Path caFile = masters[0].ownCertificate().orElseThrow().authority();
    String token =
        ((Outcome.Ok<NewJoinToken>) commitThroughTheLeader(NodeRole.MASTER, "m1")).value().token();

    // m1 enrols over m0's gRPC TLS before its Raft starts, then waits to be added.
    try (ExecutorService starter = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<MasterNode> m1 =
          starter.submit(
              () ->
                  start(
                      1,
                      List.of(peer(0), peer(1)),
                      false,
                      MasterCertificateSource.joinToken(token)));
      TestCertificates.Issued aMaster = issue(NodeRole.MASTER, "m9");
      waitUntil("m1's Raft to accept a master over TLS", () -> accepted(raft[1], caFile, aMaster));
      X509Certificate own =
          new CertificateFiles(dir.resolve("raft-m1/tls")).current().orElseThrow();
      assertThat(own.getSubjectX500Principal().getName()).contains("CN=m1").contains("OU=master");

      GrpcTls trustTheCa =
          new GrpcTls(Optional.empty(), Optional.empty(), List.of(caFile), Optional.empty());
      try (ChannelPool channels = new ChannelPool(Optional.of(ROOT_KEY), Optional.of(trustTheCa))) {
        GrpcAdminClient admin =
            new GrpcAdminClient("127.0.0.1:" + client[0], channels, Duration.ofSeconds(20));
        assertThat(
                admin.addMaster(
                    new MasterInfo("m1", "127.0.0.1:" + raft[1], "127.0.0.1:" + client[1], false)))
            .isInstanceOf(Outcome.Ok.class);
      }
      masters[1] = m1.get(60, TimeUnit.SECONDS);
      running.add(masters[1]);
    }
    // Two masters: a commit needs m1's append, over mutual TLS Raft.
    assertThat(commitThroughTheLeader(NodeRole.CHUNKSERVER, "chunk-1"))
        .isInstanceOf(Outcome.Ok.class);
    assertThat(Files.readAllBytes(masters[1].ownCertificate().orElseThrow().authority()))
        .isEqualTo(Files.readAllBytes(caFile));

    // The token worked once.
    assertThatThrownBy(
            () ->
                Enrolment.enrol(
                    new CertificateFiles(dir.resolve("again")),
                    "127.0.0.1:" + client[0],
                    Optional.of(token),
                    NodeRole.MASTER,
                    "m1",
                    List.of(),
                    true))
        .hasMessageContaining("join token already used");
  }

  /** A certificate of the cluster's CA for {@code role}/{@code name}, as a TLS client presents. */
  TestCertificates.Issued issue(NodeRole role, String name) {
    MasterNode any = masters[0] != null ? masters[0] : masters[1];
    Enrolment.Enrolled issued =
        any.certificateAuthority()
            .orElseThrow()
            .issue(dir.resolve("issued-" + name), role, name, List.of(), false);
    running.add(issued);
    return new TestCertificates.Issued(
        issued.files().certificate(), issued.files().key(), BigInteger.ZERO);
  }

  /**
   * A TLS handshake with a Raft port presenting {@code identity}, then the HTTP/2 preface and a
   * read: the serial of the certificate the port presented, and the exception the server's refusal
   * raised (null when the connection stayed open: in TLS 1.3 a refused client certificate shows
   * only at the first read).
   */
  record Handshake(BigInteger serial, IOException refusal) {}

  static Handshake handshake(int port, Path caFile, TestCertificates.Issued identity) {
    SSLContext context = TestCertificates.clientContext(caFile, Optional.of(identity));
    try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout(5_000);
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setApplicationProtocols(new String[] {"h2"}); // gRPC's servers speak only h2
      socket.setSSLParameters(parameters);
      socket.startHandshake();
      BigInteger serial =
          ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
      try {
        socket.getOutputStream().write(HTTP2_PREFACE);
        socket.getOutputStream().flush();
        return new Handshake(
            serial, socket.getInputStream().read() < 0 ? new EOFException("closed") : null);
      } catch (IOException refused) {
        return new Handshake(serial, refused);
      }
    } catch (IOException e) {
      throw new IllegalStateException("no TLS handshake with port " + port + ": " + e, e);
    }
  }

  static boolean accepted(int port, Path caFile, TestCertificates.Issued identity) {
    try {
      return handshake(port, caFile, identity).refusal() == null;
    } catch (IllegalStateException notYet) {
      return false;
    }
  }

  static final byte[] HTTP2_PREFACE =
      "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  /** What a Raft port answers an HTTP/2 client that does not speak TLS: -1, it closes. */
  static int plaintextAnswer(int port) throws IOException {
    try (Socket plaintext = new Socket("127.0.0.1", port)) {
      plaintext.setSoTimeout(10_000);
      plaintext.getOutputStream().write(HTTP2_PREFACE);
      plaintext.getOutputStream().flush();
      try {
        return plaintext.getInputStream().read();
      } catch (SocketException reset) {
        return -1;
      }
    }
  }

  static boolean listening(int port) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException refused) {
      return false;
    }
  }

  /** A bounded wait on a real condition. */
  static void waitUntil(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
  }
}
