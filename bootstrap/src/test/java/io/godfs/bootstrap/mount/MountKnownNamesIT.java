package io.godfs.bootstrap.mount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.adapters.telemetry.NodeMetrics;
import io.godfs.domain.file.DfsPath;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A directory the mount made knows every name the mount put in it since, for the negative TTL: the
 * lookup the kernel sends before each mkdir or create of a new name there is answered "does not
 * exist" without asking the master (issue 26). Shown by stopping the master: new names in such a
 * directory still read as missing at once, its names as present, while a directory whose names
 * changed in a way the mount does not track (a hard link) has to ask, and so fails. Once that
 * knowledge is stale, one listing learns the names again: another client's name shows, and new
 * names are again answered without a call each.
 */
class MountKnownNamesIT {
  @TempDir Path dir;
  MountCluster cluster;

  @AfterEach
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void newNamesInADirectoryThisMountMadeAreKnownMissingWithoutTheMaster() throws Exception {
    cluster = new MountCluster(dir.resolve("cluster"), 1, 1 << 20, 1);
    Duration minute = Duration.ofMinutes(1);
    Path mnt =
        cluster
            .mount(
                "/p", o -> o.withTtls(minute, minute, minute).withRpcTimeout(Duration.ofSeconds(2)))
            .mountpoint();
    Path made = Files.createDirectory(mnt.resolve("made"));
    Files.writeString(made.resolve("kept.txt"), "kept");
    Files.createDirectory(made.resolve("sub"));
    Files.writeString(made.resolve("gone.txt"), "gone");
    Files.delete(made.resolve("gone.txt"));
    Files.writeString(made.resolve("old.txt"), "moved");
    Files.move(made.resolve("old.txt"), made.resolve("new.txt"));
    Path linked = Files.createDirectory(mnt.resolve("linked"));
    Files.writeString(linked.resolve("a.txt"), "a");
    Files.createLink(linked.resolve("b.txt"), linked.resolve("a.txt"));

    cluster.stopMaster();

    for (String name : new String[] {"never", "gone.txt", "old.txt", "sub/never"}) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> Files.readAttributes(made.resolve(name), "unix:mode"))
          .as(name)
          .isInstanceOf(NoSuchFileException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .as("%s answered without waiting for the master", name)
          .isLessThan(Duration.ofSeconds(1));
    }
    for (String name : new String[] {"kept.txt", "sub", "new.txt"}) {
      assertThat(Files.exists(made.resolve(name))).as(name).isTrue();
    }
    // A hard link there: the mount no longer vouches for the names, so it asks the stopped master.
    assertThatThrownBy(() -> Files.readAttributes(linked.resolve("never"), "unix:mode"))
        .isInstanceOf(IOException.class)
        .isNotInstanceOf(NoSuchFileException.class);
  }

  @Test
  void aDirectoryThisMountFilledLearnsItsNamesAgainWithOneListing() throws Exception {
    cluster = new MountCluster(dir.resolve("cluster"), 1, 1 << 20, 1);
    Duration minute = Duration.ofMinutes(1);
    Duration negative = Duration.ofMillis(500);
    NodeMetrics metrics = NodeMetrics.of("test", "mount", "mnt");
    Path mnt =
        cluster.mountMetered("/p", o -> o.withTtls(minute, minute, negative), metrics).mountpoint();
    try (ScrapedMetrics scraped = new ScrapedMetrics(metrics)) {
      Path made = Files.createDirectory(mnt.resolve("made"));
      Files.writeString(made.resolve("mine.txt"), "mine");
      try (OutputStream out = cluster.client().create(DfsPath.of("/p/made/theirs.txt"), false)) {
        out.write(1);
      }
      assertThat(Files.exists(made.resolve("theirs.txt")))
          .as("another client's name, while the mount's knowledge is fresh")
          .isFalse();

      // Seen once the negative TTL has run out: the lookup lists the directory again.
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!Files.exists(made.resolve("theirs.txt"))) {
        assertThat(System.nanoTime() - deadline).as("theirs.txt still missing").isNegative();
        LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
      }

      Map<String, Double> before = scraped.masterCalls();
      int dirs = 300;
      long start = System.nanoTime();
      for (int i = 0; i < dirs; i++) {
        Files.createDirectory(made.resolve("d" + i));
      }
      long took = System.nanoTime() - start;
      Map<String, Double> after = scraped.masterCalls();
      assertThat(ScrapedMetrics.delta(before, after, "Mkdir")).isEqualTo(dirs);
      // Without the names learned again, each new name's lookup asks the master (NOT_FOUND).
      assertThat(ScrapedMetrics.delta(before, after, "Stat"))
          .as("stats for %d mkdirs", dirs)
          .isLessThan(10);
      assertThat(ScrapedMetrics.delta(before, after, "ListNames"))
          .as("listings in %d ms with a negative TTL of %s", took / 1_000_000, negative)
          .isLessThanOrEqualTo(took / negative.toNanos() + 2);
      assertThat(Files.exists(made.resolve("mine.txt"))).isTrue();
    }
  }
}
