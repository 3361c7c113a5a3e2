package io.godfs.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.adapters.grpc.ChannelPool;
import io.godfs.adapters.grpc.GrpcAdminClient;
import io.godfs.adapters.grpc.tls.GrpcTls;
import io.godfs.adapters.identity.ca.BouncyCastleIssuer;
import io.godfs.adapters.identity.ca.SigningRequests;
import io.godfs.application.client.ClientSettings;
import io.godfs.application.master.HealingSettings;
import io.godfs.application.port.in.DfsOutput;
import io.godfs.application.port.in.NodeReport;
import io.godfs.application.port.in.SeekableInput;
import io.godfs.application.port.out.CertificateIssuer;
import io.godfs.bootstrap.cli.CliContext;
import io.godfs.bootstrap.cli.GodfsCli;
import io.godfs.bootstrap.cli.WiringNodeLauncher;
import io.godfs.bootstrap.config.ChunkserverConfig;
import io.godfs.bootstrap.config.MasterConfig;
import io.godfs.bootstrap.config.MasterSecurity;
import io.godfs.bootstrap.wiring.ChunkserverNode;
import io.godfs.bootstrap.wiring.MasterNode;
import io.godfs.bootstrap.wiring.ca.CertificateFiles;
import io.godfs.bootstrap.wiring.ca.Enrolment;
import io.godfs.client.GodfsClient;
import io.godfs.domain.authority.AuthorityKeys;
import io.godfs.domain.authority.NodeRole;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.DfsPath;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A master holding the embedded CA, and a chunkserver that joins it with a one-time token made by
 * {@code godfs admin token create}: it gets a certificate, registers over mutual TLS as the node
 * the certificate names, and renews it without a restart while a write streams through it. A token
 * works once and expires; a certificate from another CA is refused.
 */
class EmbeddedCaIT {
  static final int CHUNK = 1 << 20;
  static final String ROOT_KEY = "root-key-0123456789abcdef";

