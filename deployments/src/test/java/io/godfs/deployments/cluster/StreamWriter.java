package io.godfs.deployments.cluster;

import io.godfs.client.GodfsClient;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client thread writing new files {@code dir/f-0, f-1, ...} one after another until stopped,
 * recording each outcome in the model; it measures the longest acknowledged write (the stall a user
 * sees during a failover) and counts failed writes.
 */
public final class StreamWriter implements AutoCloseable {
  private final AtomicBoolean stop = new AtomicBoolean();
  private final AtomicInteger failures = new AtomicInteger();
  private final AtomicLong longestNanos = new AtomicLong();
  private final Thread thread;

  public StreamWriter(GodfsClient client, WriteModel model, String dir, int fileBytes) {
    thread =
        new Thread(
            () -> {
              for (int i = 0; !stop.get(); i++) {
                long start = System.nanoTime();
                if (model.write(client, dir + "/f-" + i, fileBytes)) {
                  longestNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
                } else {
                  failures.incrementAndGet();
                }
              }
            },
            "stream-writer-" + dir);
    thread.setDaemon(true);
    thread.start();
  }

  public int failures() {
    return failures.get();
  }

  public Duration longestWrite() {
    return Duration.ofNanos(longestNanos.get());
  }

  /** Stops after the write in progress; waits for it (bounded). */
  @Override
  public void close() {
    stop.set(true);
    try {
      thread.join(Duration.ofSeconds(90));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while stopping the writer", e);
    }
    if (thread.isAlive()) {
      throw new AssertionError("the writer did not finish its last write within 90 s");
    }
  }
}
