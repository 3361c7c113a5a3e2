package io.godfs.deployments.cluster;

import io.godfs.adapters.grpc.GrpcAdminClient;
import io.godfs.client.GodfsClient;
import io.godfs.domain.file.DfsPath;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * During a stream of writes one chunkserver container is killed and another is paused (frozen, its
 * connections open but silent) until the master declares it dead. Writes go on, every acknowledged
 * file stays intact, and once the paused one is back the cluster is fully replicated again (fsck
 * healthy: every chunk on 3 live chunkservers).
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class ChunkserverFaultsIT {
  private static final int FILE = (3 << 20) / 2; // two chunks of 1 MiB

  @Test
  void filesStayIntactAndReplicationIsRestoredAfterAKillAndAPause() {
    try (ContainerCluster cluster = ContainerCluster.start("chunkfaults", 3, 4)) {
      GodfsClient client = cluster.client();
      GrpcAdminClient admin = cluster.admin();
      client.mkdir(DfsPath.of("/cf"), false);
      WriteModel model = new WriteModel();
      try (StreamWriter writer = new StreamWriter(client, model, "/cf", FILE)) {
        Deadline.await(
            Duration.ofSeconds(60), "5 files written", () -> model.acknowledgedCount() >= 5);
        cluster.kill("chunk-4");
        int afterKill = model.acknowledgedCount();
        Deadline.await(
            Duration.ofSeconds(90),
            "5 more files written after chunk-4 was killed",
            () -> model.acknowledgedCount() >= afterKill + 5);
        cluster.pause("chunk-3");
        // Paused past GODFS_NODE_DEAD_AFTER (5 s): the master sees it silent, then dead.
        Deadline.await(
            Duration.ofSeconds(60),
            "the master to declare chunk-3 dead",
            () ->
                admin.nodes().stream()
                    .anyMatch(
                        n ->
                            n.id().value().equals("chunk-3") && !n.health().name().equals("LIVE")));
        cluster.unpause("chunk-3");
        int afterPause = model.acknowledgedCount();
        Deadline.await(
            Duration.ofSeconds(120),
            "5 more files written after chunk-3 came back",
            () -> model.acknowledgedCount() >= afterPause + 5);
        System.out.printf(
            "chunkserver faults: %d files acknowledged, %d writes failed and were not acknowledged,"
                + " longest acknowledged write %d ms%n",
            model.acknowledgedCount(), writer.failures(), writer.longestWrite().toMillis());
      }
      Deadline.await(
          Duration.ofSeconds(180),
          "every chunk back to 3 live replicas (fsck healthy)",
          () -> admin.fsck(DfsPath.of("/cf")).orThrow().healthy());
      model.verify(client, "/cf");
    }
  }
}
