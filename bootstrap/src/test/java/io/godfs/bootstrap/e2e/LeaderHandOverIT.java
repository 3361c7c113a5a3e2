package io.godfs.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.client.GodfsClient;
import io.godfs.domain.file.DfsPath;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A leader stopped on purpose (a rolling restart, SIGTERM) first hands leadership to a follower:
 * another master leads while it still runs, so clients move at once instead of waiting for the
 * election that a crash leaves behind.
 */
class LeaderHandOverIT {
  @TempDir Path dir;

  @Test
  void aLeaderHandsOverWhileRunningAndCreatesGoOnWithoutErrorOrLoss() throws Exception {
    try (MasterGroup group = new MasterGroup(dir, 3, 1, 8L << 20)) {
      GodfsClient client = group.client();
      client.mkdir(DfsPath.of("/h"), false);
      ConcurrentLinkedQueue<Integer> acked = new ConcurrentLinkedQueue<>();
      ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
      AtomicBoolean stop = new AtomicBoolean();
      AtomicLong longest = new AtomicLong();
      Thread creator =
          new Thread(
              () -> {
                for (int i = 0; !stop.get(); i++) {
                  long start = System.nanoTime();
                  try {
                    client.createEmpty(DfsPath.of("/h/f-" + i), false);
                  } catch (Throwable t) {
                    failures.add(t);
                    return;
                  }
                  longest.accumulateAndGet(System.nanoTime() - start, Math::max);
                  acked.add(i);
                }
              },
              "creator");
      creator.start();
      int leader = group.awaitLeader();
      try {
        Waits.until(
            Duration.ofSeconds(30), "50 creates", () -> acked.size() >= 50 || !failures.isEmpty());
        longest.set(0);
        assertThat(group.handOverLeadership(leader)).as("handed over").isTrue();
        // Another master leads while the old leader still runs: no election timeout was waited for.
        assertThat(group.leaderNow(leader)).as("a new leader at once").isNotEqualTo(-1);
        group.stopMaster(leader);
        int before = acked.size();
        Waits.until(
            Duration.ofSeconds(30),
            "50 more creates",
            () -> acked.size() >= before + 50 || !failures.isEmpty());
      } finally {
        stop.set(true);
        creator.join(Duration.ofSeconds(30));
      }
      assertThat(failures).isEmpty();
      System.out.printf(
          "leader hand-over: longest create seen by the client %d ms%n", longest.get() / 1_000_000);
      assertThat(client.list(DfsPath.of("/h"), null, 10_000).entries()).hasSize(acked.size());
    }
  }
}
