package io.godfs.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.application.client.ClientSettings;
import io.godfs.application.port.in.DfsOutput;
import io.godfs.application.port.in.SeekableInput;
import io.godfs.bootstrap.wiring.ChunkserverNode;
import io.godfs.client.GodfsClient;
import io.godfs.domain.file.DfsPath;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chunkserver dies in the middle of a write: the client rebuilds the pipeline without it and the
 * write completes byte-identical; with a minimum of replicas the survivors cannot meet, the write
 * fails with a clear error and what was acknowledged before stays readable.
 */
class WriteFailureRecoveryIT {
  static final int CHUNK = 1 << 20;
  @TempDir Path dir;

  @Test
  void killingAReplicaMidWriteDoesNotFailTheWrite() throws Exception {
    try (TestCluster cluster = new TestCluster(dir, 4, CHUNK, 3)) {
      GodfsClient fs = cluster.client();
      DfsPath path = DfsPath.of("/survives.bin");
      long length = 24L * CHUNK + 12_345;
      long killAt = 9L * CHUNK + CHUNK / 2; // in the middle of a chunk
      try (OutputStream out = fs.create(path, false)) {
        writeRange(out, 7, 0, killAt);
        victimHoldingData(cluster).close(); // its streams break mid-chunk
        writeRange(out, 7, killAt, length);
      }
      try (SeekableInput in = fs.open(path)) {
        assertThat(Payload.firstMismatch(in, 7, 0, length)).isEqualTo(-1);
      }
    }
  }

  @Test
  void withOnlyTheReplicationFactorOfNodesTheWriteGoesOnWithTheSurvivors() throws Exception {
    try (TestCluster cluster = new TestCluster(dir, 3, CHUNK, 3)) {
      GodfsClient fs = cluster.client();
      DfsPath path = DfsPath.of("/two-left.bin");
      long length = 6L * CHUNK + 1;
      try (DfsOutput out = fs.create(path, false)) {
        writeRange(out, 8, 0, 2L * CHUNK + 100);
        out.sync();
        writeRange(out, 8, 2L * CHUNK + 100, 3L * CHUNK + 7);
        cluster.chunkservers().get(1).close();
        writeRange(out, 8, 3L * CHUNK + 7, length);
      }
      try (SeekableInput in = fs.open(path)) {
        assertThat(Payload.firstMismatch(in, 8, 0, length)).isEqualTo(-1);
      }
    }
  }

  @Test
  void aWriteThatCannotKeepTheMinimumOfReplicasFailsAndKeepsWhatWasSynced() throws Exception {
    try (TestCluster cluster = new TestCluster(dir, 3, CHUNK, 3)) {
      GodfsClient strict = cluster.client(ClientSettings.DEFAULTS.withMinWriteReplicas(3));
      DfsPath path = DfsPath.of("/strict.bin");
      long synced = CHUNK + 500;
      DfsOutput out = strict.create(path, false);
      writeRange(out, 9, 0, synced);
      out.sync();
      writeRange(out, 9, synced, synced + 1000);
      cluster.chunkservers().get(2).close();
      assertThatThrownBy(
              () -> {
                writeRange(out, 9, synced + 1000, 4L * CHUNK);
                out.close();
              })
          .isInstanceOf(IOException.class)
          .hasMessageContaining("fewer than the minimum of 3");

      GodfsClient reader = cluster.client();
      assertThat(reader.stat(path).length()).isEqualTo(synced);
      try (SeekableInput in = reader.open(path)) {
        assertThat(Payload.firstMismatch(in, 9, 0, synced)).isEqualTo(-1);
      }
    }
  }

  /**
   * A chunkserver that already stores part of the file, so it is in the pipelines being written.
   */
  private static ChunkserverNode victimHoldingData(TestCluster cluster) {
    return cluster.chunkservers().stream()
        .filter(n -> !n.store().list().isEmpty())
        .findFirst()
        .orElseThrow();
  }

  /** Writes payload bytes {@code [from, to)} of {@code seed}. */
  private static void writeRange(OutputStream out, long seed, long from, long to)
      throws IOException {
    byte[] buf = new byte[64 * 1024 + 17];
    for (long pos = from; pos < to; ) {
      int n = (int) Math.min(buf.length, to - pos);
      Payload.fill(buf, seed, pos, n);
      out.write(buf, 0, n);
      pos += n;
    }
  }
}
