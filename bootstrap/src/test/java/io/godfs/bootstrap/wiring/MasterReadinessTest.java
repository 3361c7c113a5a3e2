package io.godfs.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.port.out.Leadership;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When a master tells an orchestrator it can take traffic, and why not when it cannot. */
class MasterReadinessTest {
  /** A follower (or leader) with a known leader address and a given apply backlog. */
  private static Leadership master(boolean leads, String leader, long toApply) {
    return new Leadership() {
      @Override
      public boolean isLeader() {
        return leads;
      }

      @Override
      public Optional<String> leaderAddress() {
        return Optional.ofNullable(leader);
      }

      @Override
      public long entriesToApply() {
        return toApply;
      }

      @Override
      public void onChange(Runnable listener) {}
    };
  }

  @Test
  void theLeaderIsReady() {
    assertThat(new MasterReadiness(master(true, null, 0)).notReadyBecause()).isEmpty();
  }

  @Test
  void aFollowerThatKnowsNoLeaderIsNotReady() {
    assertThat(new MasterReadiness(master(false, null, 0)).notReadyBecause())
        .hasValueSatisfying(why -> assertThat(why).contains("no leader known"));
  }

  @Test
  void aFollowerStillReplayingItsLogIsNotReadyAndSaysHowFarBehindItIs() {
    assertThat(new MasterReadiness(master(false, "m0:9090", 250_000)).notReadyBecause())
        .hasValueSatisfying(why -> assertThat(why).contains("catching up").contains("250000"));
  }

  @Test
  void aFollowerTrailingByAFewEntriesIsReady() {
    assertThat(new MasterReadiness(master(false, "m0:9090", 12)).notReadyBecause()).isEmpty();
    assertThat(
            new MasterReadiness(master(false, "m0:9090", MasterReadiness.CAUGHT_UP))
                .notReadyBecause())
        .isEmpty();
  }
}
