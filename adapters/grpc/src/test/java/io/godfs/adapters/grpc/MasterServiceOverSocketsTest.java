package io.godfs.adapters.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.api.v1.AllocateChunkRequest;
import io.godfs.api.v1.CommitChunkRequest;
import io.godfs.api.v1.CreateFileRequest;
import io.godfs.api.v1.MasterServiceGrpc;
import io.godfs.api.v1.MkdirRequest;
import io.godfs.api.v1.RecoverChunkRequest;
import io.godfs.api.v1.StoreInlineRequest;
import io.godfs.application.fake.Callers;
import io.godfs.application.fake.FakeMetadataStore;
import io.godfs.application.master.MasterServices;
import io.godfs.application.master.MasterSettings;
import io.godfs.application.port.in.NamespaceUseCase;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.ChunkAllocationRequest;
import io.godfs.domain.file.ChunkCommitRequest;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.FileType;
import io.godfs.domain.file.LeaseHolder;
import io.godfs.domain.file.Listing;
import io.godfs.domain.file.NameChange;
import io.godfs.domain.file.NameListing;
import io.godfs.domain.file.NewFile;
import io.godfs.domain.node.NodeAddress;
import io.godfs.domain.node.NodeId;
import io.godfs.domain.node.NodeLocation;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The master's API on a real socket: requests, refusals with codes and messages, pagination. */
class MasterServiceOverSocketsTest {
  GrpcServerHandle server;
  ChannelPool channels = new ChannelPool();
  GrpcMasterClient client;
  MasterServices m;

  @BeforeEach
  void start() {
    m =
        MasterServices.create(
            new FakeMetadataStore(),
            Clock.systemUTC(),
            new MasterSettings(1 << 20, 3, Duration.ofSeconds(30), Duration.ofSeconds(2)),
            new Random(1));
    server =
        GrpcServerHandle.start(
            "127.0.0.1",
            0,
            List.of(
                new GrpcMasterService(
                    m.namespace(), m.chunkWrites(), m.chunkReads(), m.registry(), m.leases()),
                new GrpcRegistryService(m.registry())));
    client = new GrpcMasterClient("127.0.0.1:" + server.port(), channels, Duration.ofSeconds(10));
  }

  @AfterEach
  void stop() {
    channels.close();
    server.close();
  }

  @Test
  void namespaceCallsRoundTrip() {
    client.mkdir(DfsPath.of("/a/b"), true);
    FileStatus f = client.create(NewFile.withClusterDefaults(DfsPath.of("/a/b/f"), false));
    assertThat(f.chunkSize()).isEqualTo(1 << 20);
    assertThat(client.stat(DfsPath.of("/a/b/f")).fileId()).isEqualTo(f.fileId());
    client.rename(DfsPath.of("/a/b/f"), DfsPath.of("/a/g"), false);
    assertThat(client.list(DfsPath.of("/a"), "", 0).entries())
        .extracting(s -> s.path().value())
        .containsExactly("/a/b", "/a/g");
    assertThat(client.delete(DfsPath.of("/a"), true)).isEqualTo(1);
  }

  /**
   * mkdir, create, delete and rename answer, when asked, the status after them of the directories
   * whose entries they changed: what a stat right after returns (issue 26).
   */
  @Test
  void changesOfNamesAnswerTheStatusOfTheDirectoriesTheyChanged() {
    client.mkdir(DfsPath.of("/a"), false);
    client.mkdir(DfsPath.of("/c"), false);

    NameChange<FileStatus> made = client.mkdirAndStatParent(DfsPath.of("/a/b"), null);
    assertThat(made.result().path().value()).isEqualTo("/a/b");
    assertThat(made.parents()).containsExactly(client.stat(DfsPath.of("/a")));
    assertThat(made.parents().get(0).links()).isEqualTo(3);

    NameChange<FileStatus> created =
        client.createAndStatParent(
            NewFile.withClusterDefaults(DfsPath.of("/a/f"), false), LeaseHolder.client("w"));
    assertThat(created.result().path().value()).isEqualTo("/a/f");
    assertThat(created.parents()).containsExactly(client.stat(DfsPath.of("/a")));
    assertThat(client.renameAndStatParents(DfsPath.of("/a/f"), DfsPath.of("/a/g"), false).parents())
        .containsExactly(client.stat(DfsPath.of("/a")));
    assertThat(client.renameAndStatParents(DfsPath.of("/a/g"), DfsPath.of("/c/h"), true).parents())
        .containsExactly(client.stat(DfsPath.of("/a")), client.stat(DfsPath.of("/c")));

    NameChange<Integer> removed = client.deleteAndStatParent(DfsPath.of("/a/b"));
    assertThat(removed.result()).as("files deleted: an empty directory holds none").isZero();
    assertThat(removed.parents()).containsExactly(client.stat(DfsPath.of("/a")));
    assertThat(removed.parents().get(0).links()).isEqualTo(2);

    // Not asked: not sent, and nothing else changes.
    var plain =
        MasterServiceGrpc.newBlockingStub(channels.channel("127.0.0.1:" + server.port()))
            .mkdir(MkdirRequest.newBuilder().setPath("/c/d").build());
    assertThat(plain.hasParent()).isFalse();
    assertThat(plain.getPath()).isEqualTo("/c/d");
  }

