package io.godfs.adapters.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.application.fake.FakeMetadataStore;
import io.godfs.application.fake.Following;
import io.godfs.application.fake.MutableClock;
import io.godfs.application.master.MasterServices;
import io.godfs.application.master.MasterSettings;
import io.godfs.application.port.in.RepairEvent;
import io.godfs.application.port.out.AccessPolicy;
import io.godfs.application.port.out.Leadership;
import io.godfs.domain.access.AccessRules;
import io.godfs.domain.access.Caller;
import io.godfs.domain.access.Principal;
import io.godfs.domain.access.Role;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.heartbeat.NodeHeartbeat;
import io.godfs.domain.node.NodeAddress;
import io.godfs.domain.node.NodeId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ListRepairs} on a real socket (the console's repair log, {@code godfs admin repairs}): the
 * leader's log newest first through the proto, within the limit, refused without 'admin' as {@code
 * ListNodes} is, and a follower's gate sends the caller to the leader.
 */
class AdminRepairsOverSocketsTest {
  static final Caller ROOT =
      Caller.of(Principal.user("root", Set.of(), Set.of(Role.ADMIN)), "test");

  final List<GrpcServerHandle> servers = new ArrayList<>();
  final List<ChannelPool> pools = new ArrayList<>();
  final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T10:00:00Z"));
  MasterServices m;
  String leader;

  @BeforeEach
  void start() {
    m =
        MasterServices.create(
            new FakeMetadataStore(),
            clock,
            new MasterSettings(1 << 20, 3, Duration.ofSeconds(30), Duration.ofSeconds(2)),
            new Random(1),
            AccessPolicy.fixed(AccessRules.of(List.of())));
    for (int i = 1; i <= 3; i++) {
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

  private String serve(Leadership leadership) {
    GrpcServerHandle server =
        GrpcServerHandle.start(
            "127.0.0.1",
            0,
            List.of(new GrpcAdminService(m.admin())),
            List.of(new LeaderGate(leadership, "follower", () -> true)),
            Set.of(),
            new CallerInterceptor(AdminFiguresOverSocketsTest.KEYS));
    servers.add(server);
    return "127.0.0.1:" + server.port();
  }

  private GrpcAdminClient client(String addresses, String key) {
    ChannelPool pool = new ChannelPool(Optional.of(key));
    pools.add(pool);
    return new GrpcAdminClient(addresses, pool, Duration.ofSeconds(10));
  }

  /**
   * Healing rounds that act: cs-1 drained (it holds nothing, so it is decommissioned at once), then
   * cs-2 falls silent past the dead-after interval and is pruned.
   */
  private void heal() {
    m.admin().decommission(ROOT, new NodeId("cs-1")).orThrow();
    m.maintenance().runOnce();
    clock.advance(Duration.ofSeconds(31));
    for (String alive : List.of("cs-1", "cs-3")) {
      NodeId node = new NodeId(alive);
      m.registry()
          .heartbeat(
              Caller.of(new Principal.Chunkserver(node), "test"),
              new NodeHeartbeat(
                  node, 1L << 40, 1000, 0, List.of(), List.of(), List.of(), List.of(), 0, 0))
          .orThrow();
    }
    m.maintenance().runOnce();
  }

  @Test
  void anAdminGetsTheLeadersRepairsNewestFirst() {
    GrpcAdminClient root = client(leader, AdminFiguresOverSocketsTest.ROOT_KEY);
    assertThat(root.repairs(0)).as("nothing healed yet").isEmpty();

    heal();

    List<RepairEvent> logged = new ArrayList<>(m.maintenance().recentRepairs());
    assertThat(logged).hasSizeGreaterThanOrEqualTo(2);
    List<RepairEvent> newestFirst = logged.reversed();
    List<RepairEvent> events = root.repairs(0);
    assertThat(events).as("the default limit covers them all").isEqualTo(newestFirst);
    assertThat(events.getFirst())
        .isEqualTo(
            new RepairEvent(
                Instant.parse("2026-12-05T10:00:31Z"),
                RepairEvent.Kind.NODE_PRUNED,
                null,
                new NodeId("cs-2"),
                0));
    assertThat(events)
        .contains(
            new RepairEvent(
                Instant.parse("2026-12-05T10:00:00Z"),
                RepairEvent.Kind.DECOMMISSIONED,
                null,
                new NodeId("cs-1"),
                0));
    assertThat(root.repairs(1)).containsExactly(newestFirst.getFirst());
    assertThat(root.repairs(1000)).isEqualTo(newestFirst);
    assertThatThrownBy(() -> root.repairs(1001))
        .isInstanceOfSatisfying(
            DfsException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
              assertThat(e.getMessage()).contains("limit", "1000");
            });
  }

  @Test
  void aReaderIsRefusedNamingAdmin() {
    heal();
    GrpcAdminClient rita = client(leader, AdminFiguresOverSocketsTest.RITA_KEY);

    assertThatThrownBy(() -> rita.repairs(10))
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
    heal();
    String follower = serve(Following.leader(Optional.of(leader)));

    List<RepairEvent> events =
        client(follower + "," + leader, AdminFiguresOverSocketsTest.ROOT_KEY).repairs(100);

    assertThat(events).isEqualTo(m.maintenance().recentRepairs().reversed());
  }
}
