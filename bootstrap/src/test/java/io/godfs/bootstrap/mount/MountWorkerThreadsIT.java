package io.godfs.bootstrap.mount;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * libfuse's worker threads stay attached to the JVM once warm (docs/notes/mount-metadata-breakdown
 * .md). Every native thread that enters a callback without being attached costs an attach, a new
 * {@link Thread} and a detach. Two things could make that happen per request: libfuse destroying
 * idle workers (it does not on libfuse 3.12+ unless {@code max_idle_threads} is set, which the
 * mount must therefore not pass) and jffi detaching after each callback (it does for a thread's
 * first 1,000 callbacks, then keeps the thread attached). So after a warm-up, a burst of metadata
 * syscalls through the mount starts (almost) no thread in this JVM, which also hosts the cluster.
 */
class MountWorkerThreadsIT {
  /** Rounds of warm-up at most; each gives every worker thread hundreds of callbacks. */
  static final int WARM_UP_ROUNDS = 15;

  static final int ROUND = 400;
  @TempDir static Path dir;
  static MountCluster cluster;
  static Path mnt;

  @BeforeAll
  static void mount() {
    cluster = new MountCluster(dir.resolve("cluster"), 1, 1 << 20, 1);
    mnt = cluster.mount("/").mountpoint();
  }

  @AfterAll
  static void unmount() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aBurstOfMetadataCallsStartsNoThreadOnceTheWorkersAreWarm() throws IOException {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long warmUpStarts = 0;
    for (int round = 0; round < WARM_UP_ROUNDS; round++) {
      long before = threads.getTotalStartedThreadCount();
      metadataRound("warm" + round);
      long started = threads.getTotalStartedThreadCount() - before;
      warmUpStarts += started;
      if (started <= 2) {
        break;
      }
    }

    long before = threads.getTotalStartedThreadCount();
    metadataRound("burst");
    long started = threads.getTotalStartedThreadCount() - before;

    // About 4 callbacks per syscall: churning workers would start hundreds of threads here.
    assertThat(started)
        .as(
            "threads started by %d metadata syscalls after %d started in the warm-up",
            3 * ROUND, warmUpStarts)
        .isLessThanOrEqualTo(10);
  }

  /** mkdir, rename and rmdir of fresh names: each reaches the mount (no kernel cache answers). */
  private static void metadataRound(String name) throws IOException {
    Path parent = Files.createDirectories(mnt.resolve(name));
    for (int i = 0; i < ROUND; i++) {
      Path made = Files.createDirectory(parent.resolve("d" + i));
      Path moved = Files.move(made, parent.resolve("e" + i));
      Files.delete(moved);
    }
  }
}
