package io.godfs.adapters.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.api.v1.CreateFileRequest;
import io.godfs.api.v1.MasterServiceGrpc;
import io.godfs.application.fake.Callers;
import io.godfs.application.fake.FakeMetadataStore;
import io.godfs.application.master.MasterServices;
import io.godfs.application.master.MasterSettings;
import io.godfs.application.port.out.MetadataStore;
import io.godfs.domain.access.Caller;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.NamespaceCommand;
import io.godfs.domain.file.NamespaceQuery;
import io.godfs.domain.file.NewFile;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Creates (and stats) served on the server's network thread, as a replicated master serves them:
 * the handler only hands the create to the store, and the answer goes out when the store completes
 * it, from the store's thread. Real gRPC over 127.0.0.1.
 */
class CreatesOnTheNetworkThreadTest {
  /** A store whose creates complete when the test says so, like a quorum commit arriving later. */
  static final class LaterStore implements MetadataStore {
    final FakeMetadataStore applied = new FakeMetadataStore();
    final LinkedBlockingQueue<Consumer<Throwable>> waiting = new LinkedBlockingQueue<>();

    @Override
    public <R> Outcome<R> execute(NamespaceCommand<R> command, Caller caller) {
      return applied.execute(command, Callers.ANONYMOUS);
    }

    @Override
    public <R> CompletableFuture<Outcome<R>> submit(NamespaceCommand<R> command, Caller caller) {
      CompletableFuture<Outcome<R>> later = new CompletableFuture<>();
      waiting.add(
          failure -> {
            if (failure == null) {
              later.complete(applied.execute(command, Callers.ANONYMOUS));
            } else {
              later.completeExceptionally(failure);
            }
          });
      return later;
    }

    @Override
    public boolean submitNeverWaits() {
      return true;
    }

    @Override
    public <R> Outcome<R> query(NamespaceQuery<R> query) {
      return applied.query(query);
    }

    /** When set, reads wait for {@link #reads} to be run, as a read waiting for its ReadIndex. */
    volatile boolean holdReads;

    final LinkedBlockingQueue<Runnable> reads = new LinkedBlockingQueue<>();

    @Override
    public <R> CompletableFuture<Outcome<R>> queryAsync(NamespaceQuery<R> query) {
      if (!holdReads) {
        return CompletableFuture.completedFuture(applied.query(query));
      }
      CompletableFuture<Outcome<R>> later = new CompletableFuture<>();
      reads.add(() -> later.complete(applied.query(query)));
      return later;
    }

    /** Completes the oldest pending create from this (the test's) thread, as a commit would. */
    void commitNext(Throwable failure) throws InterruptedException {
      Consumer<Throwable> next = waiting.poll(10, TimeUnit.SECONDS);
      assertThat(next).as("a create reached the store").isNotNull();
      next.accept(failure);
    }

    @Override
    public void close() {}
  }

  LaterStore store = new LaterStore();
  GrpcServerHandle server;
  ChannelPool channels = new ChannelPool();
  GrpcMasterClient client;

  @BeforeEach
  void start() {
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
            NetworkThreadMethods.of(true, true),
            new CallerInterceptor(CallerInterceptor.NO_AUTHENTICATION));
    client = new GrpcMasterClient("127.0.0.1:" + server.port(), channels, Duration.ofSeconds(10));
  }

  @AfterEach
  void stop() {
    store.waiting.forEach(
        pending -> pending.accept(new DfsException(ErrorCode.UNAVAILABLE, "test over")));
    channels.close();
    server.close();
  }

  @Test
  void aCreateIsAnsweredWhenTheStoreCommitsItAndTheConnectionServesOtherCallsMeanwhile()
      throws Exception {
    client.mkdir(DfsPath.of("/d"), false);
    CompletableFuture<FileStatus> create =
        CompletableFuture.supplyAsync(
            () -> client.create(NewFile.withClusterDefaults(DfsPath.of("/d/f"), false)));

    // The create waits for its commit; the network thread that took it is free for the next call.
    assertThat(client.stat(DfsPath.of("/d")).path().value()).isEqualTo("/d");
    assertThat(create).isNotDone();

    store.commitNext(null);
    FileStatus created = create.get(10, TimeUnit.SECONDS);
    assertThat(created.path().value()).isEqualTo("/d/f");
    assertThat(client.stat(DfsPath.of("/d/f")).fileId()).isEqualTo(created.fileId());
  }

  @Test
  void aStatWaitingForItsReadToBeConfirmedHoldsNoNetworkThread() throws Exception {
    client.mkdir(DfsPath.of("/d"), false);
    store.holdReads = true;
    CompletableFuture<FileStatus> stat =
        CompletableFuture.supplyAsync(() -> client.stat(DfsPath.of("/d")));
    Runnable confirm = store.reads.poll(10, TimeUnit.SECONDS);
    assertThat(confirm).as("the stat reached the store").isNotNull();

    // whoAmI runs on the network thread too, on the same connection: it is answered meanwhile.
    assertThat(client.whoAmI()).isNotNull();
    assertThat(stat).isNotDone();

    confirm.run();
    assertThat(stat.get(10, TimeUnit.SECONDS).path().value()).isEqualTo("/d");
  }

  @Test
  void aCreateTheStoreFailsReachesTheClientWithItsCodeAndMessage() throws Exception {
    CompletableFuture<FileStatus> create =
        CompletableFuture.supplyAsync(
            () -> client.create(NewFile.withClusterDefaults(DfsPath.of("/f"), false)));

    store.commitNext(new DfsException(ErrorCode.CONFLICT, "the test refused this create"));

    assertThatThrownBy(() -> create.get(10, TimeUnit.SECONDS))
        .cause()
        .isInstanceOfSatisfying(
            DfsException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
              assertThat(e.getMessage()).contains("the test refused this create");
            });
    assertThatThrownBy(() -> client.stat(DfsPath.of("/f")))
        .isInstanceOfSatisfying(
            DfsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }

  @Test
  void aRefusedCreateIsAnsweredAtOnceWithoutReachingTheStore() {
    // The SDK cannot ask for it (NewFile refuses a negative replication): a raw request can.
    var stub = MasterServiceGrpc.newBlockingStub(channels.channel("127.0.0.1:" + server.port()));
    assertThatThrownBy(
            () ->
                stub.createFile(
                    CreateFileRequest.newBuilder().setPath("/f").setReplication(-1).build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(e.getStatus().getDescription()).contains("replication : -1");
            });
    assertThat(store.waiting).isEmpty();
  }
}
