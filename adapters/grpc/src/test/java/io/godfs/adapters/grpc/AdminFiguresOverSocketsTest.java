package io.godfs.adapters.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.api.v1.GetClusterFiguresRequest;
import io.godfs.api.v1.MasterAdminGrpc;
import io.godfs.application.fake.FakeMetadataStore;
import io.godfs.application.fake.Following;
import io.godfs.application.master.MasterServices;
import io.godfs.application.master.MasterSettings;
import io.godfs.application.port.in.AuthenticationUseCase;
import io.godfs.application.port.in.ClusterFigures;
import io.godfs.application.port.out.AccessPolicy;
import io.godfs.application.port.out.Leadership;
import io.godfs.domain.access.AccessRules;
import io.godfs.domain.access.Caller;
import io.godfs.domain.access.Principal;
import io.godfs.domain.access.Role;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.heartbeat.NodeHeartbeat;
import io.godfs.domain.node.AdminState;
import io.godfs.domain.node.NodeAddress;
import io.godfs.domain.node.NodeId;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GetClusterFigures} on a real socket ({@code godfs admin top}): the leader's figures both
 * ways through the proto, refused without 'admin' as {@code ListNodes} is, and a follower's gate
 * sends the caller to the leader.
 */
class AdminFiguresOverSocketsTest {
  static final String ROOT_KEY = "root-key";
  static final String RITA_KEY = "rita-key";

  /** Two API keys: an administrator and a reader. */
  static final AuthenticationUseCase KEYS =
      new AuthenticationUseCase() {
        @Override
        public Outcome<Principal> authenticate(Optional<String> bearer) {
          return switch (bearer.orElse("")) {
            case ROOT_KEY -> Outcome.ok(Principal.user("root", Set.of(), Set.of(Role.ADMIN)));
            case RITA_KEY -> Outcome.ok(Principal.user("rita", Set.of(), Set.of(Role.READ)));
            default -> Outcome.rejected(ErrorCode.UNAUTHENTICATED, "unknown key");
          };
        }

        @Override
        public boolean enforced() {
          return true;
        }
      };

  final List<GrpcServerHandle> servers = new ArrayList<>();
  final List<ChannelPool> pools = new ArrayList<>();
  MasterServices m;
  String leader;

  @BeforeEach
  void start() {
    m =
        MasterServices.create(
            new FakeMetadataStore(),
            Clock.systemUTC(),
            new MasterSettings(1 << 20, 3, Duration.ofSeconds(30), Duration.ofSeconds(2)),
            new Random(1),
            AccessPolicy.fixed(AccessRules.of(List.of())));
    for (int i = 1; i <= 2; i++) {
      NodeId node = new NodeId("cs-" + i);
      m.registry()
          .register(
              Caller.of(new Principal.Chunkserver(node), "test"),
              node,
              new NodeAddress("127.0.0.1", 9000 + i),
              1L << 40,
              1000L * i,
              List.of())
          .orThrow();
    }
    leader = serve(Leadership.SOLE);
  }

  @AfterEach
  void stop() {
    pools.forEach(ChannelPool::close);
    servers.forEach(GrpcServerHandle::close);
  }

  /** The admin service of {@link #m} behind the real gate and authentication, led as given. */
  private String serve(Leadership leadership) {
    GrpcServerHandle server =
        GrpcServerHandle.start(
            "127.0.0.1",
            0,
            List.of(new GrpcAdminService(m.admin())),
            List.of(new LeaderGate(leadership, "follower", () -> true)),
            Set.of(),
            new CallerInterceptor(KEYS));
    servers.add(server);
    return "127.0.0.1:" + server.port();
  }

  private GrpcAdminClient client(String addresses, String key) {
    ChannelPool pool = new ChannelPool(Optional.of(key));
    pools.add(pool);
    return new GrpcAdminClient(addresses, pool, Duration.ofSeconds(10));
  }

  @Test
  void theLeadersFiguresArriveAsItHasThem() {
    m.admin()
        .setSafeMode(Caller.of(Principal.user("root", Set.of(), Set.of(Role.ADMIN)), "test"), true)
        .orThrow();
    NodeId node = new NodeId("cs-1");
    m.registry()
        .heartbeat(
            Caller.of(new Principal.Chunkserver(node), "test"),
            new NodeHeartbeat(
                node, 1L << 40, 1000, 0, List.of(), List.of(), List.of(), List.of(), 5000, 7000))
        .orThrow();

    ClusterFigures figures = client(leader, ROOT_KEY).clusterFigures();

    assertThat(figures).isEqualTo(m.figures(Leadership.SOLE).figures().orElseThrow());
    assertThat(figures.readBytes()).as("the heartbeats' byte counts").isEqualTo(5000);
    assertThat(figures.writtenBytes()).isEqualTo(7000);
    assertThat(figures.nodes())
        .containsExactly(
            new ClusterFigures.NodeFigures("cs-1", true, AdminState.IN_SERVICE, 1L << 40, 1000),
            new ClusterFigures.NodeFigures("cs-2", true, AdminState.IN_SERVICE, 1L << 40, 2000));
    assertThat(figures.safeMode()).isTrue();
    assertThat(figures.census()).isEqualTo(ClusterFigures.Census.NONE);
  }

  @Test
  void aCallerWithoutAdminIsRefusedAsForTheNodeListNamingThePermission() {
    GrpcAdminClient rita = client(leader, RITA_KEY);

    assertThatThrownBy(rita::nodes)
        .isInstanceOfSatisfying(
            DfsException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
              assertThat(e.getMessage()).contains("rita lacks 'admin'");
            });
    assertThatThrownBy(rita::clusterFigures)
        .isInstanceOfSatisfying(
            DfsException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
              assertThat(e.getMessage())
                  .isEqualTo("permission denied: rita lacks 'admin' (holds there: read)");
            });
  }

  @Test
  void aFollowerSendsTheCallerToTheLeader() {
    String follower = serve(Following.leader(Optional.of(leader)));

    ClusterFigures figures = client(follower + "," + leader, ROOT_KEY).clusterFigures();

    assertThat(figures.nodes()).hasSize(2);
    ChannelPool raw = new ChannelPool(Optional.of(ROOT_KEY));
    pools.add(raw);
    assertThatThrownBy(
            () ->
                MasterAdminGrpc.newBlockingStub(raw.channel(follower))
                    .getClusterFigures(GetClusterFiguresRequest.getDefaultInstance()))
        .as("the follower answers nothing itself and names the leader")
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
              assertThat(e.getTrailers().get(StatusMapper.ERROR_CODE)).isEqualTo("NOT_LEADER");
              assertThat(e.getTrailers().get(LeaderGate.LEADER)).isEqualTo(leader);
            });
  }
}
