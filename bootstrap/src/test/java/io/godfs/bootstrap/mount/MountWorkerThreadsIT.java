package io.godfs.bootstrap.mount;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * first 1,000 callbacks, then keeps the thread attached).
 *
 * <p>So the thread starts that metadata syscalls cause are a bounded warm-up: at most 1,000 per
 * worker, and libfuse starts at most {@value #LIBFUSE_MAX_WORKERS} workers. When the mount is busy,
 * libfuse may add a worker at any point, whose first callbacks start threads again; so the test
 * does not expect one given round to be quiet, but that rounds become quiet within that budget.
 * Churning workers never get there: each of their callbacks starts a thread.
 */
class MountWorkerThreadsIT {
  /** libfuse's default {@code max_threads} (FUSE_LOOP_MT_DEF_MAX_THREADS); the mount sets none. */
  static final int LIBFUSE_MAX_WORKERS = 10;

  /** Callbacks a native thread makes before jffi keeps it attached (ClosureMagazine.c). */
  static final int JFFI_ATTACH_THRESHOLD = 1_000;

  /** Thread starts a round may have and still count as quiet (this JVM also hosts the cluster). */
  static final int QUIET = 10;

  /** Each round gives the workers ~4,800 callbacks, so a few rounds warm even ten workers. */
  static final int MAX_ROUNDS = 40;

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
  void metadataCallsStopStartingThreadsOnceEachWorkerIsWarm() throws IOException {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    List<Long> startsPerRound = new ArrayList<>();
    long total = 0;
    boolean quiet = false;
    while (!quiet && startsPerRound.size() < MAX_ROUNDS) {
      long before = threads.getTotalStartedThreadCount();
      metadataRound("round" + startsPerRound.size());
      long started = threads.getTotalStartedThreadCount() - before;
      startsPerRound.add(started);
      total += started;
      quiet = started <= QUIET;
    }

    // About 4 callbacks per syscall: churning workers would start thousands of threads per round.
    assertThat(quiet)
        .as(
            "a round of %d metadata syscalls that starts at most %d threads; threads started per"
                + " round: %s",
            3 * ROUND, QUIET, startsPerRound)
        .isTrue();
    assertThat(total)
        .as("threads started before the rounds became quiet, per round: %s", startsPerRound)
        .isLessThanOrEqualTo(
            (long) LIBFUSE_MAX_WORKERS * JFFI_ATTACH_THRESHOLD
                + (long) QUIET * startsPerRound.size());
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
