package io.godfs.bootstrap.wiring;

import io.godfs.application.port.out.Leadership;
import java.util.Optional;

/**
 * A master is ready once it leads its group, or knows the leader it can name to callers and has
 * applied the log it was sent. A restarted master replays what came after its snapshot; until then
 * it could not take over as leader, so a rolling restart must not stop the next master yet.
 */
final class MasterReadiness implements Readiness {
  /**
   * Committed entries a follower may still have to apply and be ready: a busy follower trails by a
   * few.
   */
  static final long CAUGHT_UP = 1_000;

  private final Leadership leadership;

  MasterReadiness(Leadership leadership) {
    this.leadership = leadership;
  }

  @Override
  public Optional<String> notReadyBecause() {
    if (leadership.isLeader()) {
      return Optional.empty();
    }
    if (leadership.leaderAddress().isEmpty()) {
      return Optional.of("no leader known in the metadata group yet");
    }
    long behind = leadership.entriesToApply();
    return behind > CAUGHT_UP
        ? Optional.of("catching up: " + behind + " committed metadata log entries to apply")
        : Optional.empty();
  }
}
