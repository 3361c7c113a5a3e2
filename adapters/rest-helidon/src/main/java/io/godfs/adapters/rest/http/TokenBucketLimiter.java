package io.godfs.adapters.rest.http;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A token bucket per caller key: {@code ratePerSecond} tokens refill continuously up to {@code
 * burst}. At most {@code maxKeys} buckets are kept: past that the least recently used one is
 * dropped (a caller coming back after that starts with a full bucket, which only matters for floods
 * of more than {@code maxKeys} distinct callers); buckets idle for {@code idleNanos} are dropped
 * too. Time comes from {@code nanoClock} so tests need no sleeps.
 */
public final class TokenBucketLimiter {
  private final double ratePerNano;
  private final double burst;
  private final long idleNanos;
  private final LongSupplier nanoClock;

  /** Access-ordered: the eldest entry is the least recently used bucket. Guarded by itself. */
  private final LinkedHashMap<String, Bucket> buckets;

  public TokenBucketLimiter(
      double ratePerSecond, int burst, long idleNanos, int maxKeys, LongSupplier nanoClock) {
    if (ratePerSecond <= 0 || burst < 1 || maxKeys < 1) {
      throw new IllegalArgumentException(
          "rate "
              + ratePerSecond
              + ", burst "
              + burst
              + ", maxKeys "
              + maxKeys
              + " (expected: > 0, >= 1, >= 1)");
    }
    this.ratePerNano = ratePerSecond / 1e9;
    this.burst = burst;
    this.idleNanos = idleNanos;
    this.nanoClock = nanoClock;
    this.buckets =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > maxKeys;
          }
        };
  }

  /**
   * Takes one token for {@code key}; false when its bucket is empty (the caller should get 429).
   */
  public boolean tryAcquire(String key) {
    long now = nanoClock.getAsLong();
    synchronized (buckets) {
      dropIdle(now);
      Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
      bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.updated) * ratePerNano);
      bucket.updated = now;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return true;
      }
      return false;
    }
  }

  /** Seconds until {@code key} has a token again (at least 1), for {@code Retry-After}. */
  public long retryAfterSeconds() {
    return Math.max(1, (long) Math.ceil(1 / (ratePerNano * 1e9)));
  }

  int trackedKeys() {
    synchronized (buckets) {
      return buckets.size();
    }
  }

  /** From the least recently used on, until the first bucket still in use: cheap on every call. */
  private void dropIdle(long now) {
    Iterator<Bucket> it = buckets.values().iterator();
    while (it.hasNext()) {
      if (now - it.next().updated <= idleNanos) {
        return;
      }
      it.remove();
    }
  }

  private static final class Bucket {
    double tokens;
    long updated;

    Bucket(double tokens, long updated) {
      this.tokens = tokens;
      this.updated = updated;
    }
  }
}
