package io.godfs.adapters.metadataratis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's commit limit is a working 3-server Raft group: concurrent commits all complete.
 */
@Timeout(120)
class RatisCommitLimitTest {
  @TempDir Path dir;

  @Test
  void concurrentCommitsAreReplicatedAndAnswered() throws Exception {
    List<String> addresses =
        List.of(
            "127.0.0.1:" + RatisGroup.freePort(),
            "127.0.0.1:" + RatisGroup.freePort(),
            "127.0.0.1:" + RatisGroup.freePort());
    ExecutorService callers = Executors.newFixedThreadPool(8);
    AtomicInteger committed = new AtomicInteger();
    try (RatisCommitLimit limit = RatisCommitLimit.start(dir, addresses)) {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        done.add(
            callers.submit(
                () -> {
                  for (int i = 0; i < 50; i++) {
                    limit.commitOne();
                    committed.incrementAndGet();
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      callers.shutdownNow();
    }
    assertThat(committed.get())
        .as("commits answered after a majority applied them")
        .isEqualTo(8 * 50);
  }
}
