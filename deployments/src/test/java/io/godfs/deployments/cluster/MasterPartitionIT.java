package io.godfs.deployments.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.client.GodfsClient;
import io.godfs.domain.file.DfsPath;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testcontainers.containers.Container.ExecResult;

/**
 * The leading master is cut off the network (docker network disconnect) during writes: the other
 * two elect a leader and keep serving; the isolated master refuses a write sent to it directly
 * (from inside its own container) with a clear error. Reconnected, it rejoins and catches up: with
 * the third master then stopped, writes still commit, which needs the rejoined master's
 * acknowledgement of the whole log.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class MasterPartitionIT {
  private static final int FILE = 100 * 1024;

  @Test
  void theMajorityServesTheIsolatedMasterRefusesWritesAndCatchesUpAfterReconnecting() {
    try (ContainerCluster cluster = ContainerCluster.start("partition", 3, 4)) {
      GodfsClient client = cluster.client();
      client.mkdir(DfsPath.of("/mp"), false);
      WriteModel model = new WriteModel();
      String isolated;
      String majorityLeader;
      try (StreamWriter writer = new StreamWriter(client, model, "/mp", FILE)) {
        Deadline.await(
            Duration.ofSeconds(60), "10 files written", () -> model.acknowledgedCount() >= 10);
        isolated = cluster.awaitLeader(Duration.ofSeconds(10));
        cluster.disconnect(isolated);
        int before = model.acknowledgedCount();
        Deadline.await(
            Duration.ofSeconds(90),
            "20 more files written while " + isolated + " is cut off",
            () -> model.acknowledgedCount() >= before + 20);
        majorityLeader = cluster.awaitLeader(Duration.ofSeconds(30));
        assertThat(majorityLeader).as("the majority's leader").isNotEqualTo(isolated);

        ExecResult refused =
            cluster.cli(isolated, "fs", "mkdir", "/mp-isolated", "-m", "127.0.0.1:9090");
        assertThat(refused.getExitCode())
            .as("a write sent to the isolated master: %s", refused.getStderr())
            .isNotZero();
        assertThat(refused.getStderr()).as("its error").containsIgnoringCase("leader");
        System.out.printf(
            "partition: %s isolated, %s leads the majority; isolated master answered: %s%n",
            isolated,
            majorityLeader,
            refused
                .getStderr()
                .lines()
                .filter(line -> !line.startsWith("Picked up JAVA_TOOL_OPTIONS"))
                .toList());
        assertThat(writer.failures())
            .as("writes that failed while the leader was cut off: %s", model.failures())
            .isZero();
      }
      assertThat(client.list(DfsPath.of("/"), null, 100).entries())
          .extracting(s -> s.path().value())
          .doesNotContain("/mp-isolated");

      cluster.reconnect(isolated);
      Deadline.await(
          Duration.ofSeconds(60),
          isolated + " ready after reconnecting",
          () -> cluster.ready(isolated));
      // With the third master stopped, a commit needs the rejoined one: it must hold the whole log.
      String third =
          List.of("master-1", "master-2", "master-3").stream()
              .filter(m -> !m.equals(isolated) && !m.equals(majorityLeader))
              .findFirst()
              .orElseThrow();
      cluster.kill(third);
      Deadline.await(
          Duration.ofSeconds(60),
          "a write committed by " + majorityLeader + " and " + isolated,
          () -> model.write(client, "/mp/after-rejoin", FILE));
      cluster.restart(third);
      Deadline.await(Duration.ofSeconds(60), third + " ready again", () -> cluster.ready(third));
      model.verify(client, "/mp");
    }
  }
}
