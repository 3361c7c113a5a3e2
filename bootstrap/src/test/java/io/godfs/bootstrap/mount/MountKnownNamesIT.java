package io.godfs.bootstrap.mount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A directory the mount made knows every name the mount put in it since, for the negative TTL: the
 * lookup the kernel sends before each mkdir or create of a new name there is answered "does not
 * exist" without asking the master (issue 26). Shown by stopping the master: new names in such a
 * directory still read as missing at once, its names as present, while a directory whose names
 * changed in a way the mount does not track (a hard link) has to ask, and so fails.
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
}