  @TempDir Path dir;
  final List<AutoCloseable> running = new ArrayList<>();
  MasterNode master;
  String masterAddress;

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : running.reversed()) {
      c.close();
    }
  }

  void startMaster() {
    master =
        MasterNode.start(
            new MasterConfig(
                "127.0.0.1",
                0,
                CHUNK,
                1,
                Duration.ofSeconds(30),
                Duration.ofMillis(200),
                MasterConfig.DEFAULT_LEASE_TIMEOUT,
                HealingSettings.DEFAULTS.withSafeMode(0, Duration.ZERO)),
            new MasterSecurity(
                    Optional.empty(), Map.of(ROOT_KEY, "root"), Optional.empty(), Optional.empty())
                .withCertificateAuthority(Duration.ofMinutes(10)));
    running.add(master);
    masterAddress = "127.0.0.1:" + master.port();
  }

  /** {@code godfs admin token create ...} as the admin, trusting the cluster's CA file. */
  String[] tokenCreate(String... args) {
    List<String> command = new ArrayList<>(List.of("admin", "token", "create"));
    command.addAll(List.of(args));
    String[] result = godfs(Map.of("GODFS_CLIENT_API_KEY", ROOT_KEY), command);
    assertThat(result[0]).as("exit code; stderr: %s", result[2]).isEqualTo("0");
    return new String[] {result[1].strip(), result[2]};
  }

  /** {@code godfs ...} in process: exit code, standard output, standard error. */
  String[] godfs(Map<String, String> extraEnv, List<String> args) {
    Map<String, String> env = new HashMap<>(extraEnv);
    env.put("GODFS_MASTER", masterAddress);
    env.put("GODFS_TLS_ENABLED", "1");
    env.put("GODFS_TLS_CA_FILE", master.ownCertificate().orElseThrow().authority().toString());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext ctx =
        new CliContext(
            env,
            new WiringNodeLauncher(),
            config -> {
              throw new AssertionError("no file system command here");
            },
            (name, node, errors) -> {},
            new ByteArrayInputStream(new byte[0]),
            new ByteArrayOutputStream(),
            false);
    int code =
        GodfsCli.execute(
            ctx, new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
    return new String[] {String.valueOf(code), out.toString(), err.toString()};
  }

  Enrolment.Enrolled join(Path files, String token, String name) {
    Enrolment.Enrolled enrolled =
        Enrolment.enrol(
            new CertificateFiles(files),
            masterAddress,
            Optional.of(token),
            NodeRole.CHUNKSERVER,
            name,
            List.of("127.0.0.1", "localhost"),
            true);
    running.add(enrolled);
    return enrolled;
  }

  @Test
  void aChunkserverJoinsOnceRegistersAsItsCertificateSaysAndRenewsWhileAWriteStreams()
      throws Exception {
    startMaster();
    String[] made = tokenCreate("--role", "chunkserver", "--name", "cs-1");
    String token = made[0];
    assertThat(token).startsWith("godfs-join.").doesNotContain("\n");
    assertThat(made[1]).contains("chunkserver named cs-1").doesNotContain(token);

    Path tls = dir.resolve("cs-1/tls");
    Enrolment.Enrolled enrolled = join(tls, token, "cs-1");
    X509Certificate first = enrolled.files().current().orElseThrow();
    assertThat(first.getSubjectX500Principal().getName()).contains("OU=chunkserver", "CN=cs-1");
    assertThat(Files.getPosixFilePermissions(enrolled.files().key()))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    assertThat(Duration.between(Instant.now(), first.getNotAfter().toInstant()))
        .isBetween(Duration.ofMinutes(9), Duration.ofMinutes(10));

    ChunkserverNode chunkserver =
        ChunkserverNode.start(
            ChunkserverConfig.of(
                masterAddress,
                "127.0.0.1",
                0,
                dir.resolve("cs-1"),
                "cs-1",
                null,
                0,
                Duration.ofMillis(200)),
            Optional.empty(),
            Optional.of(enrolled.tls()));
    running.add(chunkserver);
    Waits.until(
        Duration.ofSeconds(20), "cs-1 to register over mutual TLS", chunkserver::isRegistered);
    assertThat(nodes()).extracting(r -> r.id().value()).containsExactly("cs-1");

    // The same token again: refused, saying why.
    assertThatThrownBy(() -> join(dir.resolve("again/tls"), token, "cs-2"))
        .hasMessageContaining("join token already used");

    // A user certificate from the same CA, issued in process, for the client's mutual TLS.
    Enrolment.Enrolled user =
        master
            .certificateAuthority()
            .orElseThrow()
            .issue(dir.resolve("root/tls"), NodeRole.CLIENT, "root", List.of(), false);
    running.add(user);
    GodfsClient client =
        GodfsClient.connect(
            masterAddress,
            ClientSettings.DEFAULTS.withLocalReads(false),
            Optional.of(ROOT_KEY),
            Optional.of(user.tls()));
    running.add(client);

    byte[] data = new byte[2 * CHUNK + 4321];
    new Random(22).nextBytes(data);
    DfsPath path = DfsPath.of("/joined/file.bin");
    client.mkdir(path.parent(), true);
    BigInteger before = TlsProbe.presentedSerial(chunkserver.port());
    assertThat(before).isEqualTo(first.getSerialNumber());
    try (DfsOutput out = client.create(path, true)) {
      out.write(data, 0, CHUNK / 2);
      // Renewed in the middle of the first chunk's stream, without a restart.
      assertThat(enrolled.renewer().renewNow()).isInstanceOf(Outcome.Ok.class);
      X509Certificate renewed = enrolled.files().current().orElseThrow();
      assertThat(renewed.getSerialNumber()).isNotEqualTo(first.getSerialNumber());
      assertThat(renewed.getSubjectX500Principal()).isEqualTo(first.getSubjectX500Principal());
      Waits.until(
          Duration.ofSeconds(10),
          "new connections to present the renewed certificate",
          () -> serialOrNull(chunkserver.port()).equals(renewed.getSerialNumber()));
      out.write(data, CHUNK / 2, data.length - CHUNK / 2);
    }
    try (SeekableInput in = client.open(path)) {
      assertThat(in.readAllBytes()).isEqualTo(data);
    }
    Waits.until(
        Duration.ofSeconds(10), "cs-1 to stay registered after renewal", chunkserver::isRegistered);
  }

  @Test
  void anExpiredTokenAndAForeignCertificateAreRefused() throws Exception {
    startMaster();
    String token = tokenCreate("--role", "chunkserver", "--ttl", "1s")[0];
    Instant madeAt = Instant.now();
    Waits.until(
        Duration.ofSeconds(5),
        "the one-second token to expire",
        () -> Instant.now().isAfter(madeAt.plusMillis(1500)));
    assertThatThrownBy(() -> join(dir.resolve("late/tls"), token, "late"))
        .hasMessageContaining("join token expired at");

    // A token for another role does not make a chunkserver (and is not used up by trying).
    String forClients = tokenCreate("--role", "client", "--name", "alice")[0];
    assertThatThrownBy(() -> join(dir.resolve("wrong/tls"), forClients, "cs-9"))
        .hasMessageContaining("join token admits a client, not a chunkserver");

    // Another CA's certificate naming chunkserver cs-1: the master's TLS refuses it.
    BouncyCastleIssuer issuer = new BouncyCastleIssuer();
    AuthorityKeys foreign =
        issuer.newAuthority(
            "someone else's CA", Instant.now().minusSeconds(60), Duration.ofDays(1));
    KeyPair keys = BouncyCastleIssuer.newKeyPair();
    var request =
        ((Outcome.Ok<CertificateIssuer.SigningRequest>)
                issuer.read(SigningRequests.build(keys, Optional.of("cs-1"), List.of())))
            .value();
    byte[] der =
        issuer.issue(
            foreign,
            request,
            new CertificateIssuer.Issue(
                NodeRole.CHUNKSERVER,
                "cs-1",
                List.of(),
                Instant.now().minusSeconds(60),
                Instant.now().plusSeconds(3600)));
    X509Certificate impostor = certificate(der);
    IOException refused =
        TlsProbe.refusalOf(
            master.port(),
            new X509Certificate[] {impostor, certificate(foreign.certificate())},
            keys.getPrivate());
    assertThat(refused).isInstanceOf(SSLException.class);

    // Without a certificate the handshake passes (a joining party has none), and then every call
    // but Join needs a credential.
    assertThatThrownBy(() -> nodes(Optional.empty()))
        .isInstanceOfSatisfying(
            DfsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED));
  }

  @Test
  void aUserJoinsWithGodfsJoinAndRenewsByRunningItAgain() throws Exception {
    startMaster();
    String token = tokenCreate("--role", "client", "--name", "alice")[0];
    Path tokenFile = dir.resolve("alice.token");
    Files.writeString(tokenFile, token + "\n");
    Path tls = dir.resolve("alice-tls");
    List<String> join = List.of("join", "--name", "alice", "--dir", tls.toString());

    String[] joined = godfs(Map.of("GODFS_JOIN_TOKEN", "@" + tokenFile), join);
    assertThat(joined[0]).as("stderr: %s", joined[2]).isEqualTo("0");
    assertThat(joined[1]).startsWith("Joined: certificate " + tls.resolve("node.crt"));
    X509Certificate first = new CertificateFiles(tls).current().orElseThrow();
    assertThat(first.getSubjectX500Principal().getName()).contains("OU=client", "CN=alice");

    String[] again = godfs(Map.of("GODFS_JOIN_TOKEN", "@" + tokenFile), join);
    assertThat(again[0]).isEqualTo("0");
    assertThat(again[1]).startsWith("Renewed: ");
    assertThat(new CertificateFiles(tls).current().orElseThrow().getSerialNumber())
        .isNotEqualTo(first.getSerialNumber());

    String[] reused =
        godfs(
            Map.of("GODFS_JOIN_TOKEN", "@" + tokenFile),
            List.of("join", "--name", "alice", "--dir", dir.resolve("elsewhere").toString()));
    assertThat(reused[0]).isEqualTo("1");
    assertThat(reused[2]).contains("join token already used").doesNotContain(token);
  }

  private List<NodeReport> nodes() {
    return nodes(Optional.of(ROOT_KEY));
  }

  private List<NodeReport> nodes(Optional<String> credential) {
    GrpcTls trustCa =
        new GrpcTls(
            Optional.empty(),
            Optional.empty(),
            List.of(master.ownCertificate().orElseThrow().authority()),
            Optional.empty());
    try (ChannelPool channels = new ChannelPool(credential, Optional.of(trustCa))) {
      return new GrpcAdminClient(masterAddress, channels, Duration.ofSeconds(10)).nodes();
    }
  }

  private static BigInteger serialOrNull(int port) {
    try {
      return TlsProbe.presentedSerial(port);
    } catch (Exception e) {
      return BigInteger.ZERO;
    }
  }

  private static X509Certificate certificate(byte[] der) throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
  }
}
