package io.godfs.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code clients} threads each repeating one operation for a while; the first failure fails the
 * run.
 */
final class ConcurrentLoad {
  /** One operation: the {@code i}-th of client {@code client}. */
  @FunctionalInterface
  interface Operation {
    void run(int client, long i) throws Exception;
  }

  private ConcurrentLoad() {}

  /** Returns how many operations completed within {@code length}. */
  static long run(int clients, Duration length, Operation op) throws Exception {
    AtomicLong done = new AtomicLong();
    long end = System.nanoTime() + length.toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int client = c;
        running.add(
            pool.submit(
                () -> {
                  for (long i = 0; System.nanoTime() < end; i++) {
                    op.run(client, i);
                    done.incrementAndGet();
                  }
                  return null;
                }));
      }
      for (Future<?> f : running) {
        try {
          f.get();
        } catch (ExecutionException e) {
          throw new IllegalStateException(
              "an operation failed: " + e.getCause().getMessage(), e.getCause());
        }
      }
      return done.get();
    } finally {
      pool.shutdownNow();
    }
  }
}
