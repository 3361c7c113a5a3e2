package io.godfs.adapters.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.api.v1.MasterServiceGrpc;
import io.godfs.api.v1.MkdirRequest;
import io.godfs.application.fake.FakeMetadataStore;
import io.godfs.application.master.MasterServices;
import io.godfs.application.master.MasterSettings;
import io.godfs.application.port.out.MetadataStore;
import io.godfs.domain.access.Caller;
import io.godfs.domain.access.Principal;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.NamespaceCommand;
import io.godfs.domain.file.NamespaceQuery;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The caller a master call carries from the socket into the metadata store: its source address and
 * the request id of its header, turned into one retry tag per mutation.
 */
class CallerOverSocketsTest {
  /** What the store saw of each command: who asked, and the tag it took, as Ratis takes it. */
  record Seen(Caller caller, Optional<Caller.RequestTag> tag) {}

  /** The fake store, noting each command's caller and tag. */
  static final class NotingStore implements MetadataStore {
    final FakeMetadataStore applied = new FakeMetadataStore();
    final List<Seen> seen = new CopyOnWriteArrayList<>();

    @Override
    public <R> Outcome<R> execute(NamespaceCommand<R> command, Caller caller) {
      seen.add(new Seen(caller, caller.nextMutation()));
      return applied.execute(command, caller);
    }

    @Override
    public <R> Outcome<R> query(NamespaceQuery<R> query) {
      return applied.query(query);
    }

    @Override
    public void close() {}
  }

  NotingStore store = new NotingStore();
  ChannelPool channels = new ChannelPool();
  GrpcServerHandle server;

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
                    m.namespace(), m.chunkWrites(), m.chunkReads(), m.registry(), m.leases())));
  }

  @AfterEach
  void stop() {
    channels.close();
    server.close();
  }

  private MasterServiceGrpc.MasterServiceBlockingStub stub(String requestId) {
    var stub = MasterServiceGrpc.newBlockingStub(channels.channel("127.0.0.1:" + server.port()));
    if (requestId == null) {
      return stub;
    }
    Metadata headers = new Metadata();
    headers.put(CallerInterceptor.REQUEST_ID, requestId);
    return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  private static MkdirRequest mkdir(String path) {
    return MkdirRequest.newBuilder().setPath(path).setParents(true).build();
  }

  @Test
  void theSdksRequestIdAndTheSocketsAddressReachTheStore() {
    var client =
        new GrpcMasterClient("127.0.0.1:" + server.port(), channels, Duration.ofSeconds(10));
    client.mkdir(DfsPath.of("/a"), false);
    client.mkdir(DfsPath.of("/b"), false);

    assertThat(store.seen).hasSize(2);
    Seen first = store.seen.get(0);
    Seen second = store.seen.get(1);
    assertThat(first.caller().principal()).isEqualTo(Principal.ANONYMOUS);
    assertThat(first.caller().source()).startsWith("127.0.0.1:");
    assertThat(first.caller().requestId()).isPresent();
    assertThat(second.caller().requestId()).isPresent().isNotEqualTo(first.caller().requestId());
    assertThat(first.tag()).contains(new Caller.RequestTag(first.caller().requestId().get(), 0));
  }

  @Test
  void aRetryWithTheSameRequestIdReproducesTheSameTags() {
    stub("client-9:1").mkdir(mkdir("/r"));
    stub("client-9:1").mkdir(mkdir("/r"));
    assertThat(store.seen)
        .extracting(Seen::tag)
        .containsExactly(
            Optional.of(new Caller.RequestTag("client-9:1", 0)),
            Optional.of(new Caller.RequestTag("client-9:1", 0)));
  }

  @Test
  void aCallWithoutARequestIdIsNotTagged() {
    stub(null).mkdir(mkdir("/plain"));
    assertThat(store.seen).singleElement().extracting(Seen::tag).isEqualTo(Optional.empty());
  }

  @Test
  void aBadRequestIdIsRefusedBeforeAnyUseCaseRuns() {
    assertThatThrownBy(() -> stub("r".repeat(65)).mkdir(mkdir("/never")))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(e.getStatus().getDescription())
                  .isEqualTo(
                      "request id : 65 characters (expected: at most 64) in header godfs-request-id");
            });
    assertThat(store.seen).isEmpty();
  }
}
