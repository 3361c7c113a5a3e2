package io.godfs.application.master;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.fake.Callers;
import io.godfs.application.fake.FakeMetadataStore;
import io.godfs.application.fake.Following;
import io.godfs.application.fake.MutableClock;
import io.godfs.application.port.in.ClusterFigures;
import io.godfs.application.port.out.Leadership;
import io.godfs.application.port.out.MetadataStore;
import io.godfs.domain.access.Caller;
import io.godfs.domain.chunk.ChunkWriteTarget;
import io.godfs.domain.error.DfsError;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.ChunkAllocationRequest;
import io.godfs.domain.file.ChunkCommitRequest;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.NamespaceCommand;
import io.godfs.domain.file.NamespaceQuery;
import io.godfs.domain.file.NewFile;
import io.godfs.domain.heartbeat.NodeHeartbeat;
import io.godfs.domain.node.AdminState;
import io.godfs.domain.node.NodeAddress;
import io.godfs.domain.node.NodeId;
import io.godfs.domain.node.NodeLocation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The leader's figures (ADR 0023): nodes from heartbeats, and the census of the last healing round,
 * which counts a chunk under-replicated while a good copy is left and missing once none is.
 */
class ClusterFiguresTest {
  final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  final MasterServices master =
      MasterServices.create(
          new FakeMetadataStore(),
          clock,
          new MasterSettings(1 << 20, 3, Duration.ofSeconds(30), Duration.ofSeconds(2)),
          new Random(1));

  private void register(int i) {
    master
        .registry()
        .register(
            Callers.ANONYMOUS,
            new NodeId("cs-" + i),
            new NodeAddress("127.0.0.1", 8000 + i),
            1L << 40,
            1_000 * i,
            List.of());
  }

  private void beat(NodeId node) {
    master.registry().heartbeat(Callers.ANONYMOUS, node, 1L << 40, 0, 1, List.of());
  }

