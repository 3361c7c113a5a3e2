package io.godfs.bootstrap.mount;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.port.in.TrashEntry;
import io.godfs.client.GodfsClient;
import io.godfs.domain.file.DfsPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the master's trash on (ADR 0024), {@code rm} through a FUSE mount is the same delete: what
 * it removes waits in the trash, the trash's folder never shows in the mount, and a restore shows
 * up in it again.
 */
class MountTrashIT {
  @TempDir Path dir;
  MountCluster cluster;

  @AfterEach
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void whatRmRemovesThroughTheMountWaitsInTheTrash() throws Exception {
    cluster = new MountCluster(dir.resolve("cluster"), 1, 1 << 20, 1, Duration.ofHours(1));
    GodfsClient admin = cluster.client();
    Path mnt = cluster.mount("/").mountpoint();
    Files.createDirectories(mnt.resolve("docs/sub"));
    Files.writeString(mnt.resolve("docs/a.txt"), "alpha");
    Files.writeString(mnt.resolve("docs/sub/b.txt"), "beta");

    Shell.ok(mnt, "rm docs/a.txt && test ! -e docs/a.txt");
    assertThat(originals(admin)).containsExactly(DfsPath.of("/docs/a.txt"));
    assertThat(names(mnt)).containsExactly("docs");
    Shell.ok(mnt, "test ! -e .trash && ! ls -a | grep -qx .trash");
    admin.trash().restore(DfsPath.of("/docs/a.txt"), Optional.empty());
    until("the restored file to show in the mount", () -> Files.exists(mnt.resolve("docs/a.txt")));
    assertThat(Files.readString(mnt.resolve("docs/a.txt"))).isEqualTo("alpha");

    // rm -r walks the tree: each file and each emptied folder is a delete of its own.
    Shell.ok(mnt, "rm -r docs && test ! -e docs");
    assertThat(originals(admin))
        .contains(
            DfsPath.of("/docs/a.txt"),
            DfsPath.of("/docs/sub/b.txt"),
            DfsPath.of("/docs/sub"),
            DfsPath.of("/docs"));
    assertThat(names(mnt)).isEmpty();
  }

  private static List<DfsPath> originals(GodfsClient client) {
    return client.trash().list(null, 0).entries().stream().map(TrashEntry::original).toList();
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> listed = Files.list(dir)) {
      return listed.map(p -> p.getFileName().toString()).sorted().toList();
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
