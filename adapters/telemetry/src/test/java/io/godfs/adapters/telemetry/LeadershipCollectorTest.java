package io.godfs.adapters.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.fake.Following;
import io.godfs.application.port.out.Leadership;
import io.godfs.application.port.out.RaftStatus;
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
        .contains("godfs_raft_apply_lag_entries 0.0")
        .contains("godfs_raft_cluster_voters 1.0")
        .contains("godfs_raft_cluster_servers 1.0")
        .contains("godfs_raft_log_bytes 0.0")
        .contains("godfs_raft_snapshot_index 0.0");

    NodeMetrics follower = NodeMetrics.of("v", "master", "m2");
    follower.watchLeadership(Following.leader(Optional.of("10.0.0.1:9090")));
    assertThat(Scrape.text(follower)).contains("godfs_raft_is_leader 0.0");
  }

  @Test
  void theRaftStatusIsReadAtEachScrape() throws IOException {
    RaftStatus[] status = {new RaftStatus(90, 88, 50, 4_096, 1 << 20, 3, 4)};
    Leadership ratisLike =
        new Leadership() {
          @Override
          public boolean isLeader() {
            return false;
          }

          @Override
          public RaftStatus status() {
            return status[0];
          }

          @Override
          public Optional<String> leaderAddress() {
            return Optional.empty();
          }

          @Override
          public void onChange(Runnable listener) {}
        };
    NodeMetrics metrics = NodeMetrics.of("v", "master", "m1");
    metrics.watchLeadership(ratisLike);

    assertThat(Scrape.text(metrics))
        .contains("# TYPE godfs_raft_applied_index gauge")
        .contains("godfs_raft_applied_index 88.0")
        .contains("godfs_raft_snapshot_index 50.0")
        .contains("godfs_raft_snapshot_bytes 4096.0")
        .contains("godfs_raft_log_bytes 1048576.0")
        .contains("godfs_raft_cluster_voters 3.0")
        .contains("godfs_raft_cluster_servers 4.0");

    status[0] = new RaftStatus(120, 120, 100, 5_000, 2 << 20, 3, 3);
    assertThat(Scrape.text(metrics))
        .contains("godfs_raft_applied_index 120.0")
        .contains("godfs_raft_snapshot_index 100.0")
        .contains("godfs_raft_cluster_servers 3.0");
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