  /** Rounds (a few seconds apart) until the leader is out of safe mode. */
  private void leaveSafeMode(Set<NodeId> alive) {
    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofSeconds(3));
      alive.forEach(this::beat);
      master.maintenance().runOnce();
    }
    assertThat(master.admin().safeMode(Callers.ANONYMOUS).orThrow().on()).isFalse();
  }

  private List<NodeId> chunkOnThreeNodes() {
    FileStatus f =
        master
            .namespace()
            .create(Callers.ANONYMOUS, NewFile.withClusterDefaults(DfsPath.of("/f"), false))
            .orThrow();
    ChunkWriteTarget t =
        master
            .chunkWrites()
            .allocate(Callers.ANONYMOUS, new ChunkAllocationRequest(f.path(), f.fileId(), 0))
            .orThrow();
    List<NodeId> holders = t.pipeline().stream().map(NodeLocation::id).toList();
    master
        .chunkWrites()
        .commit(
            Callers.ANONYMOUS,
            new ChunkCommitRequest(f.path(), f.fileId(), 0, t.chunkId(), t.version(), 500, holders))
        .orThrow();
    return holders;
  }

  private ClusterFigures figures() {
    return master.figures(Leadership.SOLE).figures().orElseThrow();
  }

  @Test
  void theNodesAreListedWithTheirHealthStateAndSpace() {
    for (int i = 1; i <= 3; i++) {
      register(i);
    }
    ClusterFigures figures = figures();

    assertThat(figures.nodes())
        .containsExactly(
            new ClusterFigures.NodeFigures("cs-1", true, AdminState.IN_SERVICE, 1L << 40, 1_000),
            new ClusterFigures.NodeFigures("cs-2", true, AdminState.IN_SERVICE, 1L << 40, 2_000),
            new ClusterFigures.NodeFigures("cs-3", true, AdminState.IN_SERVICE, 1L << 40, 3_000));
    assertThat(figures.safeMode())
        .as("what godfs admin safemode get says")
        .isEqualTo(master.admin().safeMode(Callers.ANONYMOUS).orThrow().on());
    assertThat(figures.census()).isEqualTo(ClusterFigures.Census.NONE);
  }

  @Test
  void theCensusCountsAChunkUnderReplicatedThenMissingAsItsNodesDie() {
    for (int i = 1; i <= 3; i++) {
      register(i);
    }
    List<NodeId> holders = chunkOnThreeNodes();
    leaveSafeMode(Set.copyOf(holders));
    assertThat(figures().census())
        .satisfies(c -> assertThat(c.chunks()).isEqualTo(1))
        .satisfies(c -> assertThat(c.underReplicated()).isZero())
        .satisfies(c -> assertThat(c.missing()).isZero())
        .satisfies(c -> assertThat(c.at()).isEqualTo(clock.instant()));

    NodeId survivor = holders.getFirst();
    for (int i = 0; i < 12; i++) { // 36 s: the other two go silent past the 30 s dead-after
      clock.advance(Duration.ofSeconds(3));
      beat(survivor);
      master.maintenance().runOnce();
    }
    ClusterFigures oneLeft = figures();
    assertThat(oneLeft.nodes().stream().filter(n -> !n.live()).map(n -> n.id()))
        .containsExactlyInAnyOrderElementsOf(
            holders.stream()
                .filter(n -> !n.equals(survivor))
                .map(NodeId::value)
                .collect(Collectors.toSet()));
    assertThat(oneLeft.census().underReplicated()).isEqualTo(1);
    assertThat(oneLeft.census().missing()).isZero();

    for (int i = 0; i < 12; i++) { // and now the last holder too
      clock.advance(Duration.ofSeconds(3));
      master.maintenance().runOnce();
    }
    assertThat(figures().census().missing()).isEqualTo(1);
    assertThat(figures().census().underReplicated()).isZero();
  }

  @Test
  void theClusterThroughputSumsTheLiveNodesLatestHeartbeats() {
    for (int i = 1; i <= 3; i++) {
      register(i);
    }
    assertThat(figures().readBytes()).isZero();
    for (int i = 1; i <= 3; i++) {
      ioBeat(new NodeId("cs-" + i), 100L * i, 1_000L * i);
    }
    assertThat(figures().readBytes()).isEqualTo(600);
    assertThat(figures().writtenBytes()).isEqualTo(6_000);

    ioBeat(new NodeId("cs-1"), 150, 1_500); // cumulative: the latest replaces the one before
    assertThat(figures().readBytes()).isEqualTo(650);
    assertThat(figures().writtenBytes()).isEqualTo(6_500);

    clock.advance(Duration.ofSeconds(20));
    ioBeat(new NodeId("cs-2"), 200, 2_000);
    ioBeat(new NodeId("cs-3"), 300, 3_000);
    clock.advance(Duration.ofSeconds(20)); // cs-1 is dead now: its bytes leave the totals
    assertThat(figures().readBytes()).isEqualTo(500);
    assertThat(figures().writtenBytes()).isEqualTo(5_000);
  }

  private void ioBeat(NodeId node, long read, long written) {
    master
        .registry()
        .heartbeat(
            Callers.ANONYMOUS,
            new NodeHeartbeat(
                node, 1L << 40, 0, 1, List.of(), List.of(), List.of(), List.of(), read, written))
        .orThrow();
  }

  @Test
  void aFollowerHasNoFigures() {
    register(1);
    Leadership following = Following.leader(Optional.of("10.0.0.1:9090"));
    assertThat(master.figures(following).figures()).isEmpty();
  }

  @Test
  void theOperatorAsksForTheSameFiguresAsTheMetrics() {
    for (int i = 1; i <= 3; i++) {
      register(i);
    }
    leaveSafeMode(Set.of(new NodeId("cs-1"), new NodeId("cs-2"), new NodeId("cs-3")));

    assertThat(master.admin().clusterFigures(Callers.ANONYMOUS).orThrow()).isEqualTo(figures());
  }

  @Test
  void aMasterThatLostTheLeadMidCallSendsTheOperatorToTheLeader() {
    FakeMetadataStore applied = new FakeMetadataStore();
    MetadataStore following =
        new MetadataStore() {
          @Override
          public <R> Outcome<R> execute(NamespaceCommand<R> command, Caller caller) {
            return applied.execute(command, caller);
          }

          @Override
          public <R> Outcome<R> query(NamespaceQuery<R> query) {
            return applied.query(query);
          }

          @Override
          public Leadership leadership() {
            return Following.leader(Optional.of("10.0.0.1:9090"));
          }

          @Override
          public void close() {}
        };
    MasterServices follower =
        MasterServices.create(
            following,
            clock,
            new MasterSettings(1 << 20, 3, Duration.ofSeconds(30), Duration.ofSeconds(2)),
            new Random(1));

    Outcome<ClusterFigures> refused = follower.admin().clusterFigures(Callers.ANONYMOUS);

    assertThat(refused).isInstanceOf(Outcome.Rejected.class);
    DfsError error = ((Outcome.Rejected<ClusterFigures>) refused).error();
    assertThat(error.code()).isEqualTo(ErrorCode.NOT_LEADER);
    assertThat(error.message()).endsWith("the leader is 10.0.0.1:9090");
  }
}
