package io.godfs.benchmarks;

/**
 * Times a run of many operations done by several threads in windows of {@code window} completions:
 * the rate of the first window against that of the last shows whether the run slowed down as the
 * namespace grew.
 */
final class RateWindows {
  private final long total;
  private final long window;
  private final long start = System.nanoTime();
  private long done;
  private long firstEnd;
  private long lastStart;
  private long end;

  RateWindows(long total, long window) {
    if (window < 1 || window > total) {
      throw new IllegalArgumentException(
          "window : " + window + " (expected: 1-" + total + ", the number of operations)");
    }
    this.total = total;
    this.window = window;
  }

  synchronized void completed() {
    done++;
    long now = System.nanoTime();
    if (done == window) {
      firstEnd = now;
    }
    if (done == total - window) {
      lastStart = now;
    }
    if (done == total) {
      end = now;
      if (total == window) {
        lastStart = start;
      }
    }
  }

  synchronized long completedCount() {
    return done;
  }

  /** Operations per second over the first window. */
  synchronized double first() {
    requireEnded();
    return window / ((firstEnd - start) / 1e9);
  }

  /** Operations per second over the last window. */
  synchronized double last() {
    requireEnded();
    return window / ((end - lastStart) / 1e9);
  }

  synchronized double overall() {
    requireEnded();
    return total / ((end - start) / 1e9);
  }

  private void requireEnded() {
    if (done != total) {
      throw new IllegalStateException(done + " of " + total + " operations completed");
    }
  }
}
