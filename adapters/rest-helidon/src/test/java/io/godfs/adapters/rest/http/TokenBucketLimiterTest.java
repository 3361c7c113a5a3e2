package io.godfs.adapters.rest.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketLimiterTest {
  final AtomicLong now = new AtomicLong(1_000_000_000L);
  final TokenBucketLimiter limiter =
      new TokenBucketLimiter(2, 3, TimeUnit.SECONDS.toNanos(60), 1000, now::get);

  @Test
  void aBurstThenTheSteadyRatePerKey() {
    assertThat(limiter.tryAcquire("a")).isTrue();
    assertThat(limiter.tryAcquire("a")).isTrue();
    assertThat(limiter.tryAcquire("a")).isTrue();
    assertThat(limiter.tryAcquire("a")).isFalse();
    assertThat(limiter.tryAcquire("b")).isTrue(); // its own bucket
    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(500)); // 2/s: one token back
    assertThat(limiter.tryAcquire("a")).isTrue();
    assertThat(limiter.tryAcquire("a")).isFalse();
    now.addAndGet(TimeUnit.SECONDS.toNanos(10)); // refills only up to the burst
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.tryAcquire("a")).isTrue();
    }
    assertThat(limiter.tryAcquire("a")).isFalse();
  }

  @Test
  void idleBucketsAreDropped() {
    limiter.tryAcquire("a");
    limiter.tryAcquire("b");
    assertThat(limiter.trackedKeys()).isEqualTo(2);
    now.addAndGet(TimeUnit.SECONDS.toNanos(61));
    limiter.tryAcquire("c");
    assertThat(limiter.trackedKeys()).isEqualTo(1);
  }

  @Test
  void theNumberOfBucketsIsBoundedDroppingTheLeastRecentlyUsed() {
    TokenBucketLimiter small =
        new TokenBucketLimiter(2, 3, TimeUnit.SECONDS.toNanos(60), 100, now::get);
    for (int i = 0; i < 3; i++) {
      small.tryAcquire("hot");
    }
    for (int i = 0; i < 10_000; i++) { // a flood of new callers, "hot" keeps calling in between
      small.tryAcquire("caller-" + i);
      if (i % 50 == 0) {
        assertThat(small.tryAcquire("hot")).as("hot is still limited after %d others", i).isFalse();
      }
      assertThat(small.trackedKeys()).isLessThanOrEqualTo(100);
    }
  }
}
