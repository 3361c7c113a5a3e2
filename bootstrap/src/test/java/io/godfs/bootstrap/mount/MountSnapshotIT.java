package io.godfs.bootstrap.mount;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.client.GodfsClient;
import io.godfs.domain.file.DfsPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;
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

  /**
   * Programs that change a file a snapshot holds, in place, through the mount: {@code dd
   * conv=notrunc} into the middle of a chunk, {@code truncate} shorter then longer, an append. The
   * live file shows each change and the snapshot keeps the bytes it had (copy on write).
   */
  @Test
  void changesInPlaceThroughTheMountLeaveTheSnapshotAsItWas() throws Exception {
    cluster = new MountCluster(dir.resolve("cluster"), 1, 1 << 20, 1);
    GodfsClient admin = cluster.client();
    Path mnt = cluster.mount("/").mountpoint();
    byte[] original = new byte[3 * (1 << 20) + 100];
    new Random(5).nextBytes(original);
    Path kept = dir.resolve("original.bin");
    Files.write(kept, original);
    Files.createDirectories(mnt.resolve("w"));
    Files.write(mnt.resolve("w/f.bin"), original);
    Files.write(mnt.resolve("w/g.bin"), original);
    admin.snapshots().allow(DfsPath.of("/w"));
    admin.snapshots().create(DfsPath.of("/w"), "before");

    Shell.ok(
        mnt,
        "head -c 5000 /dev/zero | tr '\\0' 'x' > x.bin\n"
            + "dd if=x.bin of=w/f.bin bs=1000 seek=1500 conv=notrunc status=none\n"
            + "truncate -s 1500000 w/g.bin && truncate -s 2000000 w/g.bin\n"
            + "printf tail >> w/f.bin\n"
            + "rm x.bin");

    byte[] f = original.clone();
    Arrays.fill(f, 1_500_000, 1_505_000, (byte) 'x');
    byte[] fLive = new byte[f.length + 4];
    System.arraycopy(f, 0, fLive, 0, f.length);
    System.arraycopy("tail".getBytes(StandardCharsets.US_ASCII), 0, fLive, f.length, 4);
    assertThat(Files.readAllBytes(mnt.resolve("w/f.bin"))).isEqualTo(fLive);
    byte[] gLive = new byte[2_000_000];
    System.arraycopy(original, 0, gLive, 0, 1_500_000);
    assertThat(Files.readAllBytes(mnt.resolve("w/g.bin"))).isEqualTo(gLive);
    Shell.ok(
        mnt, "cmp w/.snapshot/before/f.bin " + kept + " && cmp w/.snapshot/before/g.bin " + kept);
  }

  /**
   * A listing of {@code .snapshot} shows a snapshot another client took after it, once the mount's
   * TTLs have run out: that directory shows its directory's attributes, which a new snapshot leaves
   * alike, so the mount never keeps its listing past the TTL on them (ADR 0033).
   */
  @Test
  void aNewSnapshotIsListedOnceTheTtlsHaveRunOut() throws Exception {
    cluster = new MountCluster(dir.resolve("cluster"), 1, 1 << 20, 1);
    GodfsClient admin = cluster.client();
    Path mnt = cluster.mount("/").mountpoint();
    Files.createDirectories(mnt.resolve("kept"));
    admin.snapshots().allow(DfsPath.of("/kept"));
    admin.snapshots().create(DfsPath.of("/kept"), "s1");
    assertThat(Shell.ok(mnt, "ls kept/.snapshot").out()).isEqualTo("s1\n");
    long listed = System.nanoTime();

    admin.snapshots().create(DfsPath.of("/kept"), "s2");
    // Past the mount's default TTLs (1 s, the kernel's too): the condition is the clock itself.
    for (long left; (left = listed + Duration.ofMillis(1300).toNanos() - System.nanoTime()) > 0; ) {
      LockSupport.parkNanos(left);
    }
    assertThat(Shell.ok(mnt, "stat kept/.snapshot > /dev/null && ls kept/.snapshot").out())
        .isEqualTo("s1\ns2\n");
  }
}
