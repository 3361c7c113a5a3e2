package io.godfs.benchmarks;

import io.godfs.adapters.metadataratis.LoopbackPorts;
import io.godfs.adapters.metadataratis.RatisCommitLimit;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The floor under a replicated mkdir, rename or delete on this machine: three Raft servers built
 * exactly as the masters build theirs ({@link RatisCommitLimit}: the same Ratis settings, log fsync
 * and group commit, over 127.0.0.1, without TLS), all in this JVM, fed one commit at a time by one
 * thread that waits for each, with a state machine that applies nothing. A master's replicated
 * change costs this plus the client's call, the namespace work and TLS, so goDFS's one-client
 * mkdir/rename/delete on three Ratis masters can only come near this rate, never above. It is the
 * limit column of those rows in the peers table: when it is below HDFS's NameNode, a namespace
 * replicated with Ratis cannot match that NameNode on this machine.
 */
final class RaftCommitFloor implements AutoCloseable {
  /**
   * Commits before the first counted round. A probe (stop 50) rose through rounds of 3,000 as 271,
   * 455, 605, 561, 1,148 commits/s and held 1,200-1,385 from the fifth on.
   */
  private static final int WARM_UP_COMMITS = 20_000;

  private final Path dir;
  private final RatisCommitLimit group;

  private RaftCommitFloor(Path dir) {
    this.dir = dir;
    List<String> addresses =
        Stream.generate(() -> "127.0.0.1:" + LoopbackPorts.free()).limit(3).toList();
    this.group = RatisCommitLimit.start(dir, addresses);
  }

  /** Starts the three servers in a temporary directory and warms them up (not counted). */
  static RaftCommitFloor start(PrintWriter log) throws IOException {
    RaftCommitFloor floor = new RaftCommitFloor(Files.createTempDirectory("godfs-raft-floor-"));
    long start = System.nanoTime();
    floor.commits(WARM_UP_COMMITS);
    log.printf(
        Locale.ROOT,
        "raft floor: %d commits to warm up in %.1f s%n",
        WARM_UP_COMMITS,
        (System.nanoTime() - start) / 1e9);
    return floor;
  }

  /** {@code count} commits, one after another; commits per second. */
  double commitsPerSecond(int count) {
    long start = System.nanoTime();
    commits(count);
    return count / ((System.nanoTime() - start) / 1e9);
  }

  private void commits(int count) {
    for (int i = 0; i < count; i++) {
      group.commitOne();
    }
  }

  @Override
  public void close() {
    group.close();
    try {
      ThroughputBench.deleteTree(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the Raft floor's logs in " + dir, e);
    }
  }
}
