package io.godfs.deployments.cluster;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Bounded waits on real conditions (polled), never a fixed sleep standing in for one. */
public final class Deadline {
  private static final long POLL_MILLIS = 200;

  private Deadline() {}

  /** Waits until {@code condition} holds, or fails naming {@code what} after {@code timeout}. */
  public static void await(Duration timeout, String what, BooleanSupplier condition) {
    awaitValue(timeout, what, () -> condition.getAsBoolean() ? Boolean.TRUE : null);
  }

  /**
   * Waits until {@code probe} returns non-null (a probe that throws counts as "not yet"), and
   * returns it.
   */
  public static <T> T awaitValue(Duration timeout, String what, Supplier<T> probe) {
    long end = System.nanoTime() + timeout.toNanos();
    RuntimeException last = null;
    while (true) {
      try {
        T value = probe.get();
        if (value != null) {
          return value;
        }
      } catch (RuntimeException e) {
        last = e;
      }
      if (System.nanoTime() > end) {
        AssertionError error =
            new AssertionError(
                "timed out after "
                    + timeout.toSeconds()
                    + " s waiting for "
                    + what
                    + (last == null ? "" : " (last error: " + last.getMessage() + ")"));
        if (last != null) {
          error.initCause(last);
        }
        throw error;
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      }
    }
  }
}
