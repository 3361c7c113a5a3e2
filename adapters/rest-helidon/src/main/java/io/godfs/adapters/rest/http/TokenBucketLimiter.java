package io.godfs.adapters.rest.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per caller key: {@code ratePerSecond} tokens refill continuously up to
 * {@code burst}. Buckets idle for {@code idleNanos} are dropped so the map stays bounded by the
 * number of active callers. Time comes from {@code nanoClock} so tests need no sleeps.
 */
public final class TokenBucketLimiter {
  private final double ratePerNano;
  private final double burst;
  private final long idleNanos;
  private final LongSupplier nanoClock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private volatile long lastSweep;

  public TokenBucketLimiter(double ratePerSecond, int burst, long idleNanos, int maxKeys, LongSupplier nanoClock) {
    if (ratePerSecond <= 0 || burst < 1) {
      throw new IllegalArgumentException("rate " + ratePerSecond + ", burst " + burst + " (expected: > 0, >= 1)");
    }
    this.ratePerNano = ratePerSecond / 1e9;
    this.burst = burst;
    this.idleNanos = idleNanos;
    this.nanoClock = nanoClock;
    this.lastSweep = nanoClock.getAsLong();
  }

  /** Takes one token for {@code key}; false when its bucket is empty (the caller should get 429). */
  public boolean tryAcquire(String key) {
    long now = nanoClock.getAsLong();
    sweep(now);
    Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
    synchronized (bucket) {
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
    return buckets.size();
  }

  private void sweep(long now) {
    if (now - lastSweep < idleNanos) {
      return;
    }
    lastSweep = now;
    buckets.entrySet().removeIf(e -> now - e.getValue().updated > idleNanos);
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
