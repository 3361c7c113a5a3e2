package io.godfs.deployments.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.client.GodfsClient;
import io.godfs.domain.file.DfsPath;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every container of the cluster is stopped and removed, then made again on the same named volumes:
 * every file written before (through the SDK and through REST) comes back byte-identical.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class WholeClusterRestartIT {

  @Test
  void everyFileIsByteIdenticalAfterTheWholeClusterRestartsFromItsVolumes() throws Exception {
    try (ContainerCluster cluster = ContainerCluster.start("restart", 3, 4)) {
      GodfsClient client = cluster.client();
      client.mkdir(DfsPath.of("/restart"), false);
      WriteModel model = new WriteModel();
      // Files of 0 bytes to several 1 MiB chunks.
      int[] sizes = {0, 1, 4096, 1 << 20, (5 << 20) / 2, 3 << 20};
      for (int i = 0; i < sizes.length; i++) {
        assertThat(model.write(client, "/restart/sdk-" + i, sizes[i]))
            .as("write sdk-" + i)
            .isTrue();
      }
      GatewayClient gateway = cluster.gateway();
      byte[] restBody = WriteModel.contentFor("/restart/rest-0", 300_000);
      HttpResponse<String> put =
          gateway
              .http()
              .send(
                  gateway
                      .content("/restart/rest-0")
                      .PUT(HttpRequest.BodyPublishers.ofByteArray(restBody))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(put.statusCode()).as("REST PUT: %s", put.body()).isEqualTo(204);
      model.acknowledged("/restart/rest-0", restBody);
      String leaderBefore = cluster.awaitLeader(Duration.ofSeconds(30));

      cluster.recreateAll();

      GodfsClient after = cluster.client();
      model.verify(after, "/restart");
      model.verifyThroughGateway(cluster.gateway());
      // The group works after the restart: a new write is accepted and ids continue.
      assertThat(model.write(after, "/restart/after", 70_000)).isTrue();
      System.out.printf(
          "whole-cluster restart: leader before %s, after %s; %d files verified%n",
          leaderBefore, cluster.awaitLeader(Duration.ofSeconds(30)), model.acknowledgedCount() + 1);
    }
  }
}
