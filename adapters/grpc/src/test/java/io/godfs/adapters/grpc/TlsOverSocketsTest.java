package io.godfs.adapters.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.adapters.grpc.CallerOverSocketsTest.NotingStore;
import io.godfs.adapters.grpc.tls.GrpcTls;
import io.godfs.adapters.grpc.tls.TestCertificates;
import io.godfs.adapters.grpc.tls.TestCertificates.Ca;
import io.godfs.adapters.grpc.tls.TestCertificates.Issued;
import io.godfs.api.v1.MasterServiceGrpc;
import io.godfs.api.v1.MkdirRequest;
import io.godfs.application.master.MasterServices;
import io.godfs.application.master.MasterSettings;
import io.godfs.application.port.in.AuthenticationUseCase;
import io.godfs.domain.access.Principal;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.node.NodeId;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A master's gRPC server over TLS 1.3 and mutual TLS on real sockets, with real certificates. */
class TlsOverSocketsTest {
  @TempDir static Path certificates;
  static Ca ca;
  static Ca otherCa;
  static Issued serverRsa;
  static Issued chunkserver;
  static Issued stranger;

  @TempDir Path live;
  final NotingStore store = new NotingStore();
  final List<AutoCloseable> open = new ArrayList<>();
  GrpcServerHandle server;

