package io.godfs.bootstrap.gateway;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples the live heap while it runs: every {@code periodMs} it forces a full collection and reads
 * what survived. If a request held a file's bytes, the live heap would grow with the file; garbage
 * (which any streaming makes) does not count.
 */
final class HeapWatch implements AutoCloseable {
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final AtomicLong maxLive = new AtomicLong();
  private final AtomicInteger samples = new AtomicInteger();
  private final long baseline;
  private final Thread sampler;
  private volatile boolean running = true;

  HeapWatch(long periodMs) {
    baseline = liveNow();
    sampler =
        Thread.ofPlatform()
            .daemon()
            .name("heap-watch")
            .start(
                () -> {
                  while (running) {
                    try {
                      Thread.sleep(periodMs); // the sampling period, not a synchronisation
                    } catch (InterruptedException e) {
                      return;
                    }
                    maxLive.accumulateAndGet(liveNow(), Math::max);
                    samples.incrementAndGet();
                  }
                });
  }

  private long liveNow() {
    memory.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }

  long baseline() {
    return baseline;
  }

  long maxLive() {
    return maxLive.get();
  }

  int samples() {
    return samples.get();
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    sampler.interrupt();
    sampler.join();
  }
}
