package io.godfs.application.master;

import java.time.Duration;
import java.util.Objects;

/**
 * Knobs of the master's self-healing (rate limits keep repair from starving clients). {@code
 * copiesPerRound}: replication orders issued per maintenance round; {@code copiesPerNode}: copies
 * in flight towards one chunkserver; {@code copyTimeout}: after this an unconfirmed copy is ordered
 * again. Safe mode: the master heals nothing and deletes nothing until at least {@code
 * safeModeMinNodes} chunkservers registered and {@code safeModeThreshold} of the chunks have a
 * reported replica, for {@code safeModeExtension} in a row. {@code orphanGrace}: how long a replica
 * no file references must stay unreferenced before it is deleted. {@code balanceThreshold}: the
 * balancer moves chunks while the fullest node's usage exceeds the emptiest's by more than this.
 */
public record HealingSettings(
    int copiesPerRound,
    int copiesPerNode,
    Duration copyTimeout,
    int safeModeMinNodes,
    double safeModeThreshold,
    Duration safeModeExtension,
    Duration orphanGrace,
    double balanceThreshold) {
  public static final HealingSettings DEFAULTS =
      new HealingSettings(
          16,
          2,
          Duration.ofMinutes(2),
          1,
          0.999,
          Duration.ofSeconds(5),
          Duration.ofMinutes(10),
          0.10);

  public HealingSettings {
    Objects.requireNonNull(copyTimeout, "copyTimeout");
    Objects.requireNonNull(safeModeExtension, "safeModeExtension");
    Objects.requireNonNull(orphanGrace, "orphanGrace");
    if (copiesPerRound < 1 || copiesPerNode < 1) {
      throw new IllegalArgumentException(
          "copiesPerRound "
              + copiesPerRound
              + ", copiesPerNode "
              + copiesPerNode
              + " (expected: >= 1)");
    }
    if (balanceThreshold <= 0 || balanceThreshold > 1) {
      throw new IllegalArgumentException(
          "balanceThreshold : " + balanceThreshold + " (expected: > 0 and <= 1)");
    }
    if (safeModeMinNodes < 0 || safeModeThreshold < 0 || safeModeThreshold > 1) {
      throw new IllegalArgumentException(
          "safe mode min nodes "
              + safeModeMinNodes
              + ", threshold "
              + safeModeThreshold
              + " (expected: >= 0, 0-1)");
    }
  }

  public HealingSettings withSafeMode(int minNodes, Duration extension) {
    return new HealingSettings(
        copiesPerRound,
        copiesPerNode,
        copyTimeout,
        minNodes,
        safeModeThreshold,
        extension,
        orphanGrace,
        balanceThreshold);
  }

  public HealingSettings withOrphanGrace(Duration grace) {
    return new HealingSettings(
        copiesPerRound,
        copiesPerNode,
        copyTimeout,
        safeModeMinNodes,
        safeModeThreshold,
        safeModeExtension,
        grace,
        balanceThreshold);
  }

  public HealingSettings withCopies(int perRound, int perNode) {
    return new HealingSettings(
        perRound,
        perNode,
        copyTimeout,
        safeModeMinNodes,
        safeModeThreshold,
        safeModeExtension,
        orphanGrace,
        balanceThreshold);
  }
}
