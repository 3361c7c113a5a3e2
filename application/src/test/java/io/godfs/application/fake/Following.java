package io.godfs.application.fake;

import io.godfs.application.port.out.Leadership;
import java.util.Optional;

/** A master that follows: not the leader, naming {@code leader} or none. */
public final class Following implements Leadership {
  private final Optional<String> leader;

  private Following(Optional<String> leader) {
    this.leader = leader;
  }

  /** Follows the leader at client address {@code leader}; empty: no leader known. */
  public static Leadership leader(Optional<String> leader) {
    return new Following(leader);
  }

  @Override
  public boolean isLeader() {
    return false;
  }

  @Override
  public Optional<String> leaderAddress() {
    return leader;
  }

  @Override
  public void onChange(Runnable listener) {
    // Never changes.
  }
}
