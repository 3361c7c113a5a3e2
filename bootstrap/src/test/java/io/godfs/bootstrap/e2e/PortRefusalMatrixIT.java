package io.godfs.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.godfs.adapters.grpc.ChannelPool;
import io.godfs.adapters.grpc.GrpcMasterClient;
import io.godfs.adapters.grpc.GrpcMasterRegistry;
import io.godfs.adapters.grpc.tls.TestCertificates.Issued;
import io.godfs.application.port.in.DfsOutput;
import io.godfs.application.shared.ChunkTokenCodec;
import io.godfs.client.GodfsClient;
import io.godfs.domain.chunk.ChunkAccessKey;
import io.godfs.domain.chunk.ChunkAccessToken;
import io.godfs.domain.chunk.ChunkOperation;
import io.godfs.domain.chunk.LocatedChunk;
import io.godfs.domain.chunk.SignedChunkToken;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.node.NodeAddress;
import io.godfs.domain.node.NodeId;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22's refusal matrix, on one secured cluster ({@link MatrixCluster}): for every port, each
 * attack that applies to it is refused with a reason, and one allowed call shows that the port
 * serves at all (so a cell cannot pass because the port is down). A row per port, a cell per
 * attack:
 *
 * <pre>
 *                     no cred.  other CA  expired  tampered  other chunk  other op  allowed
 * master gRPC         TLS       TLS       401      401       -            403       ok
 * chunkserver gRPC    TLS       TLS       401      401       403          403       ok
 * Raft                TLS       TLS       -        -         -            -         ok
 * REST (HTTPS)        TLS       TLS       401      401       -            403       ok
 * health, optional    ok(*)     TLS       -        -         -            -         ok
 * health, required    TLS       TLS       -        -         -            -         ok
 * metrics             401       TLS       -        401       -            -         ok
 * gateway metrics     401       TLS       -        -         -            -         ok
 * loggers             401       TLS       -        -         -            403       ok
 * </pre>
 *
 * "TLS" is a refusal in the handshake (gRPC UNAUTHENTICATED naming it, or the server's alert);
 * 401/403 are UNAUTHENTICATED/PERMISSION_DENIED on gRPC. With a valid certificate and no bearer,
 * master and REST refuse too (cells "certificate, no bearer" and "no token"). (*) Deliberately:
 * probes present no certificate, and the answer is only live/ready (ADR 0022). Raft and health take
 * no tokens; the master and the gateway have no chunks ("-"). Metrics (ADR 0023) take a certificate
 * of the cluster CA or the scrape token: "tampered" is a token one character off, and a wrong token
 * and plain HTTP are refused too; the gateway's listener (its HTTPS certificate) has no token.
 * Loggers: reads as metrics; a change needs a certificate, the token's is 403 ({@link LoggersRow}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortRefusalMatrixIT {
  /**
   * The server closed the connection in the handshake before its alert could be read: it refuses
   * the client's certificate while the client still sends its last handshake messages, whose write
   * then fails. Which of the two a client sees is a race; the allowed cell of each row, made by the
   * same probe with a certificate of the cluster CA, shows that it is the certificate that is
   * refused.
   */
  static final String CLOSED_IN_HANDSHAKE = "|Broken pipe|Connection reset";

  static final String CERTIFICATE_REQUIRED = "(certificate_required" + CLOSED_IN_HANDSHAKE + ")";
  static final String UNTRUSTED =
      "(certificate_unknown|unknown_ca|bad_certificate" + CLOSED_IN_HANDSHAKE + ")";

  MatrixCluster cluster;
  final List<AutoCloseable> clients = new ArrayList<>();
  LocatedChunk victim;
  LocatedChunk other;
  ChunkAccessKey key;
  Tokens jwt;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    cluster = new MatrixCluster(dir);
    jwt = new Tokens(MatrixCluster.JWT_SECRET);
    GodfsClient root = cluster.root();
    root.mkdir(DfsPath.of("/matrix"), false);
    victim = chunkOf(root, "/matrix/victim.bin", 1);
    other = chunkOf(root, "/matrix/other.bin", 2);
    key = accessKey();
  }

  private LocatedChunk chunkOf(GodfsClient root, String name, long seed) throws Exception {
    byte[] data = new byte[64 * 1024];
    new Random(seed).nextBytes(data);
    try (DfsOutput out = root.create(DfsPath.of(name), false)) {
      out.write(data);
    }
    return master(Optional.of(cluster.rootKey), Optional.of(cluster.member))
        .locate(DfsPath.of(name), 0, 0)
        .chunks()
        .getFirst();
  }

  /**
   * The current key of chunk access tokens, as a node identity receives it when it registers: so
   * that the test can sign a token that is expired, yet otherwise genuine. Registered with no
   * capacity, so no chunk is ever placed on it.
   */
  private ChunkAccessKey accessKey() {
    AtomicReference<List<ChunkAccessKey>> received = new AtomicReference<>(List.of());
    ChannelPool channels =
        keep(
            new ChannelPool(
                Optional.empty(),
                Optional.of(
                    cluster.clientTls(
                        Optional.of(cluster.ca.issue("CN=key-reader,OU=chunkserver"))))));
    new GrpcMasterRegistry(cluster.addresses(), channels, Duration.ofSeconds(10), received::set)
        .register(new NodeId("key-reader"), new NodeAddress("127.0.0.1", 1), 0, 0, List.of());
    assertThat(received.get()).as("keys sent to a node identity").isNotEmpty();
    return received.get().getLast();
  }

  @AfterAll
  void stop() {
    for (AutoCloseable c : clients.reversed()) {
      try {
        c.close();
      } catch (Exception e) {
        // The cluster below must close regardless.
      }
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  private <T extends AutoCloseable> T keep(T c) {
    clients.add(c);
    return c;
  }

  GrpcMasterClient master(Optional<String> bearer, Optional<Issued> certificate) {
    ChannelPool channels =
        keep(new ChannelPool(bearer, Optional.of(cluster.clientTls(certificate))));
    return keep(new GrpcMasterClient(cluster.addresses(), channels, Duration.ofSeconds(10)));
  }

  ManagedChannel chunkserver(Optional<Issued> certificate) {
    ChannelPool channels =
        keep(new ChannelPool(Optional.empty(), Optional.of(cluster.clientTls(certificate))));
    return channels.channel(victim.replicas().getFirst().address().toString());
  }

  @TestFactory
  Stream<DynamicNode> refusalMatrix() {
    return Stream.of(
        row("master gRPC", masterRow()),
        row("chunkserver gRPC", chunkserverRow()),
        row("Raft", raftRow()),
        row("REST over HTTPS", restRow()),
        row("health, client certificate optional (default)", optionalHealthRow()),
        row("health, client certificate required", requiredHealthRow()),
        row("metrics", metricsRow()),
        row("gateway metrics", gatewayMetricsRow()),
        row("loggers", LoggersRow.cells(cluster)));
  }

  /** A port's cells; a failure names its port and cell, as reports number dynamic tests. */
  static DynamicNode row(String port, Stream<DynamicNode> cells) {
    return dynamicContainer(
        port,
        cells.map(
            node -> {
              DynamicTest cell = (DynamicTest) node;
              String name = port + " | " + cell.getDisplayName();
              return dynamicTest(
                  cell.getDisplayName(),
                  () -> {
                    try {
                      cell.getExecutable().execute();
                    } catch (AssertionError e) {
                      throw new AssertionError(name + ": " + e.getMessage(), e);
                    }
                  });
            }));
  }

  static DynamicNode cell(String attack, String expected, Executable check) {
    return dynamicTest(attack + " -> " + expected, check);
  }

  /**
   * The cells that refuse a handshake: without a certificate (where one is required) and with one
   * from another CA.
   */
  Stream<DynamicNode> handshakeRefusals(int port, boolean certificateRequired) {
    DynamicNode stranger =
        cell(
            "certificate from another CA",
            "refused in the handshake",
            () -> assertHandshakeRefused(port, Optional.of(cluster.stranger), UNTRUSTED));
    return certificateRequired
        ? Stream.of(
            cell(
                "no credential",
                "refused in the handshake",
                () -> assertHandshakeRefused(port, Optional.empty(), CERTIFICATE_REQUIRED)),
            stranger)
        : Stream.of(stranger);
  }

  static void assertHandshakeRefused(int port, Optional<Issued> identity, String alert)
      throws Exception {
    Optional<IOException> refusal = PortProbe.refusal(port, identity);
    assertThat(refusal).as("the server refused the handshake").isPresent();
    assertThat(refusal.get().getMessage()).containsPattern(alert);
  }

  // --- master gRPC -------------------------------------------------------------------------

  /** A mkdir the master refuses, made with {@code bearer} over TLS with {@code certificate}. */
  record MasterRefusal(
      String attack,
      String expected,
      Optional<String> bearer,
      Optional<Issued> certificate,
      ErrorCode code,
      String reason) {}

  Stream<DynamicNode> masterRow() {
    Optional<Issued> member = Optional.of(cluster.member);
    Optional<String> admin = Optional.of(jwt.valid("root", "admin"));
    String inHandshake = "UNAUTHENTICATED in the handshake";
    ErrorCode unauthenticated = ErrorCode.UNAUTHENTICATED;
    List<MasterRefusal> refusals =
        List.of(
            new MasterRefusal(
                "no credential",
                inHandshake,
                Optional.empty(),
                Optional.empty(),
                unauthenticated,
                "requires a client certificate"),
            new MasterRefusal(
                "certificate from another CA",
                inHandshake,
                admin,
                Optional.of(cluster.stranger),
                unauthenticated,
                "refused this client's TLS certificate"),
            new MasterRefusal(
                "expired token",
                "UNAUTHENTICATED",
                Optional.of(jwt.expired("root", "admin")),
                member,
                unauthenticated,
                "token expired at"),
            new MasterRefusal(
                "tampered token",
                "UNAUTHENTICATED",
                Optional.of(jwt.tampered("root", "admin")),
                member,
                unauthenticated,
                "signature does not verify"),
            new MasterRefusal(
                "tampered API key",
                "UNAUTHENTICATED",
                Optional.of(Tokens.tamper(cluster.rootKey)),
                member,
                unauthenticated,
                "unknown API key"),
            new MasterRefusal(
                "token for another operation (read role, mkdir)",
                "PERMISSION_DENIED",
                Optional.of(jwt.valid("reader", "read")),
                member,
                ErrorCode.PERMISSION_DENIED,
                "reader lacks 'write'"));
    DynamicNode allowed =
        cell(
            "allowed: an admin token",
            "ok",
            () -> {
              GrpcMasterClient client = master(admin, member);
              assertThat(client.whoAmI().name()).isEqualTo("root");
              client.mkdir(DfsPath.of("/matrix/by-admin"), false);
            });
    return Stream.concat(refusals.stream().map(this::refused), Stream.of(allowed));
  }

  DynamicNode refused(MasterRefusal r) {
    return cell(
        r.attack(),
        r.expected(),
        () -> assertMasterRefuses(master(r.bearer(), r.certificate()), r.code(), r.reason()));
  }

  static void assertMasterRefuses(GrpcMasterClient client, ErrorCode code, String reason) {
    try {
      client.mkdir(DfsPath.of("/matrix/refused-" + System.nanoTime()), false);
    } catch (DfsException e) {
      assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
      assertThat(e.getMessage()).contains(reason);
      return;
    }
    throw new AssertionError("the master accepted the call");
  }

  // --- chunkserver gRPC --------------------------------------------------------------------

  /** A call straight to a chunkserver's port ({@link ChunkPortCalls}), saying how it ended. */
  @FunctionalInterface
  interface ChunkCall {
    Status call(ManagedChannel channel, LocatedChunk chunk, SignedChunkToken token)
        throws Exception;
  }

  /**
   * A call on the victim chunk, over TLS with {@code certificate}, that the chunkserver refuses.
   */
  record ChunkRefusal(
      String attack,
      String expected,
      Optional<Issued> certificate,
      ChunkCall call,
      SignedChunkToken token,
      Status.Code code,
      String reason) {}

  Stream<DynamicNode> chunkserverRow() {
    Optional<Issued> member = Optional.of(cluster.member);
    String inHandshake = "UNAUTHENTICATED in the handshake";
    Status.Code unauthenticated = Status.Code.UNAUTHENTICATED;
    Status.Code permissionDenied = Status.Code.PERMISSION_DENIED;
    List<ChunkRefusal> refusals =
        List.of(
            new ChunkRefusal(
                "no credential",
                inHandshake,
                Optional.empty(),
                ChunkPortCalls::read,
                victim.token(),
                unauthenticated,
                "requires a client certificate"),
            new ChunkRefusal(
                "certificate from another CA",
                inHandshake,
                Optional.of(cluster.stranger),
                ChunkPortCalls::read,
                victim.token(),
                unauthenticated,
                "refused this client's TLS certificate"),
            new ChunkRefusal(
                "no token",
                "UNAUTHENTICATED",
                member,
                ChunkPortCalls::read,
                SignedChunkToken.NONE,
                unauthenticated,
                "no chunk access token"),
            new ChunkRefusal(
                "expired token",
                "UNAUTHENTICATED",
                member,
                ChunkPortCalls::read,
                expiredReadToken(),
                unauthenticated,
                "chunk access token expired at"),
            new ChunkRefusal(
                "tampered token",
                "UNAUTHENTICATED",
                member,
                ChunkPortCalls::read,
                ChunkPortCalls.tampered(victim.token()),
                unauthenticated,
                "signature does not verify"),
            new ChunkRefusal(
                "token for another chunk",
                "PERMISSION_DENIED",
                member,
                ChunkPortCalls::read,
                other.token(),
                permissionDenied,
                "does not open " + victim.chunkId()),
            new ChunkRefusal(
                "token for another operation (read token, overwrite)",
                "PERMISSION_DENIED",
                member,
                ChunkPortCalls::overwrite,
                victim.token(),
                permissionDenied,
                "does not allow write"));
    DynamicNode allowed =
        cell(
            "allowed: the master's read token",
            "ok",
            () ->
                assertThat(
                        ChunkPortCalls.read(chunkserver(member), victim, victim.token()).getCode())
                    .isEqualTo(Status.Code.OK));
    return Stream.concat(refusals.stream().map(this::refused), Stream.of(allowed));
  }

  DynamicNode refused(ChunkRefusal r) {
    return cell(
        r.attack(),
        r.expected(),
        () -> {
          Status status = r.call().call(chunkserver(r.certificate()), victim, r.token());
          assertRefused(status, r.code(), r.reason());
        });
  }

  SignedChunkToken expiredReadToken() {
    return ChunkTokenCodec.sign(
        new ChunkAccessToken(
            key.id(),
            victim.chunkId(),
            victim.version(),
            victim.version(),
            Set.of(ChunkOperation.READ),
            "root",
            Instant.now().minusSeconds(600)),
        key);
  }

  static void assertRefused(Status status, Status.Code code, String reason) {
    assertThat(status.getCode()).as(String.valueOf(status.getDescription())).isEqualTo(code);
    assertThat(status.getDescription()).contains(reason);
  }

  // --- Raft -------------------------------------------------------------------------------

  Stream<DynamicNode> raftRow() {
    int port = cluster.raftPorts[1];
    DynamicNode allowed =
        cell(
            "allowed: a certificate of the cluster CA",
            "handshake completes",
            () ->
                assertThat(PortProbe.refusal(port, Optional.of(cluster.masterIdentity))).isEmpty());
    return Stream.concat(handshakeRefusals(port, true), Stream.of(allowed));
  }

  // --- REST over HTTPS --------------------------------------------------------------------

  /** A call to the gateway over TLS with a certificate of the cluster CA. */
  @FunctionalInterface
  interface RestCall {
    HttpResponse<String> call(RestProbe rest) throws Exception;
  }

  /** A call the gateway refuses with {@code status}, its JSON error's code and reason. */
  record RestRefusal(String attack, RestCall call, int status, String code, String reason) {}

  Stream<DynamicNode> restRow() {
    int port = cluster.gateway.port();
    RestProbe rest = new RestProbe(port, cluster.ca.certificate(), cluster.member);
    String unauthenticated = "unauthenticated";
    List<RestRefusal> refusals =
        List.of(
            new RestRefusal(
                "certificate, no bearer", r -> r.stat(null), 401, unauthenticated, "no credential"),
            new RestRefusal(
                "expired token",
                r -> r.stat(jwt.expired("root", "admin")),
                401,
                unauthenticated,
                "token expired at"),
            new RestRefusal(
                "tampered token",
                r -> r.stat(jwt.tampered("root", "admin")),
                401,
                unauthenticated,
                "signature does not verify"),
            new RestRefusal(
                "token for another operation (read role, mkdir)",
                r -> r.mkdir(jwt.valid("reader", "read"), "/matrix/over-rest"),
                403,
                "permission_denied",
                "reader lacks 'write'"));
    DynamicNode allowed =
        cell(
            "allowed: an admin token",
            "200",
            () -> {
              assertThat(PortProbe.refusal(port, Optional.of(cluster.member))).isEmpty();
              assertThat(rest.stat(jwt.valid("root", "admin")).statusCode()).isEqualTo(200);
            });
    Stream<DynamicNode> refused =
        refusals.stream()
            .map(
                r ->
                    cell(
                        r.attack(),
                        String.valueOf(r.status()),
                        () ->
                            rest.assertError(
                                r.call().call(rest), r.status(), r.code(), r.reason())));
    return Stream.of(handshakeRefusals(port, true), refused, Stream.of(allowed))
        .flatMap(cells -> cells);
  }

  // --- health -----------------------------------------------------------------------------

  Stream<DynamicNode> optionalHealthRow() {
    int port = cluster.optionalHealth.port();
    HealthProbe health = new HealthProbe(port, cluster.ca.certificate());
    DynamicNode answered =
        cell(
            "no credential",
            "200, live/ready only (deliberate: probes present none)",
            () -> health.assertAnswered(Optional.empty()));
    return Stream.of(
            Stream.of(answered), handshakeRefusals(port, false), Stream.of(healthAllowed(port)))
        .flatMap(cells -> cells);
  }

  Stream<DynamicNode> requiredHealthRow() {
    int port = cluster.requiredHealth.port();
    return Stream.concat(handshakeRefusals(port, true), Stream.of(healthAllowed(port)));
  }

  DynamicNode healthAllowed(int port) {
    HealthProbe health = new HealthProbe(port, cluster.ca.certificate());
    return cell(
        "allowed: a certificate of the cluster CA",
        "200",
        () -> {
          assertThat(PortProbe.refusal(port, Optional.of(cluster.member))).isEmpty();
          health.assertAnswered(Optional.of(cluster.member));
        });
  }

  // --- metrics ----------------------------------------------------------------------------

  Stream<DynamicNode> metricsRow() {
    MetricsProbe metrics =
        new MetricsProbe(cluster.optionalHealth.port(), cluster.ca.certificate());
    String token = MatrixCluster.SCRAPE_TOKEN;
    String offByOne = token.substring(0, token.length() - 1) + "1";
    String build = "godfs_build_info{node=\"m0\",role=\"master\"";
    Stream<DynamicNode> refused =
        Stream.of(
            cell("no credential", "401", () -> metrics.assertRefused(Optional.empty())),
            cell("a wrong token", "401", () -> metrics.assertRefused(Optional.of("not-it"))),
            cell(
                "the token, one character changed",
                "401",
                () -> metrics.assertRefused(Optional.of(offByOne))),
            cell("plain HTTP to the TLS port", "refused", metrics::assertPlainHttpRefused));
    Stream<DynamicNode> allowed =
        Stream.of(
            cell(
                "allowed: a certificate of the cluster CA",
                "200",
                () -> metrics.assertServed(Optional.of(cluster.member), Optional.empty(), build)),
            cell(
                "allowed: the scrape token",
                "200",
                () -> metrics.assertServed(Optional.empty(), Optional.of(token), build)));
    return Stream.of(refused, handshakeRefusals(cluster.optionalHealth.port(), false), allowed)
        .flatMap(cells -> cells);
  }

  Stream<DynamicNode> gatewayMetricsRow() {
    int port = cluster.gatewayListener.port();
    MetricsProbe metrics = new MetricsProbe(port, cluster.ca.certificate());
    String build = "godfs_build_info{node=\"gateway\",role=\"gateway\"";
    return Stream.concat(
        handshakeRefusals(port, false),
        Stream.of(
            cell("no credential", "401", () -> metrics.assertRefused(Optional.empty())),
            cell(
                "allowed: a certificate of the cluster CA",
                "200",
                () -> metrics.assertServed(Optional.of(cluster.member), Optional.empty(), build))));
  }
}
