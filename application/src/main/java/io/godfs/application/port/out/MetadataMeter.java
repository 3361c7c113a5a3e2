package io.godfs.application.port.out;

/**
 * What a replicated metadata store records as it commits (ADR 0023): the {@code
 * godfs_raft_group_commit_batch_size} and {@code godfs_raft_commit_seconds} families. The store
 * measures (the clock is allowed in its adapter); a store in memory records nothing.
 */
public interface MetadataMeter {
  /** Records nothing: a master without metrics, or metadata in memory. */
  MetadataMeter NONE =
      new MetadataMeter() {
        @Override
        public void batchSent(int mutations) {
          // Nothing is kept.
        }

        @Override
        public void committed(long nanos) {
          // Nothing is kept.
        }
      };

  /** A group-commit batch of {@code mutations} went out as one log entry. */
  void batchSent(int mutations);

  /** A mutation was answered {@code nanos} after it was submitted (committed and applied). */
  void committed(long nanos);
}
