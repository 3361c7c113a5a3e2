package io.godfs.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.port.in.SeekableInput;
import io.godfs.bootstrap.wiring.ChunkserverNode;
import io.godfs.client.GodfsClient;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.node.NodeId;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chunkserver that stops heartbeating is declared dead after the configured timeout and avoided.
 */
class DeadChunkserverIT {
  static final long CHUNK = 1 << 20;
  @TempDir Path dir;

  @Test
  void aSilentChunkserverIsDeclaredDeadAndNewChunksAvoidIt() throws Exception {
    try (TestCluster cluster = new TestCluster(dir, 4, CHUNK, 3, Duration.ofSeconds(2))) {
      GodfsClient fs = cluster.client();
      ChunkserverNode victim = cluster.chunkservers().get(3);
      NodeId victimId = victim.location().id();
      victim.close();

      // Bounded wait on the real condition: the master stops counting the node as live.
      Waits.until(
          Duration.ofSeconds(20),
          "the master to declare " + victimId + " dead",
          () -> cluster.liveNodes() == 3);

      DfsPath path = DfsPath.of("/after-death.bin");
      long length = 6 * CHUNK + 17;
      try (OutputStream out = fs.create(path, false)) {
        Payload.write(out, 21, length, 1 << 20);
      }
      try (SeekableInput in = fs.open(path)) {
        assertThat(Payload.firstMismatch(in, 21, 0, length)).isEqualTo(-1);
      }
      for (ChunkserverNode node : cluster.chunkservers().subList(0, 3)) {
        assertThat(node.store().list()).as("every live node holds every new chunk").hasSize(7);
      }
    }
  }
}
