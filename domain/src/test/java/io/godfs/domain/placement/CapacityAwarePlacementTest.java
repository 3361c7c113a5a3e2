package io.godfs.domain.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.domain.node.NodeAddress;
import io.godfs.domain.node.NodeId;
import io.godfs.domain.node.NodeState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CapacityAwarePlacementTest {
  private static final Instant NOW = Instant.parse("2025-04-01T12:00:00Z");
  private static final Duration DEAD_AFTER = Duration.ofSeconds(30);
  private static final long GIB = 1L << 30;
  private static final long CHUNK = 64L << 20;

  private final CapacityAwarePlacement placement = new CapacityAwarePlacement();

  private static NodeState node(String id, long capacity, long used, Instant lastHeartbeat) {
    return new NodeState(
        new NodeId(id), new NodeAddress(id + ".cluster", 7000), capacity, used, lastHeartbeat);
  }

  private static NodeState live(String id, long free) {
    return node(id, free, 0, NOW);
  }

  /**
   * A random cluster; the test knows liveness by construction, not by asking the code under test.
   */
  private record Cluster(List<NodeState> nodes, Set<NodeId> dead, Set<NodeId> excluded) {}

  private static Cluster randomCluster(Random random) {
    int size = 1 + random.nextInt(12);
    List<NodeState> nodes = new ArrayList<>();
    Set<NodeId> dead = new HashSet<>();
    Set<NodeId> excluded = new HashSet<>();
    for (int i = 0; i < size; i++) {
      String id = "node-" + i;
      long capacity =
          random.nextInt(5) == 0 ? random.nextLong(2 * CHUNK) : random.nextLong(100 * GIB);
      long used =
          random.nextInt(6) == 0 ? capacity + random.nextLong(GIB) : random.nextLong(capacity + 1);
      boolean isDead = random.nextInt(4) == 0;
      Instant heartbeat =
          isDead
              ? NOW.minus(DEAD_AFTER).minusMillis(1 + random.nextInt(600_000))
              : NOW.minusMillis(random.nextLong(DEAD_AFTER.toMillis()));
      NodeState n = node(id, capacity, used, heartbeat);
      nodes.add(n);
      if (isDead) {
        dead.add(n.id());
      }
      if (random.nextInt(5) == 0) {
        excluded.add(n.id());
      }
    }
    if (random.nextInt(10) == 0) {
      excluded.add(new NodeId("not-in-cluster"));
    }
    return new Cluster(nodes, dead, excluded);
  }

  @Test
  void randomClustersGetValidPlacementsOrInsufficientExactlyWhenShort() {
    long seed = 4242L;
    Random random = new Random(seed);
    int placed = 0;
    int insufficient = 0;
    for (int c = 0; c < 2000; c++) {
      Cluster cluster = randomCluster(random);
      int replicas = 1 + random.nextInt(5);
      PlacementRequest request = new PlacementRequest(replicas, CHUNK, cluster.excluded());
      Map<NodeId, NodeState> byId = new HashMap<>();
      cluster.nodes().forEach(n -> byId.put(n.id(), n));
      long liveCount =
          cluster.nodes().stream().filter(n -> !cluster.dead().contains(n.id())).count();
      long eligibleCount =
          cluster.nodes().stream()
              .filter(n -> !cluster.dead().contains(n.id()) && !cluster.excluded().contains(n.id()))
              .filter(n -> n.capacityBytes() - n.usedBytes() >= CHUNK)
              .count();
      String ctx = "seed " + seed + " case " + c + " replicas " + replicas + " cluster " + cluster;

      PlacementDecision decision =
          placement.choose(
              request, cluster.nodes(), NOW, DEAD_AFTER, new Random(random.nextLong()));

      if (eligibleCount < replicas) {
        assertThat(decision)
            .as(ctx)
            .isEqualTo(
                new PlacementDecision.Insufficient(replicas, (int) eligibleCount, (int) liveCount));
        insufficient++;
        continue;
      }
      assertThat(decision).as(ctx).isInstanceOf(PlacementDecision.Placed.class);
      List<NodeId> chosen = ((PlacementDecision.Placed) decision).nodes();
      assertThat(chosen).as(ctx).hasSize(replicas).doesNotHaveDuplicates();
      for (NodeId id : chosen) {
        NodeState n = byId.get(id);
        assertThat(n).as(ctx + ": unknown node " + id).isNotNull();
        assertThat(cluster.dead()).as(ctx + ": chose dead " + id).doesNotContain(id);
        assertThat(cluster.excluded()).as(ctx + ": chose excluded " + id).doesNotContain(id);
        assertThat(n.freeBytes()).as(ctx + ": no room on " + id).isGreaterThanOrEqualTo(CHUNK);
      }
      long primaryFree = byId.get(chosen.get(0)).freeBytes();
      for (NodeId id : chosen) {
        assertThat(primaryFree)
            .as(ctx + ": primary has less room than " + id)
            .isGreaterThanOrEqualTo(byId.get(id).freeBytes());
      }
      placed++;
    }
    assertThat(placed).as("both outcomes exercised").isGreaterThan(200);
    assertThat(insufficient).as("both outcomes exercised").isGreaterThan(200);
  }

  @Test
  void sameSeedGivesTheSameChoiceWhateverTheInputOrder() {
    long seed = 99L;
    Random random = new Random(seed);
    for (int c = 0; c < 1000; c++) {
      Cluster cluster = randomCluster(random);
      PlacementRequest request =
          new PlacementRequest(1 + random.nextInt(4), CHUNK, cluster.excluded());
      long choiceSeed = random.nextLong();
      List<NodeState> shuffled = new ArrayList<>(cluster.nodes());
      Collections.shuffle(shuffled, random);
      List<NodeState> before = List.copyOf(shuffled);
      String ctx = "seed " + seed + " case " + c;

      PlacementDecision a =
          placement.choose(request, cluster.nodes(), NOW, DEAD_AFTER, new Random(choiceSeed));
      PlacementDecision b =
          placement.choose(request, shuffled, NOW, DEAD_AFTER, new Random(choiceSeed));

      assertThat(b).as(ctx).isEqualTo(a);
      assertThat(shuffled).as(ctx + ": input list modified").isEqualTo(before);
    }
  }

  @Test
  void emptierNodesAreChosenMoreOften() {
    List<NodeState> nodes =
        List.of(live("full", 2 * GIB), live("half", 20 * GIB), live("empty", 200 * GIB));
    Random random = new Random(7);
    Map<String, Integer> primaries = new HashMap<>();
    Map<String, Integer> anywhere = new HashMap<>();
    for (int i = 0; i < 3000; i++) {
      var one =
          (PlacementDecision.Placed)
              placement.choose(
                  new PlacementRequest(1, CHUNK, Set.of()), nodes, NOW, DEAD_AFTER, random);
      primaries.merge(one.nodes().get(0).value(), 1, Integer::sum);
      var two =
          (PlacementDecision.Placed)
              placement.choose(
                  new PlacementRequest(2, CHUNK, Set.of()), nodes, NOW, DEAD_AFTER, random);
      two.nodes().forEach(id -> anywhere.merge(id.value(), 1, Integer::sum));
    }
    assertThat(primaries.getOrDefault("empty", 0))
        .as("%s", primaries)
        .isGreaterThan(primaries.getOrDefault("half", 0));
    assertThat(primaries.getOrDefault("half", 0))
        .as("%s", primaries)
        .isGreaterThan(primaries.getOrDefault("full", 0));
    assertThat(primaries.getOrDefault("full", 0))
        .as("full nodes still get some chunks: %s", primaries)
        .isPositive();
    assertThat(anywhere.get("empty")).as("%s", anywhere).isGreaterThan(anywhere.get("half"));
    assertThat(anywhere.get("half")).as("%s", anywhere).isGreaterThan(anywhere.get("full"));
  }

  @Test
  void primaryIsTheChosenNodeWithMostFreeSpace() {
    List<NodeState> nodes = List.of(live("a", 10 * GIB), live("b", 30 * GIB), live("c", 20 * GIB));
    var decision =
        (PlacementDecision.Placed)
            placement.choose(
                new PlacementRequest(3, CHUNK, Set.of()), nodes, NOW, DEAD_AFTER, new Random(1));
    assertThat(decision.nodes()).extracting(NodeId::value).containsExactly("b", "c", "a");
  }

  @Test
  void deadExcludedAndFullNodesAreNeverChosen() {
    List<NodeState> nodes =
        List.of(
            node("dead", 100 * GIB, 0, NOW.minus(DEAD_AFTER).minusSeconds(1)),
            live("excluded", 100 * GIB),
            live("tight", CHUNK - 1),
            node("overfull", GIB, 2 * GIB, NOW),
            live("ok", CHUNK));
    PlacementRequest request = new PlacementRequest(1, CHUNK, Set.of(new NodeId("excluded")));
    for (int seed = 0; seed < 50; seed++) {
      assertThat(placement.choose(request, nodes, NOW, DEAD_AFTER, new Random(seed)))
          .isEqualTo(new PlacementDecision.Placed(List.of(new NodeId("ok"))));
    }
    PlacementDecision two =
        placement.choose(
            new PlacementRequest(2, CHUNK, request.excluded()),
            nodes,
            NOW,
            DEAD_AFTER,
            new Random(1));
    assertThat(two).isEqualTo(new PlacementDecision.Insufficient(2, 1, 4));
    assertThat(((PlacementDecision.Insufficient) two).message())
        .contains("cannot place 2 replicas")
        .contains("only 1 of 4 live");
  }

  @Test
  void emptyClusterIsInsufficient() {
    assertThat(
            placement.choose(
                new PlacementRequest(1, CHUNK, Set.of()),
                List.of(),
                NOW,
                DEAD_AFTER,
                new Random(1)))
        .isEqualTo(new PlacementDecision.Insufficient(1, 0, 0));
  }
}
