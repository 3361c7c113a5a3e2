package io.godfs.adapters.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.adapters.grpc.CallerOverSocketsTest.NotingStore;
import io.godfs.adapters.grpc.tls.GrpcTls;
import io.godfs.adapters.grpc.tls.TestCertificates;
import io.godfs.adapters.grpc.tls.TestCertificates.Ca;
import io.godfs.adapters.grpc.tls.TestCertificates.Issued;
import io.godfs.adapters.grpc.tls.TlsContexts;
import io.godfs.adapters.grpc.tls.TlsProvider;
import io.godfs.api.v1.MasterServiceGrpc;
import io.godfs.api.v1.MkdirRequest;
import io.godfs.application.master.MasterServices;
import io.godfs.application.master.MasterSettings;
import io.godfs.application.port.in.AuthenticationUseCase;
import io.godfs.domain.access.Principal;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.DfsPath;
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
import java.io.IOException;
import java.math.BigInteger;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
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

  /** The TLS implementation under test; {@link TlsOverSocketsWithBoringSslTest} runs BoringSSL. */
  TlsProvider provider() {
    return TlsProvider.JDK;
  }

  @BeforeEach
  void useTheProviderUnderTest() {
    TlsContexts.use(provider());
  }

  @AfterEach
  void closeAll() throws Exception {
    TlsContexts.use(TlsProvider.AUTO);
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
            new CallerInterceptor(authentication),
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
    // Every goDFS call has a deadline; a refused certificate fails the call long before it.
    return MasterServiceGrpc.newBlockingStub(pool.channel("127.0.0.1:" + server.port()))
        .withInterceptors(new ServerCertificateNoter(serverSerial))
        .withDeadlineAfter(5, TimeUnit.SECONDS);
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
  void aCallRelayedForACallerWithoutCredentialIsNotNamedByTheRelaysCertificate() {
    AuthenticationUseCase refusesAnonymous =
        new AuthenticationUseCase() {
          @Override
          public Outcome<Principal> authenticate(Optional<String> bearer) {
            return Outcome.rejected(ErrorCode.UNAUTHENTICATED, "no credential");
          }

          @Override
          public boolean enforced() {
            return true;
          }
        };
    startServer(serverRsa.chain(), serverRsa.key(), Optional.empty(), refusesAnonymous);
    // The gateway's connections present its certificate; a caller without a credential is not it.
    GrpcMasterClient anonymousCaller =
        new GrpcMasterClient(
            "127.0.0.1:" + server.port(),
            pool(Optional.of(chunkserver)),
            Optional.empty(),
            Duration.ofSeconds(5));
    assertThatThrownBy(() -> anonymousCaller.mkdir(DfsPath.of("/relayed"), true))
        .isInstanceOfSatisfying(
            DfsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED));
    assertThat(store.seen).isEmpty();
    // The relay's own calls are still its own.
    new GrpcMasterClient(
            "127.0.0.1:" + server.port(), pool(Optional.of(chunkserver)), Duration.ofSeconds(5))
        .mkdir(DfsPath.of("/by-the-relay"), true);
    assertThat(store.seen).hasSize(1);
  }

  @Test
  void aPlaintextClientIsRefused() throws Exception {
    startServer();
    try (Socket plaintext = new Socket("127.0.0.1", server.port())) {
      plaintext.setSoTimeout(10_000);
      plaintext.getOutputStream().write(HTTP2_PREFACE);
      plaintext.getOutputStream().flush();
      int answer;
      try {
        answer = plaintext.getInputStream().read();
      } catch (SocketException reset) {
        answer = -1; // closed with a reset: refused as well
      }
      assertThat(answer).as("the server closes a connection that does not speak TLS").isEqualTo(-1);
    }
    assertThat(store.seen).isEmpty();
  }

  @Test
  void aClientWithACertificateOfAnotherAuthorityFailsPromptlyKnowingItsCertificateWasRefused()
      throws Exception {
    startServer();
    assertCallRefused(Optional.of(stranger), "refused this client's TLS certificate");
    assertHandshakeRefused(Optional.of(stranger));
  }

  @Test
  void aClientWithoutACertificateFailsPromptlyKnowingOneIsRequired() throws Exception {
    startServer();
    assertCallRefused(Optional.empty(), "requires a client certificate");
    assertHandshakeRefused(Optional.empty());
  }

  /**
   * A blocking call with a 5 s deadline fails well before it, UNAUTHENTICATED (not retried, not
   * DEADLINE_EXCEEDED), and says what the server refused; nothing reaches the master.
   */
  void assertCallRefused(Optional<Issued> identity, String says) {
    var stub = stub(pool(identity), new AtomicReference<>());
    long start = System.nanoTime();
    assertThatThrownBy(() -> stub.mkdir(mkdir("/refused")))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode())
                  .as("%s", e.getStatus())
                  .isEqualTo(Status.Code.UNAUTHENTICATED);
              assertThat(e.getStatus().getDescription())
                  .contains(says)
                  .contains("127.0.0.1:" + server.port());
            });
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(store.seen).isEmpty();
  }

  @Test
  void aClientWithACertificateOfTheClusterCaIsAcceptedAtTheTlsLevel() throws Exception {
    startServer();
    try (SSLSocket socket = tlsSocket(Optional.of(chunkserver))) {
      socket.getOutputStream().write(HTTP2_PREFACE);
      socket.getOutputStream().flush();
      assertThat(socket.getInputStream().read()).isNotNegative(); // the server's HTTP/2 SETTINGS
    }
  }

  /**
   * In TLS 1.3 the client's side of the handshake ends before the server has checked the client's
   * certificate; a refusal is the server's alert that follows, seen on the client's first read.
   */
  void assertHandshakeRefused(Optional<Issued> identity) throws Exception {
    try (SSLSocket socket = tlsSocket(identity)) {
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
    assertThat(store.seen).isEmpty();
  }

  static final byte[] HTTP2_PREFACE =
      "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  SSLSocket tlsSocket(Optional<Issued> identity) throws IOException {
    SSLSocket socket =
        (SSLSocket)
            TestCertificates.clientContext(ca.certificate(), identity)
                .getSocketFactory()
                .createSocket("127.0.0.1", server.port());
    socket.setSoTimeout(10_000);
    SSLParameters parameters = socket.getSSLParameters();
    parameters.setApplicationProtocols(new String[] {"h2"});
    socket.setSSLParameters(parameters);
    return socket;
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

  /**
   * Notes the serial number of the server certificate a call's connection was made with. A call
   * that failed before any connection was up has no session: it must still reach the stub, because
   * an exception thrown by a listener's {@code onClose} is only logged by gRPC, and a blocking stub
   * whose listener never hears the close waits forever, deadline or not (that was the "client that
   * outlived its deadline" of ADR 0022).
   */
  record ServerCertificateNoter(AtomicReference<BigInteger> serial) implements ClientInterceptor {
    void note(ClientCall<?, ?> call) {
      SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
      if (session == null) {
        serial.set(null);
        return;
      }
      try {
        serial.set(((X509Certificate) session.getPeerCertificates()[0]).getSerialNumber());
      } catch (SSLPeerUnverifiedException e) {
        serial.set(null);
      }
    }

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
                  note(call);
                  super.onHeaders(received);
                }

                @Override
                public void onClose(Status status, Metadata trailers) {
                  note(call); // a call refused at once has trailers only
                  super.onClose(status, trailers);
                }
              },
              headers);
        }
      };
    }
  }
}
