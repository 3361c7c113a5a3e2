package io.godfs.adapters.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.api.v1.ClusterInfo;
import io.godfs.api.v1.GetClusterInfoRequest;
import io.godfs.api.v1.MasterServiceGrpc;
import io.godfs.application.fake.Following;
import io.godfs.application.port.out.Leadership;
import io.godfs.application.port.out.RpcMeter;
import io.grpc.ManagedChannel;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every call a real gRPC server on a socket serves is recorded once it ends, with its status code,
 * messages and time; a call refused by an inner interceptor (a follower's gate) is recorded with
 * the refusal's code, since the meter runs outermost. The caller's side records the same calls, and
 * one to an address where nothing listens, with the codes the caller saw.
 */
@Timeout(60)
class RpcMeteringOverSocketsTest {
  private final RecordingMeter clientMeter = new RecordingMeter(RpcMeter.Side.CLIENT);
  private final ChannelPool channels =
      new ChannelPool(Optional.empty(), Optional.empty(), clientMeter);
  private final List<GrpcServerHandle> servers = new CopyOnWriteArrayList<>();
  private final RecordingMeter meter = new RecordingMeter(RpcMeter.Side.SERVER);

  @AfterEach
  void close() {
    channels.close();
    servers.forEach(GrpcServerHandle::close);
  }

  @Test
  void aCallThatSucceedsAndOneThatFailsAreRecordedWithTheirCodes() {
    AtomicInteger calls = new AtomicInteger();
    String address =
        serve(
            new MasterServiceGrpc.MasterServiceImplBase() {
              @Override
              public void getClusterInfo(GetClusterInfoRequest r, StreamObserver<ClusterInfo> out) {
                if (calls.incrementAndGet() == 2) {
                  out.onError(Status.RESOURCE_EXHAUSTED.asRuntimeException());
                  return;
                }
                out.onNext(ClusterInfo.newBuilder().setLiveNodes(3).build());
                out.onCompleted();
              }
            },
            List.of());

    assertThat(clusterInfo(address).getLiveNodes()).isEqualTo(3);
    assertThatThrownBy(() -> clusterInfo(address)).isInstanceOf(StatusRuntimeException.class);

    RecordingMeter.Method method = meter.the("godfs.api.v1.MasterService", "GetClusterInfo");
    assertThat(method.kind).isEqualTo("unary");
    assertThat(method.started.get()).isEqualTo(2);
    assertThat(method.received.get()).isEqualTo(2);
    assertThat(method.sent.get()).isEqualTo(1);
    assertThat(method.ended).containsExactly("OK", "RESOURCE_EXHAUSTED");
    assertThat(method.nanos).allSatisfy(n -> assertThat(n).isPositive());
  }

  @Test
  void theCallerCountsItsCallsWithTheCodesItSaw() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    String address =
        serve(
            new MasterServiceGrpc.MasterServiceImplBase() {
              @Override
              public void getClusterInfo(GetClusterInfoRequest r, StreamObserver<ClusterInfo> out) {
                if (calls.incrementAndGet() == 2) {
                  out.onError(Status.NOT_FOUND.asRuntimeException());
                  return;
                }
                out.onNext(ClusterInfo.getDefaultInstance());
                out.onCompleted();
              }
            },
            List.of());
    String nobody;
    try (ServerSocket closed = new ServerSocket(0)) {
      nobody = "127.0.0.1:" + closed.getLocalPort(); // nothing listens once it is closed
    }

    clusterInfo(address);
    assertThatThrownBy(() -> clusterInfo(address)).isInstanceOf(StatusRuntimeException.class);
    assertThatThrownBy(() -> clusterInfo(nobody)).isInstanceOf(StatusRuntimeException.class);

    RecordingMeter.Method method = clientMeter.the("godfs.api.v1.MasterService", "GetClusterInfo");
    assertThat(method.kind).isEqualTo("unary");
    assertThat(method.started.get()).isEqualTo(3);
    assertThat(method.sent.get()).isEqualTo(3);
    assertThat(method.received.get()).isEqualTo(1);
    assertThat(method.ended).containsExactly("OK", "NOT_FOUND", "UNAVAILABLE");
  }

  @Test
  void aCallAFollowerRefusesIsRecordedAsUnavailable() {
    Leadership follower = Following.leader(Optional.empty());
    String address =
        serve(
            new MasterServiceGrpc.MasterServiceImplBase() {},
            List.of(new LeaderGate(follower, "127.0.0.1:1", () -> true)));

    assertThatThrownBy(() -> clusterInfo(address)).isInstanceOf(StatusRuntimeException.class);

    RecordingMeter.Method method = meter.the("godfs.api.v1.MasterService", "GetClusterInfo");
    assertThat(method.ended).containsExactly("UNAVAILABLE");
    assertThat(method.sent.get()).isZero();
  }

  private ClusterInfo clusterInfo(String address) {
    ManagedChannel channel = channels.channel(address);
    return MasterServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .getClusterInfo(GetClusterInfoRequest.getDefaultInstance());
  }

  private String serve(
      MasterServiceGrpc.MasterServiceImplBase service, List<ServerInterceptor> interceptors) {
    GrpcServerHandle server =
        GrpcServerHandle.start(
            "127.0.0.1",
            0,
            List.of(service),
            interceptors,
            Set.of(),
            new CallerInterceptor(CallerInterceptor.NO_AUTHENTICATION),
            Optional.empty(),
            meter);
    servers.add(server);
    return "127.0.0.1:" + server.port();
  }

  /** Keeps what was recorded per method. */
  static final class RecordingMeter implements RpcMeter {
    private final Map<String, Method> methods = new ConcurrentHashMap<>();
    private final Side side;

    RecordingMeter(Side side) {
      this.side = side;
    }

    @Override
    public MethodMeter method(Side side, String service, String method, String kind) {
      assertThat(side).isEqualTo(this.side);
      return methods.computeIfAbsent(service + "/" + method, k -> new Method(kind));
    }

    Method the(String service, String method) {
      Method m = methods.get(service + "/" + method);
      assertThat(m).as("a meter for %s/%s", service, method).isNotNull();
      return m;
    }

    static final class Method implements MethodMeter {
      final String kind;
      final AtomicInteger started = new AtomicInteger();
      final AtomicInteger received = new AtomicInteger();
      final AtomicInteger sent = new AtomicInteger();
      final List<String> ended = new CopyOnWriteArrayList<>();
      final List<Long> nanos = new CopyOnWriteArrayList<>();

      Method(String kind) {
        this.kind = kind;
      }

      @Override
      public void started() {
        started.incrementAndGet();
      }

      @Override
      public void received() {
        received.incrementAndGet();
      }

      @Override
      public void sent() {
        sent.incrementAndGet();
      }

      @Override
      public void ended(String code, long nanos) {
        ended.add(code);
        this.nanos.add(nanos);
      }
    }
  }
}
