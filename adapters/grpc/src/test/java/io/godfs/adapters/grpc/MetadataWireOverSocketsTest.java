package io.godfs.adapters.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.adapters.grpc.CallerOverSocketsTest.NotingStore;
import io.godfs.adapters.grpc.tls.GrpcTls;
import io.godfs.adapters.grpc.tls.TestCertificates;
import io.godfs.adapters.grpc.tls.TestCertificates.Ca;
import io.godfs.adapters.grpc.tls.TestCertificates.Issued;
import io.godfs.adapters.grpc.wire.WireListen;
import io.godfs.api.v1.FileStatus;
import io.godfs.api.v1.MasterServiceGrpc;
import io.godfs.api.v1.StatRequest;
import io.godfs.application.master.MasterServices;
import io.godfs.application.master.MasterSettings;
import io.godfs.application.port.in.AuthenticationUseCase;
import io.godfs.application.port.out.RpcMeter;
import io.godfs.domain.access.Principal;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.NewFile;
import io.godfs.domain.node.NodeId;
import io.grpc.BindableService;
import io.grpc.Context;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.api.OpenTelemetry;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The master's metadata wire (ADR 0031) on real sockets: after the first answer over gRPC, a
 * client's unary calls go over the wire, with the same answers, refusals, callers, credentials and
 * TLS as over gRPC; when the wire cannot be reached or is full, calls go over gRPC instead.
 */
@Timeout(60)
class MetadataWireOverSocketsTest {
  @TempDir static Path certificates;
  static Ca ca;
  static Issued master;
  static Issued chunkserver;

  static final Principal ALICE = new Principal.User("alice", Set.of(), Set.of());

  final NotingStore store = new NotingStore();
  final List<AutoCloseable> open = new ArrayList<>();
  GrpcServerHandle server;

