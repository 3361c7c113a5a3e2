package io.godfs.bootstrap.e2e;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Bounded waits on real conditions (never a fixed sleep used as synchronisation). */
final class Waits {
  private Waits() {}

  static void until(Duration timeout, String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
  }
}
