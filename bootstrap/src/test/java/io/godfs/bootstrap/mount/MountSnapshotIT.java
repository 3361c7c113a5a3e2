package io.godfs.bootstrap.mount;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.client.GodfsClient;
import io.godfs.domain.file.DfsPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A snapshot (ADR 0025) through a FUSE mount, with real programs: {@code <dir>/.snapshot/<name>} is
 * looked up though a listing of {@code <dir>} does not show it (as in HDFS), {@code cat}, {@code
 * cmp} and {@code ls} there see the tree as it was, and a write there fails with EROFS.
 */
class MountSnapshotIT {
  @TempDir Path dir;
  MountCluster cluster;

  @AfterEach
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void theSnapshotReadsAsItWasAndRefusesWrites() throws Exception {
    cluster = new MountCluster(dir.resolve("cluster"), 1, 1 << 20, 1);
    GodfsClient admin = cluster.client();
    Path mnt = cluster.mount("/").mountpoint();
    byte[] big = new byte[(1 << 20) + 4321];
    new Random(3).nextBytes(big);
    Path local = dir.resolve("big.bin");
    Files.write(local, big);
    Files.createDirectories(mnt.resolve("docs/sub"));
    Files.writeString(mnt.resolve("docs/a.txt"), "alpha\n");
    Files.write(mnt.resolve("docs/sub/big.bin"), big);
    admin.snapshots().allow(DfsPath.of("/docs"));
    admin.snapshots().create(DfsPath.of("/docs"), "s1");

    // Change the live tree through the mount: remove, rename, add.
    Shell.ok(mnt, "rm docs/a.txt && mv docs/sub/big.bin docs/sub/moved.bin && echo new > docs/b");

    String shown =
        Shell.ok(
                mnt,
                "cat docs/.snapshot/s1/a.txt\n"
                    + "cmp docs/.snapshot/s1/sub/big.bin "
                    + local
                    + "\n"
                    + "ls docs/.snapshot/s1 | tr '\\n' ' '; echo\n"
                    + "ls docs/.snapshot/s1/sub | tr '\\n' ' '; echo\n"
                    + "test -d docs/.snapshot && test ! -e docs/.snapshot/s1/b\n"
                    + "ls -a docs | tr '\\n' ' '; echo")
            .out();
    assertThat(shown.lines()).containsExactly("alpha", "a.txt sub ", "big.bin ", ". .. b sub ");
    assertThat(Files.readAllBytes(mnt.resolve("docs/sub/moved.bin"))).isEqualTo(big);

    // Writes there fail as on a read-only file system, and change nothing.
    Shell.Result write = Shell.run(mnt, Duration.ofSeconds(60), "echo x > docs/.snapshot/s1/a.txt");
    assertThat(write.code()).isNotZero();
    assertThat(write.out()).contains("Read-only file system");
    Shell.Result create = Shell.run(mnt, Duration.ofSeconds(60), "echo x > docs/.snapshot/s1/c");
    assertThat(create.code()).isNotZero();
    assertThat(create.out()).contains("Read-only file system");
    Shell.Result remove = Shell.run(mnt, Duration.ofSeconds(60), "rm docs/.snapshot/s1/a.txt");
    assertThat(remove.code()).isNotZero();
    assertThat(remove.out()).contains("Read-only file system");
    assertThat(Shell.ok(mnt, "cat docs/.snapshot/s1/a.txt").out()).isEqualTo("alpha\n");
  }
}