  @BeforeAll
  static void makeCertificates() {
    ca = TestCertificates.newCa(certificates.resolve("ca"), "cluster-ca");
    master = ca.issue("CN=m1,OU=master");
    chunkserver = ca.issue("CN=chunk-7,OU=chunkserver");
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

  private List<BindableService> masterServices() {
    MasterServices m =
        MasterServices.create(
            store,
            Clock.systemUTC(),
            new MasterSettings(1 << 20, 3, Duration.ofSeconds(30), Duration.ofSeconds(2)),
            new Random(1));
    return List.of(
        new GrpcMasterService(
            m.namespace(), m.chunkWrites(), m.chunkReads(), m.registry(), m.leases()));
  }

  private GrpcServerHandle start(
      List<BindableService> services,
      AuthenticationUseCase authentication,
      Optional<GrpcTls> tls,
      Optional<WireListen> wire,
      List<ServerInterceptor> interceptors) {
    server =
        GrpcServerHandle.start(
            "127.0.0.1",
            0,
            services,
            interceptors,
            Set.of(),
            new CallerInterceptor(authentication),
            tls,
            RpcMeter.NONE,
            OpenTelemetry.noop(),
            wire);
    return server;
  }

  private GrpcServerHandle startWithWire(int maxConnections) {
    return start(
        masterServices(),
        CallerInterceptor.NO_AUTHENTICATION,
        Optional.empty(),
        Optional.of(new WireListen("127.0.0.1", 0, maxConnections)),
        List.of());
  }

  private String address() {
    return "127.0.0.1:" + server.port();
  }

  private ChannelPool pool(ChannelPool pool) {
    open.add(pool);
    return pool;
  }

  private GrpcMasterClient client(ChannelPool channels) {
    return new GrpcMasterClient(address(), channels, Duration.ofSeconds(10));
  }

  @Test
  void afterTheFirstAnswerUnaryCallsGoOverTheWireWithTheSameAnswers() {
    startWithWire(WireListen.DEFAULT_MAX_CONNECTIONS);
    GrpcMasterClient client = client(pool(new ChannelPool()));

    client.mkdir(DfsPath.of("/a/b"), true);
    assertThat(server.wireCallsServed()).as("the first call learns of the wire").isZero();

    var created = client.create(NewFile.withClusterDefaults(DfsPath.of("/a/b/f"), false));
    assertThat(client.stat(DfsPath.of("/a/b/f"))).isEqualTo(created);
    client.rename(DfsPath.of("/a/b/f"), DfsPath.of("/a/g"), false);
    assertThat(client.list(DfsPath.of("/a"), "", 0).entries())
        .extracting(s -> s.path().value())
        .containsExactly("/a/b", "/a/g");
    assertThat(client.delete(DfsPath.of("/a"), true)).isEqualTo(1);
    assertThat(server.wireCallsServed()).isEqualTo(5);

    // The store saw the socket's address and each call's own request id, as over gRPC.
    var seen = store.seen.getLast();
    assertThat(seen.caller().source()).startsWith("127.0.0.1:");
    assertThat(seen.caller().requestId()).isPresent();
    assertThat(store.seen.get(1).caller().requestId()).isNotEqualTo(seen.caller().requestId());
  }

  @Test
  void refusalsKeepTheirCodesAndMessages() {
    startWithWire(WireListen.DEFAULT_MAX_CONNECTIONS);
    GrpcMasterClient client = client(pool(new ChannelPool()));
    client.mkdir(DfsPath.of("/d"), false);

    assertThatThrownBy(() -> client.stat(DfsPath.of("/d/missing")))
        .isInstanceOfSatisfying(
            DfsException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
              assertThat(e.getMessage()).contains("/d/missing");
            });
    assertThatThrownBy(() -> client.mkdir(DfsPath.of("/d"), false))
        .isInstanceOfSatisfying(
            DfsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS));
    assertThat(server.wireCallsServed()).isEqualTo(2);
  }

  @Test
  void everyCallIsAuthenticatedAsOverGrpc() {
    AuthenticationUseCase keys =
        new AuthenticationUseCase() {
          @Override
          public Outcome<Principal> authenticate(Optional<String> bearer) {
            return bearer.filter("alice-key"::equals).isPresent()
                ? Outcome.ok(ALICE)
                : Outcome.rejected(ErrorCode.UNAUTHENTICATED, "no valid API key");
          }

          @Override
          public boolean enforced() {
            return true;
          }
        };
    start(
        masterServices(),
        keys,
        Optional.empty(),
        Optional.of(WireListen.on("127.0.0.1", 0)),
        List.of());
    // A gateway's way: one pool, each caller's own credential on its calls.
    ChannelPool shared = pool(new ChannelPool());
    var alice =
        new GrpcMasterClient(address(), shared, Optional.of("alice-key"), Duration.ofSeconds(10));
    var anonymous =
        new GrpcMasterClient(address(), shared, Optional.empty(), Duration.ofSeconds(10));
    var wrongKey =
        new GrpcMasterClient(address(), shared, Optional.of("guess"), Duration.ofSeconds(10));

    alice.mkdir(DfsPath.of("/alice"), false);
    assertThat(alice.whoAmI()).isEqualTo(ALICE);
    for (GrpcMasterClient refused : List.of(anonymous, wrongKey)) {
      assertThatThrownBy(() -> refused.stat(DfsPath.of("/alice")))
          .isInstanceOfSatisfying(
              DfsException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
                assertThat(e.getMessage()).contains("no valid API key").doesNotContain("guess");
              });
    }
    assertThat(server.wireCallsServed()).as("whoAmI and both refusals").isEqualTo(3);
    assertThat(store.seen).singleElement();
  }

  @Test
  void overMutualTlsTheClientCertificateNamesTheCaller() throws IOException {
    GrpcTls serverTls =
        new GrpcTls(
            Optional.of(master.files()),
            Optional.empty(),
            List.of(ca.certificate()),
            Optional.empty());
    start(
        masterServices(),
        CallerInterceptor.NO_AUTHENTICATION,
        Optional.of(serverTls),
        Optional.of(WireListen.on("127.0.0.1", 0)),
        List.of());
    ChannelPool channels =
        pool(
            new ChannelPool(
                Optional.empty(),
                Optional.of(
                    new GrpcTls(
                        Optional.empty(),
                        Optional.of(chunkserver.files()),
                        List.of(ca.certificate()),
                        Optional.empty()))));
    GrpcMasterClient client = client(channels);
    client.mkdir(DfsPath.of("/first"), false);
    client.mkdir(DfsPath.of("/over-the-wire"), false);

    assertThat(server.wireCallsServed()).isEqualTo(1);
    assertThat(store.seen.getLast().caller().principal())
        .isEqualTo(new Principal.Chunkserver(new NodeId("chunk-7")));

    // The wire's port speaks TLS only: a plaintext client is answered nothing it can read.
    try (Socket plain = new Socket("127.0.0.1", server.wirePort().getAsInt())) {
      plain.setSoTimeout(5000);
      plain.getOutputStream().write("GODFS-WIRE/1\n".getBytes(StandardCharsets.US_ASCII));
      int answer = plain.getInputStream().read();
      assertThat(answer).as("not the wire's ACCEPTED byte").isNotEqualTo(1);
    } catch (IOException closed) {
      // the server closing on a failed handshake is the same refusal
    }
  }

  @Test
  void aWireThatCannotBeReachedLeavesTheCallsOnGrpc() throws IOException {
    int nobody;
    try (ServerSocket s = new ServerSocket(0)) {
      nobody = s.getLocalPort();
    }
    // A master announcing a wire port nothing listens on (a container that does not publish it).
    start(
        masterServices(),
        CallerInterceptor.NO_AUTHENTICATION,
        Optional.empty(),
        Optional.empty(),
        List.of(GrpcServerHandle.announcing(nobody)));
    GrpcMasterClient client = client(pool(new ChannelPool()));
    client.mkdir(DfsPath.of("/x"), false);
    client.mkdir(DfsPath.of("/y"), false);
    assertThat(client.list(DfsPath.of("/"), "", 0).entries()).hasSize(2);
  }

  @Test
  void aClientPastTheWiresLimitIsToldItIsBusyAndUsesGrpc() throws IOException {
    startWithWire(1);
    try (Socket taken = new Socket("127.0.0.1", server.wirePort().getAsInt())) {
      taken.getOutputStream().write("GODFS-WIRE/1\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(taken.getInputStream().read()).as("accepted").isEqualTo(1);

      GrpcMasterClient client = client(pool(new ChannelPool()));
      client.mkdir(DfsPath.of("/x"), false);
      assertThat(client.stat(DfsPath.of("/x")).path().value()).isEqualTo("/x");
      assertThat(server.wireCallsServed()).isZero();
    }
  }

  @Test
  void aStrangerOnTheWiresPortIsLetGoAndOthersAreStillServed() throws IOException {
    startWithWire(WireListen.DEFAULT_MAX_CONNECTIONS);
    try (Socket http = new Socket("127.0.0.1", server.wirePort().getAsInt())) {
      http.setSoTimeout(5000);
      OutputStream out = http.getOutputStream();
      out.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(new DataInputStream(http.getInputStream()).read()).as("closed").isEqualTo(-1);
    }
    GrpcMasterClient client = client(pool(new ChannelPool()));
    client.mkdir(DfsPath.of("/x"), false);
    client.stat(DfsPath.of("/x"));
    assertThat(server.wireCallsServed()).isEqualTo(1);
  }

  /** A stat that waits until the test lets it answer. */
  static final class SlowStat extends MasterServiceGrpc.MasterServiceImplBase {
    final CountDownLatch release = new CountDownLatch(1);
    final CountDownLatch entered = new CountDownLatch(1);

    @Override
    public void stat(StatRequest r, StreamObserver<FileStatus> out) {
      if (r.getPath().equals("/slow")) {
        entered.countDown();
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      out.onNext(FileStatus.newBuilder().setPath(r.getPath()).build());
      out.onCompleted();
    }
  }

  /** A stub of {@code slow}'s server, its calls on the wire after a first one over gRPC. */
  private MasterServiceGrpc.MasterServiceBlockingStub onTheWire(SlowStat slow) {
    start(
        List.of(slow),
        CallerInterceptor.NO_AUTHENTICATION,
        Optional.empty(),
        Optional.of(WireListen.on("127.0.0.1", 0)),
        List.of());
    ChannelPool channels = pool(new ChannelPool());
    var stub = MasterServiceGrpc.newBlockingStub(channels.masterChannel(address()));
    stub.stat(StatRequest.newBuilder().setPath("/fast").build());
    return stub;
  }

  @Test
  void aCallThatOutlivesItsDeadlineFailsAtTheDeadline() throws Exception {
    SlowStat slow = new SlowStat();
    var stub = onTheWire(slow);
    try {
      long start = System.nanoTime();
      assertThatThrownBy(
              () ->
                  stub.withDeadlineAfter(300, TimeUnit.MILLISECONDS)
                      .stat(StatRequest.newBuilder().setPath("/slow").build()))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> {
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
                assertThat(e.getStatus().getDescription()).contains("metadata wire");
              });
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    } finally {
      slow.release.countDown();
    }
    // The next call gets a connection of its own and its answer.
    assertThat(stub.stat(StatRequest.newBuilder().setPath("/fast").build()).getPath())
        .isEqualTo("/fast");
    assertThat(server.wireCallsServed()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void cancellingTheCallsContextEndsItAtOnce() throws Exception {
    SlowStat slow = new SlowStat();
    var stub = onTheWire(slow);
    Context.CancellableContext context = Context.current().withCancellation();
    Thread canceller =
        new Thread(
            () -> {
              try {
                if (slow.entered.await(10, TimeUnit.SECONDS)) {
                  context.cancel(null);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    canceller.start();
    try {
      assertThatThrownBy(
              () -> context.run(() -> stub.stat(StatRequest.newBuilder().setPath("/slow").build())))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.CANCELLED));
    } finally {
      slow.release.countDown();
      canceller.join();
    }
  }

  /**
   * The mount's watchdog ends a call past its deadline by interrupting the thread that waits (as
   * gRPC's blocking stub notices): a call waiting on the wire's socket notices too.
   */
  @Test
  void interruptingTheWaitingThreadEndsTheCallAndLeavesItInterrupted() throws Exception {
    SlowStat slow = new SlowStat();
    var stub = onTheWire(slow);
    Thread caller = Thread.currentThread();
    Thread watchdog =
        new Thread(
            () -> {
              try {
                if (slow.entered.await(10, TimeUnit.SECONDS)) {
                  caller.interrupt();
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    watchdog.start();
    try {
      long start = System.nanoTime();
      assertThatThrownBy(
              () ->
                  stub.withDeadlineAfter(30, TimeUnit.SECONDS)
                      .stat(StatRequest.newBuilder().setPath("/slow").build()))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.CANCELLED));
      assertThat(Thread.interrupted()).as("the thread is still interrupted").isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    } finally {
      slow.release.countDown();
      watchdog.join();
      Thread.interrupted();
    }
  }
}
