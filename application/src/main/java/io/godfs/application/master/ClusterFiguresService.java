package io.godfs.application.master;

import io.godfs.application.port.in.ClusterFigures;
import io.godfs.application.port.in.ClusterFiguresUseCase;
import io.godfs.application.port.out.Leadership;
import io.godfs.application.port.out.MetadataStore;
import io.godfs.domain.file.NamespaceFigures;
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
  private final MetadataStore store;

  ClusterFiguresService(
      MetadataStore store,
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
    this.store = store;
  }

  @Override
  public Optional<NamespaceFigures> namespace() {
    if (!leadership.isLeader()) {
      return Optional.empty(); // one series per cluster: the leader's
    }
    return Optional.of(store.namespaceFigures());
  }

  @Override
  public Optional<ClusterFigures> figures() {
    if (!leadership.isLeader()) {
      return Optional.empty(); // a follower's soft state is empty or stale
    }
    Instant now = clock.instant();
    List<ClusterFigures.NodeFigures> nodes = new ArrayList<>();
    long readBytes = 0;
    long writtenBytes = 0;
    for (NodeState n : cluster.nodes()) {
      boolean live = n.health(now, settings.deadAfter()) == NodeHealth.LIVE;
      if (live) {
        long[] io = cluster.io(n.id());
        readBytes += io[0];
        writtenBytes += io[1];
      }
      nodes.add(
          new ClusterFigures.NodeFigures(
              n.id().value(), live, cluster.adminState(n.id()), n.capacityBytes(), n.usedBytes()));
    }
    nodes.sort(Comparator.comparing(ClusterFigures.NodeFigures::id));
    return Optional.of(
        new ClusterFigures(
            nodes,
            safeMode.isOn(),
            healing.census(),
            cluster.copiesInFlight(),
            cluster.deletionBacklog(),
            readBytes,
            writtenBytes));
  }
}
