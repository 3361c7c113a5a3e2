package io.godfs.domain.placement;

import io.godfs.domain.node.NodeHealth;
import io.godfs.domain.node.NodeId;
import io.godfs.domain.node.NodeState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Chooses distinct live nodes for a chunk's replicas, with probability proportional to free space
 * (HDFS's AvailableSpaceBlockPlacementPolicy idea): full nodes fill up slower, yet not every chunk
 * lands on the emptiest node. A dead node, an excluded node or a node without room for a whole
 * chunk is never chosen. Deterministic for a given random source.
 */
public final class CapacityAwarePlacement {

  public PlacementDecision choose(
      PlacementRequest request,
      List<NodeState> nodes,
      Instant now,
      Duration deadAfter,
      RandomGenerator random) {
    int live = 0;
    List<NodeState> eligible = new ArrayList<>();
    for (NodeState node : nodes) {
      if (node.health(now, deadAfter) != NodeHealth.LIVE) {
        continue;
      }
      live++;
      if (!request.excluded().contains(node.id()) && node.freeBytes() >= request.chunkSize()) {
        eligible.add(node);
      }
    }
    if (eligible.size() < request.replicas()) {
      return new PlacementDecision.Insufficient(request.replicas(), eligible.size(), live);
    }
    eligible.sort(Comparator.comparing(NodeState::id)); // input order must not change the outcome
    List<NodeState> chosen = new ArrayList<>(request.replicas());
    for (int i = 0; i < request.replicas(); i++) {
      chosen.add(eligible.remove(pickWeighted(eligible, random)));
    }
    chosen.sort(
        Comparator.comparingLong(NodeState::freeBytes).reversed().thenComparing(NodeState::id));
    List<NodeId> ids = chosen.stream().map(NodeState::id).toList();
    return new PlacementDecision.Placed(ids);
  }

  private static int pickWeighted(List<NodeState> candidates, RandomGenerator random) {
    double total = 0;
    for (NodeState n : candidates) {
      total += weight(n);
    }
    double r = random.nextDouble() * total;
    for (int i = 0; i < candidates.size(); i++) {
      r -= weight(candidates.get(i));
      if (r < 0) {
        return i;
      }
    }
    return candidates.size() - 1;
  }

  private static double weight(NodeState n) {
    return Math.max(1.0, (double) n.freeBytes());
  }
}