  @BeforeAll
  static void makeCertificates() {
    ca = TestCertificates.newCa(certificates.resolve("ca"), "cluster-ca");
    otherCa = TestCertificates.newCa(certificates.resolve("other"), "other-ca");
    serverRsa = ca.issue("CN=m1,OU=master", "RSA");
    chunkserver = ca.issue("CN=chunk-7,OU=chunkserver");
    stranger = otherCa.issue("CN=chunk-7,OU=chunkserver");
  }

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : open.reversed()) {
      c.close();
    }
    if (server != null) {
      server.close();
    }
  }

  /** A master server presenting the certificate in {@code chain}/{@code key}, requiring mTLS. */
  void startServer(
      Path chain, Path key, Optional<Duration> reloadEvery, AuthenticationUseCase authentication) {
    MasterServices m =
        MasterServices.create(
            store,
            Clock.systemUTC(),
            new MasterSettings(1 << 20, 3, Duration.ofSeconds(30), Duration.ofSeconds(2)),
            new Random(1));
    server =
        GrpcServerHandle.start(
            "127.0.0.1",
            0,
            List.of(
                new GrpcMasterService(
                    m.namespace(), m.chunkWrites(), m.chunkReads(), m.registry(), m.leases())),
            List.of(),
            Set.of(),
            authentication,
            Optional.of(
                new GrpcTls(
                    Optional.of(new GrpcTls.KeyPairFiles(chain, key)),
                    Optional.empty(),
                    List.of(ca.certificate()),
                    reloadEvery)));
  }

  void startServer() {
    startServer(
        serverRsa.chain(), serverRsa.key(), Optional.empty(), CallerInterceptor.NO_AUTHENTICATION);
  }

  ChannelPool pool(Optional<Issued> identity) {
    ChannelPool pool =
        new ChannelPool(
            Optional.empty(),
            Optional.of(
                new GrpcTls(
                    Optional.empty(),
                    identity.map(Issued::files),
                    List.of(ca.certificate()),
                    Optional.empty())));
    open.add(pool);
    return pool;
  }

  /** The stub of a master call that notes the serial number of the certificate the server shows. */
  MasterServiceGrpc.MasterServiceBlockingStub stub(
      ChannelPool pool, AtomicReference<BigInteger> serverSerial) {
    return MasterServiceGrpc.newBlockingStub(pool.channel("127.0.0.1:" + server.port()))
        .withInterceptors(new ServerCertificateNoter(serverSerial));
  }

  static MkdirRequest mkdir(String path) {
    return MkdirRequest.newBuilder().setPath(path).setParents(true).build();
  }

  @Test
  void aCallOverMutualTlsReachesTheMasterAndTheCertificateNamesTheChunkserver() {
    startServer();
    AtomicReference<BigInteger> serial = new AtomicReference<>();
    stub(pool(Optional.of(chunkserver)), serial).mkdir(mkdir("/over-tls"));

    assertThat(serial.get()).isEqualTo(serverRsa.serial());
    assertThat(store.seen)
        .singleElement()
        .satisfies(
            s ->
                assertThat(s.caller().principal())
                    .isEqualTo(new Principal.Chunkserver(new NodeId("chunk-7"))));
  }

  @Test
  void aCertificateIsAcceptedWhereAuthenticationIsEnforcedButABearerStillWins() {
    AuthenticationUseCase refusesEverything =
        new AuthenticationUseCase() {
          @Override
          public Outcome<Principal> authenticate(Optional<String> bearer) {
            return Outcome.rejected(ErrorCode.UNAUTHENTICATED, "unknown credential");
          }

          @Override
          public boolean enforced() {
            return true;
          }
        };
    startServer(serverRsa.chain(), serverRsa.key(), Optional.empty(), refusesEverything);
    var stub = stub(pool(Optional.of(chunkserver)), new AtomicReference<>());
    stub.mkdir(mkdir("/certified"));
    assertThat(store.seen).hasSize(1);

    Metadata headers = new Metadata();
    headers.put(CallerInterceptor.AUTHORIZATION, "Bearer not-a-key-of-anyone");
    assertThatThrownBy(
            () ->
                stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                    .mkdir(mkdir("/bearer")))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
    assertThat(store.seen).hasSize(1);
  }

  @Test
  void aPlaintextClientIsRefused() {
    startServer();
    ChannelPool plaintext = new ChannelPool();
    open.add(plaintext);
    assertRefused(() -> stub(plaintext, new AtomicReference<>()).mkdir(mkdir("/plain")));
  }

  @Test
  void aClientCertificateOfAnotherAuthorityIsRefused() {
    startServer();
    assertRefused(
        () -> stub(pool(Optional.of(stranger)), new AtomicReference<>()).mkdir(mkdir("/x")));
  }

  @Test
  void aClientWithoutACertificateIsRefusedByAServerThatVerifiesClients() {
    startServer();
    assertRefused(
        () -> stub(pool(Optional.empty()), new AtomicReference<>()).mkdir(mkdir("/anonymous")));
  }

  @Test
  void aRotatedServerCertificateIsShownToNewConnectionsWhileOpenOnesKeepWorking() throws Exception {
    Issued first = ca.issue("CN=m1,OU=master");
    Issued second = ca.issue("CN=m1,OU=master", "RSA");
    Path chain = live.resolve("server.pem");
    Path key = live.resolve("server-key.pem");
    first.installAs(chain, key);
    startServer(
        chain, key, Optional.of(Duration.ofMillis(50)), CallerInterceptor.NO_AUTHENTICATION);
    AtomicReference<BigInteger> seenByOpen = new AtomicReference<>();
    var openStub = stub(pool(Optional.of(chunkserver)), seenByOpen);
    openStub.mkdir(mkdir("/before"));
    assertThat(seenByOpen.get()).isEqualTo(first.serial());

    second.installAs(chain, key);

    // Each attempt is a new client, so a new handshake; bounded by a deadline, not a sleep.
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    BigInteger seenByNew = first.serial();
    while (!seenByNew.equals(second.serial()) && System.nanoTime() < deadline) {
      AtomicReference<BigInteger> serial = new AtomicReference<>();
      ChannelPool fresh = pool(Optional.of(chunkserver));
      stub(fresh, serial).mkdir(mkdir("/after"));
      seenByNew = serial.get();
      fresh.close();
    }
    assertThat(seenByNew).isEqualTo(second.serial());

    openStub.mkdir(mkdir("/still-open"));
    assertThat(seenByOpen.get()).isEqualTo(first.serial());
  }

  @Test
  void aBrokenCertificateFileKeepsThePreviousCertificate() throws Exception {
    Path chain = live.resolve("server.pem");
    Path key = live.resolve("server-key.pem");
    serverRsa.installAs(chain, key);
    startServer(chain, key, Optional.of(Duration.ofMillis(1)), CallerInterceptor.NO_AUTHENTICATION);
    Files.writeString(chain, "-----BEGIN CERTIFICATE-----\nbroken\n");

    AtomicReference<BigInteger> serial = new AtomicReference<>();
    stub(pool(Optional.of(chunkserver)), serial).mkdir(mkdir("/kept"));
    assertThat(serial.get()).isEqualTo(serverRsa.serial());
  }

  @Test
  void aMissingKeyFileStopsTheStartNamingIt() {
    Path missing = live.resolve("no-such-key.pem");
    assertThatThrownBy(
            () ->
                startServer(
                    serverRsa.chain(),
                    missing,
                    Optional.empty(),
                    CallerInterceptor.NO_AUTHENTICATION))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(missing.toString());
  }

  static void assertRefused(Runnable call) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
  }

  /** Notes the serial number of the server certificate a call's connection was made with. */
  record ServerCertificateNoter(AtomicReference<BigInteger> serial) implements ClientInterceptor {
    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(
        MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
      return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
        @Override
        public void start(Listener<R> listener, Metadata headers) {
          ClientCall<Q, R> call = this;
          super.start(
              new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                @Override
                public void onHeaders(Metadata received) {
                  SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
                  try {
                    serial.set(
                        ((X509Certificate) session.getPeerCertificates()[0]).getSerialNumber());
                  } catch (SSLPeerUnverifiedException e) {
                    serial.set(null);
                  }
                  super.onHeaders(received);
                }
              },
              headers);
        }
      };
    }
  }
}
