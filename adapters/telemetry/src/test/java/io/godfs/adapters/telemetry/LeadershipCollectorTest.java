package io.godfs.adapters.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.fake.Following;
import io.godfs.application.port.out.Leadership;
import java.io.IOException;
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
}
