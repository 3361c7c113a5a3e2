package io.godfs.application.port.out;

/**
 * What the leader's healing loop orders and what its copies bring (ADR 0023): {@code
 * godfs_maint_rebalance_actions_total{type}} and {@code godfs_heal_copied_bytes_total}. Pushed as
 * they happen, so the counts keep growing across terms on the master that counts them.
 */
public interface HealingMeter {
  /** Records nothing: a master without metrics (tests). */
  HealingMeter NONE =
      new HealingMeter() {
        @Override
        public void ordered(Action action) {
          // Nothing is kept.
        }

        @Override
        public void copied(long bytes) {
          // Nothing is kept.
        }
      };

  /** What the healing loop ordered. */
  enum Action {
    /** A copy of a chunk short of good replicas (a dead node, a corrupt or retiring replica). */
    REPLICATE,
    /**
     * A copy that evens out the nodes' disk usage; the trim then deletes the fuller node's copy.
     */
    MOVE,
    /** A deletion of a replica beyond the chunk's replication. */
    TRIM,
    /** A deletion of a replica of an older version, or shorter than committed. */
    DELETE_STALE,
    /** A deletion of a replica marked corrupt, once the chunk has its good copies without it. */
    DELETE_CORRUPT,
    /** A deletion of a replica no file references, after the grace period. */
    DELETE_ORPHAN,
    /** A decommissioning node whose every chunk has its copies elsewhere. */
    DECOMMISSION
  }

  void ordered(Action action);

  /** A copy the loop ordered arrived on its target with {@code bytes}. */
  void copied(long bytes);
}
