package io.godfs.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class RateWindowsTest {

  @Test
  void aRunThatSlowsDownHasALastWindowSlowerThanItsFirst() {
    RateWindows windows = new RateWindows(30, 10);
    for (int i = 0; i < 30; i++) {
      if (i >= 20) {
        LockSupport.parkNanos(2_000_000); // the last ten take at least 20 ms in all
      }
      windows.completed();
    }
    assertThat(windows.last()).isLessThan(windows.first());
    assertThat(windows.last()).isLessThanOrEqualTo(10 / 0.020);
    assertThat(windows.overall()).isBetween(windows.last(), windows.first());
  }

  @Test
  void figuresBeforeTheEndAndAWindowLargerThanTheRunAreRefused() {
    RateWindows windows = new RateWindows(5, 5);
    windows.completed();
    assertThatThrownBy(windows::first)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("1 of 5 operations completed");
    assertThatThrownBy(() -> new RateWindows(5, 6))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("window : 6 (expected: 1-5, the number of operations)");
  }
}
