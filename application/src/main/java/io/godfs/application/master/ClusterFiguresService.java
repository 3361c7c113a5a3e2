package io.godfs.application.master;

import io.godfs.application.port.in.ClusterFigures;
import io.godfs.application.port.in.ClusterFiguresUseCase;
import io.godfs.application.port.out.Leadership;
import io.godfs.domain.node.NodeHealth;
import io.godfs.domain.node.NodeState;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The leader's figures from its soft state (ADR 0023): nodes from their heartbeats, the last
 * healing round's census, the copy and deletion queues. O(nodes) per call: no scan of the namespace
 * at scrape time, which the healing loop already does at its own pace.
 */
final class ClusterFiguresService implements ClusterFiguresUseCase {
  private final ClusterState cluster;
  private final HealingLoop healing;
  private final SafeMode safeMode;
  private final InstantSource clock;
  private final MasterSettings settings;
  private final Leadership leadership;

  ClusterFiguresService(
      ClusterState cluster,
      HealingLoop healing,
      SafeMode safeMode,
      InstantSource clock,
      MasterSettings settings,
      Leadership leadership) {
    this.cluster = cluster;
    this.healing = healing;
    this.safeMode = safeMode;
    this.clock = clock;
    this.settings = settings;
    this.leadership = leadership;
  }

  @Override
  public Optional<ClusterFigures> figures() {
    if (!leadership.isLeader()) {
      return Optional.empty(); // a follower's soft state is empty or stale
    }
    Instant now = clock.instant();
    List<ClusterFigures.NodeFigures> nodes = new ArrayList<>();
    for (NodeState n : cluster.nodes()) {
      nodes.add(
          new ClusterFigures.NodeFigures(
              n.id().value(),
              n.health(now, settings.deadAfter()) == NodeHealth.LIVE,
              cluster.adminState(n.id()),
              n.capacityBytes(),
              n.usedBytes()));
    }
    nodes.sort(Comparator.comparing(ClusterFigures.NodeFigures::id));
    return Optional.of(
        new ClusterFigures(
            nodes,
            safeMode.isOn(),
            healing.census(),
            cluster.copiesInFlight(),
            cluster.deletionBacklog()));
  }
}
