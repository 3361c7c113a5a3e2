package io.godfs.adapters.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.fake.Following;
import io.godfs.application.port.out.Leadership;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every master exports whether it leads, its term and its apply lag, read at each scrape. */
class LeadershipCollectorTest {
  @Test
  void aSoleMasterLeadsAndAFollowerDoesNot() throws IOException {
    NodeMetrics sole = NodeMetrics.of("v", "master", "master");
    sole.watchLeadership(Leadership.SOLE);
    assertThat(Scrape.text(sole))
        .contains("godfs_raft_is_leader 1.0")
        .contains("godfs_raft_term 0.0")
        .contains("godfs_raft_apply_lag_entries 0.0");

    NodeMetrics follower = NodeMetrics.of("v", "master", "m2");
    follower.watchLeadership(Following.leader(Optional.of("10.0.0.1:9090")));
    assertThat(Scrape.text(follower)).contains("godfs_raft_is_leader 0.0");
  }

  @Test
  void leaderChangesAreCountedAndTheCommitIndexRead() throws IOException {
    List<Runnable> listeners = new ArrayList<>();
    Leadership ratisLike =
        new Leadership() {
          @Override
          public boolean isLeader() {
            return true;
          }

          @Override
          public long term() {
            return 4;
          }

          @Override
          public long commitIndex() {
            return 812;
          }

          @Override
          public Optional<String> leaderAddress() {
            return Optional.empty();
          }

          @Override
          public void onChange(Runnable listener) {
            listeners.add(listener);
          }
        };
    NodeMetrics metrics = NodeMetrics.of("v", "master", "m0");
    metrics.watchLeadership(ratisLike);
    listeners.forEach(Runnable::run);
    listeners.forEach(Runnable::run);

    assertThat(Scrape.text(metrics))
        .contains("godfs_raft_term 4.0")
        .contains("godfs_raft_commit_index 812.0")
        .contains("# TYPE godfs_raft_leader_changes_total counter")
        .contains("godfs_raft_leader_changes_total 2.0");
  }
}
