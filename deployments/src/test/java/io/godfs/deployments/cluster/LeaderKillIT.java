package io.godfs.deployments.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.client.GodfsClient;
import io.godfs.domain.file.DfsPath;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The leading master's container is killed (SIGKILL) during a stream of writes: another master
 * takes over, the writes go on without an error reaching the client, and every acknowledged file is
 * intact, through the SDK and through the REST gateway. The killed master comes back as a follower.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class LeaderKillIT {
  private static final int FILE = 200 * 1024;

  @Test
  void writesContinueAfterTheLeaderContainerIsKilledAndNothingAcknowledgedIsLost() {
    try (ContainerCluster cluster = ContainerCluster.start("leaderkill", 3, 4)) {
      GodfsClient client = cluster.client();
      client.mkdir(DfsPath.of("/lk"), false);
      WriteModel model = new WriteModel();
      String killed;
      try (StreamWriter writer = new StreamWriter(client, model, "/lk", FILE)) {
        Deadline.await(
            Duration.ofSeconds(60), "10 files written", () -> model.acknowledgedCount() >= 10);
        killed = cluster.awaitLeader(Duration.ofSeconds(10));
        cluster.kill(killed);
        int before = model.acknowledgedCount();
        Deadline.await(
            Duration.ofSeconds(90),
            "20 more files written after " + killed + " was killed",
            () -> model.acknowledgedCount() >= before + 20);
        assertThat(writer.failures())
            .as("writes that failed during the failover: %s", model.failures())
            .isZero();
        System.out.printf(
            "leader kill: %s killed; longest acknowledged write %d ms (failover stall)%n",
            killed, writer.longestWrite().toMillis());
      }
      String leader = cluster.awaitLeader(Duration.ofSeconds(30));
      assertThat(leader).isNotEqualTo(killed);
      model.verify(client, "/lk");
      model.verifyThroughGateway(cluster.gateway());

      // The killed master restarts from its volume and rejoins: ready means it knows the group's
      // leader.
      cluster.restart(killed);
      Deadline.await(Duration.ofSeconds(60), killed + " ready again", () -> cluster.ready(killed));
      assertThat(cluster.awaitLeader(Duration.ofSeconds(30))).isNotNull();
      assertThat(model.write(client, "/lk/after-rejoin", FILE))
          .as("a write after the rejoin: %s", model.failures())
          .isTrue();
      model.verify(client, "/lk");
    }
  }
}
