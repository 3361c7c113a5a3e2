package io.godfs.application.port.out;

import java.time.Duration;
import java.util.Optional;

/**
 * Whether this master leads the metadata group. Only the leader serves clients and chunkservers and
 * runs background duties; a follower names the leader so callers can follow it. A master with
 * unreplicated metadata is always the leader ({@link #SOLE}).
 */
public interface Leadership {
  Leadership SOLE =
      new Leadership() {
        @Override
        public boolean isLeader() {
          return true;
        }

        @Override
        public Optional<String> leaderAddress() {
          return Optional.empty();
        }

        @Override
        public void onChange(Runnable listener) {
          // Never changes.
        }
      };

  boolean isLeader();

  /**
   * Increases with every election this master has seen (a leader that leads again has a new term).
   */
  default long term() {
    return 0;
  }

  /** The leader's client address (host:port) when this master is a follower and knows it. */
  Optional<String> leaderAddress();

  /**
   * How many committed metadata log entries this master has not applied yet: a master restarted
   * from its log replays what came after its snapshot, and could not serve as leader before that.
   */
  default long entriesToApply() {
    return 0;
  }

  /**
   * The index of the last metadata log entry this master knows committed; 0 without a log (metadata
   * in memory).
   */
  default long commitIndex() {
    return 0;
  }

  /**
   * The metadata log and group as this master sees them (ADR 0023); without a log, one voter and
   * nothing stored.
   */
  default RaftStatus status() {
    return RaftStatus.sole(commitIndex());
  }

  /** Runs {@code listener} (on any thread) after each change of leader seen by this master. */
  void onChange(Runnable listener);

  /**
   * Before this master stops on purpose (a rolling restart): when it leads, makes a caught-up
   * follower the leader at once, so callers move there without waiting out an election timeout.
   * Returns whether another master leads now; false when there is none to hand over to, or it did
   * not take over within {@code timeout}.
   */
  default boolean handOver(Duration timeout) {
    return false;
  }
}
