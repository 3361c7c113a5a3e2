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
 * </pre>
 *
 * "TLS" is a refusal in the handshake (gRPC UNAUTHENTICATED naming it, or the server's alert);
 * 401/403 are UNAUTHENTICATED/PERMISSION_DENIED on gRPC. With a valid certificate and no bearer,
 * master and REST refuse too (cells "certificate, no bearer" and "no token"). (*) Deliberately:
 * probes present no certificate, and the answer is only live/ready (ADR 0022). Raft and health take
 * no tokens; the master and the gateway have no chunks ("-"). Metrics: no endpoint yet (issue 23).
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
        row("health, client certificate required", requiredHealthRow()));
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

  // --- master gRPC -------------------------------------------------------------------------

  Stream<DynamicNode> masterRow() {
    Optional<Issued> member = Optional.of(cluster.member);
    return Stream.of(
        cell(
            "no credential",
            "UNAUTHENTICATED in the handshake",
            () ->
                assertMasterRefuses(
                    master(Optional.empty(), Optional.empty()),
                    ErrorCode.UNAUTHENTICATED,
                    "requires a client certificate")),
        cell(
            "certificate from another CA",
            "UNAUTHENTICATED in the handshake",
            () ->
                assertMasterRefuses(
                    master(Optional.of(jwt.valid("root", "admin")), Optional.of(cluster.stranger)),
                    ErrorCode.UNAUTHENTICATED,
                    "refused this client's TLS certificate")),
        cell(
            "expired token",
            "UNAUTHENTICATED",
            () ->
                assertMasterRefuses(
                    master(Optional.of(jwt.expired("root", "admin")), member),
                    ErrorCode.UNAUTHENTICATED,
                    "token expired at")),
        cell(
            "tampered token",
            "UNAUTHENTICATED",
            () ->
                assertMasterRefuses(
                    master(Optional.of(jwt.tampered("root", "admin")), member),
                    ErrorCode.UNAUTHENTICATED,
                    "signature does not verify")),
        cell(
            "tampered API key",
            "UNAUTHENTICATED",
            () ->
                assertMasterRefuses(
                    master(Optional.of(Tokens.tamper(cluster.rootKey)), member),
                    ErrorCode.UNAUTHENTICATED,
                    "unknown API key")),
        cell(
            "token for another operation (read role, mkdir)",
            "PERMISSION_DENIED",
            () ->
                assertMasterRefuses(
                    master(Optional.of(jwt.valid("reader", "read")), member),
                    ErrorCode.PERMISSION_DENIED,
                    "reader lacks 'write'")),
        cell(
            "allowed: an admin token",
            "ok",
            () -> {
              GrpcMasterClient admin = master(Optional.of(jwt.valid("root", "admin")), member);
              assertThat(admin.whoAmI().name()).isEqualTo("root");
              admin.mkdir(DfsPath.of("/matrix/by-admin"), false);
            }));
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

  Stream<DynamicNode> chunkserverRow() {
    Optional<Issued> member = Optional.of(cluster.member);
    return Stream.of(
        cell(
            "no credential",
            "UNAUTHENTICATED in the handshake",
            () ->
                assertRefused(
                    ChunkPortCalls.read(chunkserver(Optional.empty()), victim, victim.token()),
                    Status.Code.UNAUTHENTICATED,
                    "requires a client certificate")),
        cell(
            "certificate from another CA",
            "UNAUTHENTICATED in the handshake",
            () ->
                assertRefused(
                    ChunkPortCalls.read(
                        chunkserver(Optional.of(cluster.stranger)), victim, victim.token()),
                    Status.Code.UNAUTHENTICATED,
                    "refused this client's TLS certificate")),
        cell(
            "no token",
            "UNAUTHENTICATED",
            () ->
                assertRefused(
                    ChunkPortCalls.read(chunkserver(member), victim, SignedChunkToken.NONE),
                    Status.Code.UNAUTHENTICATED,
                    "no chunk access token")),
        cell(
            "expired token",
            "UNAUTHENTICATED",
            () ->
                assertRefused(
                    ChunkPortCalls.read(chunkserver(member), victim, expiredReadToken()),
                    Status.Code.UNAUTHENTICATED,
                    "chunk access token expired at")),
        cell(
            "tampered token",
            "UNAUTHENTICATED",
            () ->
                assertRefused(
                    ChunkPortCalls.read(chunkserver(member), victim, tampered(victim.token())),
                    Status.Code.UNAUTHENTICATED,
                    "signature does not verify")),
        cell(
            "token for another chunk",
            "PERMISSION_DENIED",
            () ->
                assertRefused(
                    ChunkPortCalls.read(chunkserver(member), victim, other.token()),
                    Status.Code.PERMISSION_DENIED,
                    "does not open " + victim.chunkId())),
        cell(
            "token for another operation (read token, overwrite)",
            "PERMISSION_DENIED",
            () ->
                assertRefused(
                    ChunkPortCalls.overwrite(chunkserver(member), victim, victim.token()),
                    Status.Code.PERMISSION_DENIED,
                    "does not allow write")),
        cell(
            "allowed: the master's read token",
            "ok",
            () ->
                assertThat(
                        ChunkPortCalls.read(chunkserver(member), victim, victim.token()).getCode())
                    .isEqualTo(Status.Code.OK)));
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

  /** The same token with its last byte (the MAC's) changed. */
  static SignedChunkToken tampered(SignedChunkToken token) {
    byte[] bytes = token.bytes().clone();
    bytes[bytes.length - 1] ^= 1;
    return SignedChunkToken.of(bytes);
  }

  static void assertRefused(Status status, Status.Code code, String reason) {
    assertThat(status.getCode()).as(String.valueOf(status.getDescription())).isEqualTo(code);
    assertThat(status.getDescription()).contains(reason);
  }

  // --- Raft -------------------------------------------------------------------------------

  Stream<DynamicNode> raftRow() {
    int port = cluster.raftPorts[1];
    return Stream.of(
        cell(
            "no credential",
            "refused in the handshake",
            () -> assertHandshakeRefused(port, Optional.empty(), CERTIFICATE_REQUIRED)),
        cell(
            "certificate from another CA",
            "refused in the handshake",
            () -> assertHandshakeRefused(port, Optional.of(cluster.stranger), UNTRUSTED)),
        cell(
            "allowed: a certificate of the cluster CA",
            "handshake completes",
            () ->
                assertThat(PortProbe.refusal(port, Optional.of(cluster.masterIdentity)))
                    .isEmpty()));
  }

  static void assertHandshakeRefused(int port, Optional<Issued> identity, String alert)
      throws Exception {
    Optional<IOException> refusal = PortProbe.refusal(port, identity);
    assertThat(refusal).as("the server refused the handshake").isPresent();
    assertThat(refusal.get().getMessage()).containsPattern(alert);
  }

  // --- REST over HTTPS --------------------------------------------------------------------

  Stream<DynamicNode> restRow() {
    int port = cluster.gateway.port();
    RestProbe rest = new RestProbe(port, cluster.ca.certificate(), cluster.member);
    return Stream.of(
        cell(
            "no credential",
            "refused in the handshake",
            () -> assertHandshakeRefused(port, Optional.empty(), CERTIFICATE_REQUIRED)),
        cell(
            "certificate from another CA",
            "refused in the handshake",
            () -> assertHandshakeRefused(port, Optional.of(cluster.stranger), UNTRUSTED)),
        cell(
            "certificate, no bearer",
            "401",
            () -> rest.assertError(rest.stat(null), 401, "unauthenticated", "no credential")),
        cell(
            "expired token",
            "401",
            () ->
                rest.assertError(
                    rest.stat(jwt.expired("root", "admin")),
                    401,
                    "unauthenticated",
                    "token expired at")),
        cell(
            "tampered token",
            "401",
            () ->
                rest.assertError(
                    rest.stat(jwt.tampered("root", "admin")),
                    401,
                    "unauthenticated",
                    "signature does not verify")),
        cell(
            "token for another operation (read role, mkdir)",
            "403",
            () ->
                rest.assertError(
                    rest.mkdir(jwt.valid("reader", "read"), "/matrix/over-rest"),
                    403,
                    "permission_denied",
                    "reader lacks 'write'")),
        cell(
            "allowed: an admin token",
            "200",
            () -> {
              assertThat(PortProbe.refusal(port, Optional.of(cluster.member))).isEmpty();
              assertThat(rest.stat(jwt.valid("root", "admin")).statusCode()).isEqualTo(200);
            }));
  }

  // --- health -----------------------------------------------------------------------------

  Stream<DynamicNode> optionalHealthRow() {
    int port = cluster.optionalHealth.port();
    HealthProbe health = new HealthProbe(port, cluster.ca.certificate());
    return Stream.of(
        cell(
            "no credential",
            "200, live/ready only (deliberate: probes present none)",
            () -> health.assertAnswered(Optional.empty())),
        cell(
            "certificate from another CA",
            "refused in the handshake",
            () -> assertHandshakeRefused(port, Optional.of(cluster.stranger), UNTRUSTED)),
        cell(
            "allowed: a certificate of the cluster CA",
            "200",
            () -> {
              assertThat(PortProbe.refusal(port, Optional.of(cluster.member))).isEmpty();
              health.assertAnswered(Optional.of(cluster.member));
            }));
  }

  Stream<DynamicNode> requiredHealthRow() {
    int port = cluster.requiredHealth.port();
    HealthProbe health = new HealthProbe(port, cluster.ca.certificate());
    return Stream.of(
        cell(
            "no credential",
            "refused in the handshake",
            () -> assertHandshakeRefused(port, Optional.empty(), CERTIFICATE_REQUIRED)),
        cell(
            "certificate from another CA",
            "refused in the handshake",
            () -> assertHandshakeRefused(port, Optional.of(cluster.stranger), UNTRUSTED)),
        cell(
            "allowed: a certificate of the cluster CA",
            "200",
            () -> {
              assertThat(PortProbe.refusal(port, Optional.of(cluster.member))).isEmpty();
              health.assertAnswered(Optional.of(cluster.member));
            }));
  }
}
