package io.godfs.adapters.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.api.v1.ClusterInfo;
import io.godfs.api.v1.GetClusterInfoRequest;
import io.godfs.api.v1.MasterServiceGrpc;
import io.godfs.application.fake.Following;
import io.godfs.application.port.out.Leadership;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A call to a master that went silent (its host vanished: no reset, no answer) moves to the leader
 * the other masters name, long before the call's deadline; a call to a slow master that still leads
 * is not cancelled. Real gRPC servers on sockets of 127.0.0.1.
 */
@Timeout(60)
class LeaderProbeOverSocketsTest {
  private static final Duration CALL_DEADLINE = Duration.ofSeconds(30);
  private final ChannelPool channels = new ChannelPool();
  private final List<GrpcServerHandle> servers = new ArrayList<>();
  private final List<StreamObserver<ClusterInfo>> neverAnswered = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void close() {
    later.shutdownNow();
    neverAnswered.forEach(o -> o.onError(Status.ABORTED.asRuntimeException()));
    channels.close();
    servers.forEach(GrpcServerHandle::close);
  }

  @Test
  void aCallToASilentMasterMovesToTheLeaderTheOthersName() {
    AtomicInteger silentCalls = new AtomicInteger();
    String silent =
        serve(
            new MasterServiceGrpc.MasterServiceImplBase() {
              @Override
              public void getClusterInfo(GetClusterInfoRequest r, StreamObserver<ClusterInfo> out) {
                silentCalls.incrementAndGet();
                neverAnswered.add(out);
              }
            });
    String leader = serve(answering(7));
    String follower = serveFollower(leader);
    MasterEndpoints masters = new MasterEndpoints(silent + "," + follower + "," + leader, channels);

    long started = System.nanoTime();
    ClusterInfo info = masters.call(this::clusterInfo);
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(info.getLiveNodes()).as("answered by the leader").isEqualTo(7);
    assertThat(masters.current()).isEqualTo(leader);
    assertThat(silentCalls.get()).isEqualTo(1);
    assertThat(took)
        .as("moved to the leader instead of waiting out the %s deadline", CALL_DEADLINE)
        .isLessThan(CALL_DEADLINE.dividedBy(3));
  }

  @Test
  void aSlowCallToTheMasterThatStillLeadsIsNotCancelled() {
    AtomicInteger leaderCalls = new AtomicInteger();
    Duration slowness = LeaderProbe.FIRST_LOOK.plus(LeaderProbe.PERIOD.multipliedBy(4));
    String leader =
        serve(
            new MasterServiceGrpc.MasterServiceImplBase() {
              @Override
              public void getClusterInfo(GetClusterInfoRequest r, StreamObserver<ClusterInfo> out) {
                leaderCalls.incrementAndGet();
                later.schedule(
                    () -> {
                      out.onNext(ClusterInfo.newBuilder().setLiveNodes(3).build());
                      out.onCompleted();
                    },
                    slowness.toMillis(),
                    TimeUnit.MILLISECONDS);
              }
            });
    String followerA = serveFollower(leader);
    String followerB = serveFollower(leader);
    MasterEndpoints masters =
        new MasterEndpoints(leader + "," + followerA + "," + followerB, channels);

    ClusterInfo info = masters.call(this::clusterInfo);

    assertThat(info.getLiveNodes()).isEqualTo(3);
    assertThat(leaderCalls.get())
        .as("the leader's slow call was waited for, not cancelled and repeated")
        .isEqualTo(1);
    assertThat(masters.current()).isEqualTo(leader);
  }

  private ClusterInfo clusterInfo(Channel channel) {
    return MasterServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
        .getClusterInfo(GetClusterInfoRequest.getDefaultInstance());
  }

  private static MasterServiceGrpc.MasterServiceImplBase answering(int liveNodes) {
    return new MasterServiceGrpc.MasterServiceImplBase() {
      @Override
      public void getClusterInfo(GetClusterInfoRequest r, StreamObserver<ClusterInfo> out) {
        out.onNext(ClusterInfo.newBuilder().setLiveNodes(liveNodes).build());
        out.onCompleted();
      }
    };
  }

  /** A master that follows {@code leader}: the real gate answers every call with its address. */
  private String serveFollower(String leader) {
    Leadership following = Following.leader(Optional.of(leader));
    GrpcServerHandle server =
        GrpcServerHandle.start(
            "127.0.0.1",
            0,
            List.of(answering(-1)),
            List.of(new LeaderGate(following, "follower", () -> true)));
    servers.add(server);
    return "127.0.0.1:" + server.port();
  }

  private String serve(MasterServiceGrpc.MasterServiceImplBase service) {
    GrpcServerHandle server = GrpcServerHandle.start("127.0.0.1", 0, List.of(service));
    servers.add(server);
    return "127.0.0.1:" + server.port();
  }
}