  @Test
  void aStreamsLastCommitCarriesItsCloseInOneCall() {
    for (int i = 1; i <= 3; i++) {
      m.registry()
          .register(
              Callers.ANONYMOUS,
              new NodeId("cs-" + i),
              new NodeAddress("127.0.0.1", 9000 + i),
              1L << 40,
              0,
              List.of());
    }
    FileStatus f =
        client.create(
            NewFile.withClusterDefaults(DfsPath.of("/w"), false), LeaseHolder.client("writer-a"));
    var target =
        client.allocateChunk(
            new ChunkAllocationRequest(f.path(), f.fileId(), 0), LeaseHolder.client("writer-a"));
    assertThatThrownBy(() -> client.openForWrite(f.path(), LeaseHolder.client("writer-b")))
        .isInstanceOfSatisfying(
            DfsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BUSY));

    long length =
        client.commitChunkAndClose(
            new ChunkCommitRequest(
                f.path(),
                f.fileId(),
                0,
                target.chunkId(),
                target.version(),
                100,
                target.pipeline().stream().map(NodeLocation::id).toList()),
            LeaseHolder.client("writer-a"));

    assertThat(length).isEqualTo(100);
    assertThat(client.stat(f.path()).length()).isEqualTo(100);
    assertThat(client.openForWrite(f.path(), LeaseHolder.client("writer-b")).fileId())
        .isEqualTo(f.fileId()); // the lease went with it
  }

  @Test
  void listingPagesAreSortedAndComplete() {
    client.mkdir(DfsPath.of("/d"), false);
    for (int i = 9; i >= 0; i--) {
      client.create(NewFile.withClusterDefaults(DfsPath.of("/d/f" + i), false));
    }
    Listing first = client.list(DfsPath.of("/d"), "", 4);
    assertThat(first.hasMore()).isTrue();
    assertThat(first.entries())
        .extracting(s -> s.path().name())
        .containsExactly("f0", "f1", "f2", "f3");
    Listing rest = client.list(DfsPath.of("/d"), "f3", 100);
    assertThat(rest.hasMore()).isFalse();
    assertThat(rest.entries()).hasSize(6);
  }

  /**
   * The names-only listing (ADR 0033) carries each entry's name, type and file id as the full
   * listing does, pages the same way, and is refused with the full listing's code and message.
   */
  @Test
  void aNamesOnlyListingMatchesTheFullListingOverTheSocket() {
    client.mkdir(DfsPath.of("/n/sub"), true);
    for (String name : List.of("b", "ü-é", "a", "c.txt")) {
      client.create(NewFile.withClusterDefaults(DfsPath.of("/n/" + name), false));
    }
    List<String> full =
        client.list(DfsPath.of("/n"), "", 0).entries().stream()
            .map(s -> s.path().name() + " " + s.type() + " " + s.fileId().value())
            .toList();
    NameListing names = client.listNames(DfsPath.of("/n"), "", 0);
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      seen.add(names.name(i) + " " + names.type(i) + " " + names.fileId(i));
    }
    assertThat(seen).isEqualTo(full).hasSize(5);
    assertThat(names.hasMore()).isFalse();

    NameListing page = client.listNames(DfsPath.of("/n"), "a", 2);
    assertThat(List.of(page.name(0), page.name(1))).containsExactly("b", "c.txt");
    assertThat(page.hasMore()).isTrue();

    assertThatThrownBy(() -> client.listNames(DfsPath.of("/missing"), "", 0))
        .isInstanceOfSatisfying(
            DfsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
        .hasMessageContaining("/missing");
    assertThatThrownBy(() -> client.listNames(DfsPath.of("/n"), "", NameListing.MAX_LIMIT + 1))
        .isInstanceOfSatisfying(
            DfsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
        .hasMessageContaining("limit");
  }

  @Test
  void refusalsCarryTheirCodeAndAMessage() {
    assertThatThrownBy(() -> client.stat(DfsPath.of("/missing")))
        .isInstanceOfSatisfying(
            DfsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
        .hasMessageContaining("/missing");
    client.create(NewFile.withClusterDefaults(DfsPath.of("/f"), false));
    assertThatThrownBy(() -> client.create(NewFile.withClusterDefaults(DfsPath.of("/f"), false)))
        .isInstanceOfSatisfying(
            DfsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS));
    assertThatThrownBy(() -> client.create(new NewFile(DfsPath.of("/g"), false, 0, 12345)))
        .isInstanceOfSatisfying(
            DfsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
        .hasMessageContaining("chunk size");
  }

  @Test
  void aMalformedPathFromAnyClientIsInvalidArgumentNamingTheProblem() {
    var stub = MasterServiceGrpc.newBlockingStub(channels.channel("127.0.0.1:" + server.port()));
    assertThatThrownBy(() -> stub.mkdir(MkdirRequest.newBuilder().setPath("relative/../x").build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(e.getStatus().getDescription()).contains("not absolute");
            });
  }

  /**
   * The request records refuse what a client could put in a proto and a use case must not see: the
   * master answers INVALID_ARGUMENT naming the field, before any use case runs, never INTERNAL.
   */
  @Test
  void aBadFieldOfAWriteRequestIsInvalidArgumentNamingIt() {
    var stub = MasterServiceGrpc.newBlockingStub(channels.channel("127.0.0.1:" + server.port()));
    assertInvalid(
        () ->
            stub.createFile(CreateFileRequest.newBuilder().setPath("/f").setChunkSize(-1).build()),
        "chunkSize : -1");
    assertInvalid(
        () ->
            stub.allocateChunk(
                AllocateChunkRequest.newBuilder()
                    .setPath("/f")
                    .setFileId(2)
                    .setChunkIndex(-1)
                    .build()),
        "index : -1");
    CommitChunkRequest commit =
        CommitChunkRequest.newBuilder()
            .setPath("/f")
            .setFileId(2)
            .setChunkId(5)
            .setVersion(2)
            .setChunkLength(10)
            .addReplicaNodeIds("cs-1")
            .build();
    assertInvalid(
        () -> stub.commitChunk(commit.toBuilder().setChunkLength(-1).build()), "chunkLength : -1");
    assertInvalid(
        () -> stub.commitChunk(commit.toBuilder().clearReplicaNodeIds().build()), "replicas : []");
    assertInvalid(
        () ->
            stub.recoverChunk(
                RecoverChunkRequest.newBuilder()
                    .setPath("/f")
                    .setFileId(2)
                    .setChunkId(5)
                    .setFailedVersion(2)
                    .setWriter("writer-a")
                    .build()),
        "survivors : []");
    assertInvalid(
        () ->
            stub.storeInline(
                StoreInlineRequest.newBuilder()
                    .setPath("/f")
                    .setFileId(2)
                    .setOffset(-1)
                    .setWriter("writer-a")
                    .build()),
        "offset : -1");
  }

  private static void assertInvalid(Runnable call, String message) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(e.getStatus().getDescription()).contains(message);
            });
  }

  /**
   * A master cut off by the network or frozen accepts nothing back: the attempt runs into its
   * deadline, and the client goes on to the next master instead of failing (the request id keeps it
   * safe).
   */
  @Test
  void aSilentMasterIsPassedOverAfterTheAttemptsDeadline() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      var client =
          new GrpcMasterClient(
              "127.0.0.1:" + silent.getLocalPort() + ",127.0.0.1:" + server.port(),
              channels,
              Duration.ofSeconds(1));
      client.mkdir(DfsPath.of("/after-silence"), false);
      assertThat(client.stat(DfsPath.of("/after-silence")).type()).isEqualTo(FileType.DIRECTORY);
    }
  }

  @Test
  void aSilentSingleMasterIsADeadlineErrorNotAHang() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      var client =
          new GrpcMasterClient(
              "127.0.0.1:" + silent.getLocalPort(), channels, Duration.ofMillis(500));
      assertThatThrownBy(() -> client.stat(DfsPath.ROOT))
          .isInstanceOf(DfsException.class)
          .hasMessageContaining("127.0.0.1:" + silent.getLocalPort());
    }
  }

  @Test
  void anUnreachableMasterIsUnavailableNamingTheAddress() {
    var dead = new GrpcMasterClient("127.0.0.1:1", channels, Duration.ofSeconds(5));
    assertThatThrownBy(() -> dead.stat(DfsPath.ROOT))
        .isInstanceOfSatisfying(
            DfsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE))
        .hasMessageContaining("127.0.0.1:1");
  }

  @Test
  void anUnexpectedFailureReachesTheCallerAsAnIncidentWithoutJavaInternals() {
    // One-shot stand-in for a use case with a bug: every call throws what a bug throws.
    NamespaceUseCase broken =
        (NamespaceUseCase)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {NamespaceUseCase.class},
                (proxy, method, args) -> {
                  throw new NullPointerException(
                      "Cannot invoke \"io.godfs.domain.file.Inode.path()\" because \"x\" is null");
                });
    try (GrpcServerHandle buggy =
        GrpcServerHandle.start(
            "127.0.0.1",
            0,
            List.of(
                new GrpcMasterService(
                    broken, m.chunkWrites(), m.chunkReads(), m.registry(), m.leases())))) {
      GrpcMasterClient c =
          new GrpcMasterClient("127.0.0.1:" + buggy.port(), channels, Duration.ofSeconds(10));
      assertThatThrownBy(() -> c.stat(DfsPath.of("/x")))
          .hasMessageContaining("internal error on the server (incident ")
          .hasMessageNotContaining("NullPointerException")
          .hasMessageNotContaining("io.godfs")
          .hasMessageNotContaining("java.");
    }
  }
}
