package io.godfs.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.application.port.in.DfsIOException;
import io.godfs.application.port.in.SeekableInput;
import io.godfs.client.GodfsClient;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.DfsPath;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Three chunkservers whose data folders share one small, real filesystem (a 96 MiB tmpfs), each
 * offering far more than it holds, as three nodes on one disk do when something else fills it: the
 * master places chunks, and the kernel refuses the bytes with ENOSPC. The writer must hear that the
 * disk is full (NO_CAPACITY, which the mount turns into ENOSPC), not that its pipeline lost its
 * replicas; and the files written before must read back whole. Both ways a chunkserver writes:
 * through the page cache, and around it (ADR 0034), where a piece's bytes must fail at its own
 * write as they do through the cache, not at a later one.
 */
class FullDiskIT {
  static final long CHUNK = 4L * 1024 * 1024;
  static final long OFFERED = 1L << 40;

  @TempDir Path base;
  Path disk;
  TestCluster cluster;

  @BeforeEach
  void mountSmallDisk() throws Exception {
    disk = Files.createDirectory(base.resolve("disk"));
    run(List.of("mount", "-t", "tmpfs", "-o", "size=96m", "godfs-full-disk", disk.toString()));
  }

  private void startCluster(boolean directWrites) {
    cluster = new TestCluster(disk.resolve("cluster"), 0, CHUNK, 3);
    for (int i = 0; i < 3; i++) {
      cluster.addChunkserver(OFFERED, directWrites);
    }
    cluster.awaitLiveNodes(3);
  }

  @AfterEach
  void unmount() throws Exception {
    try {
      if (cluster != null) {
        cluster.close();
      }
    } finally {
      run(List.of("umount", disk.toString()));
    }
  }

  @ParameterizedTest(name = "direct writes: {0}")
  @ValueSource(booleans = {false, true})
  void aWriteThatFillsTheDiskFailsAsNoCapacityNamingTheFullDiskAndEarlierFilesStayWhole(
      boolean directWrites) throws Exception {
    startCluster(directWrites);
    GodfsClient fs = cluster.networkClient();
    DfsPath kept = DfsPath.of("/kept.bin");
    try (OutputStream out = fs.create(kept, false)) {
      Payload.write(out, 7, CHUNK + 12345, 1 << 20);
    }

    DfsPath big = DfsPath.of("/too-big.bin");
    assertThatThrownBy(
            () -> {
              try (OutputStream out = fs.create(big, false)) {
                Payload.write(out, 8, 256L * 1024 * 1024, 1 << 20);
              }
            })
        .isInstanceOf(DfsIOException.class)
        .satisfies(
            e -> {
              assertThat(((DfsIOException) e).error().code()).isEqualTo(ErrorCode.NO_CAPACITY);
              assertThat(e.getMessage())
                  .contains("found no room on")
                  .contains("No space left on device");
            });

    try (SeekableInput in = fs.open(kept)) {
      assertThat(Payload.firstMismatch(in, 7, 0, CHUNK + 12345)).isEqualTo(-1);
    }
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(
          String.join(" ", command)
              + " failed (this test mounts a small tmpfs, which needs root as the FUSE tests"
              + " do): "
              + output);
    }
  }
}
