package io.godfs.bootstrap.mount;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.port.in.SeekableInput;
import io.godfs.client.GodfsClient;
import io.godfs.domain.file.DfsPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.Random;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A directory's space quota (ADR 0026) through a real FUSE mount: {@code cp} and {@code dd} of a
 * file larger than the quota fail with "Disk quota exceeded" (EDQUOT) where the chunk grant is
 * refused, the part of it committed before stays readable, and a file written before is intact.
 */
class MountQuotaIT {
  static final int CHUNK = 1 << 20;

  @TempDir Path dir;
  MountCluster cluster;

  @AfterEach
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void writesPastASpaceQuotaFailWithEdquotAndKeepWhatWasWritten() throws Exception {
    cluster = new MountCluster(dir.resolve("cluster"), 1, CHUNK, 1);
    GodfsClient admin = cluster.client();
    DfsPath quotaDir = DfsPath.of("/q");
    admin.mkdir(quotaDir, false);
    admin.quotas().set(quotaDir, OptionalLong.empty(), OptionalLong.of(3L * CHUNK));
    Path mnt = cluster.mount("/").mountpoint();

    byte[] keep = new byte[CHUNK + 4096];
    new Random(1).nextBytes(keep);
    Path keepLocal = dir.resolve("keep.bin");
    Files.write(keepLocal, keep);
    byte[] big = new byte[6 * CHUNK];
    new Random(2).nextBytes(big);
    Path bigLocal = dir.resolve("big.bin");
    Files.write(bigLocal, big);

    Shell.ok(mnt, "cp " + keepLocal + " q/keep.bin");

    Shell.Result cp = Shell.run(mnt, Duration.ofSeconds(120), "cp " + bigLocal + " q/big.bin");
    assertThat(cp.code()).as(cp.out()).isNotZero();
    assertThat(cp.out()).contains("Disk quota exceeded");
    Shell.Result dd =
        Shell.run(
            mnt,
            Duration.ofSeconds(120),
            "dd if=" + bigLocal + " of=q/dd.bin bs=256k conv=fsync status=none");
    assertThat(dd.code()).as(dd.out()).isNotZero();
    assertThat(dd.out()).contains("Disk quota exceeded");

    // What was written before the refusal stays, byte for byte.
    Shell.ok(mnt, "cmp " + keepLocal + " q/keep.bin");
    assertThat(read(admin, quotaDir.child("keep.bin"))).isEqualTo(keep);
    until(
        "the refused copy's committed chunks to show",
        () -> admin.stat(quotaDir.child("big.bin")).length() >= CHUNK);
    byte[] kept = read(admin, quotaDir.child("big.bin"));
    assertThat(kept.length).isLessThan(big.length);
    assertThat(kept).isEqualTo(Arrays.copyOf(big, kept.length));
  }

  private static byte[] read(GodfsClient client, DfsPath path) throws IOException {
    try (SeekableInput in = client.open(path)) {
      return in.readAllBytes();
    }
  }

  private static void until(String what, BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after 30 s waiting for " + what);
      }
      Thread.sleep(10);
    }
  }
}
