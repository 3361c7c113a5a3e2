package io.godfs.adapters.rest.admin;

import io.godfs.application.port.in.ClusterFigures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The last hour of the cluster's cumulative byte counters, one sample per {@link #EVERY} at most
 * (ADR 0023, "The web console"): what the console's throughput sparkline draws, so that it needs no
 * Prometheus. Samples come from the gateway's own sampler and from its admin callers' figures
 * alike; one offered sooner than {@link #EVERY} after the last is dropped. Thread-safe.
 */
public final class ThroughputHistory {
  /** One sample per this interval at most. */
  public static final Duration EVERY = Duration.ofSeconds(10);

  /** How far back the history goes. */
  public static final Duration WINDOW = Duration.ofHours(1);

  /** Samples taken a little early (a sampler's jitter) still count as the next one. */
  private static final Duration SLACK = Duration.ofSeconds(1);

  private final Clock clock;
  private final Deque<Sample> samples = new ArrayDeque<>();

  public ThroughputHistory(Clock clock) {
    this.clock = clock;
  }

  /**
   * The counters at one instant.
   *
   * @param readBytes chunk bytes the live chunkservers served, cumulative
   * @param writtenBytes chunk bytes they wrote, cumulative
   */
  public record Sample(Instant at, long readBytes, long writtenBytes) {}

  /**
   * A rate between two consecutive samples, in bytes per second; 0 where a counter went down (a
   * node died or restarted: a counter reset, as Prometheus' {@code rate} takes it).
   */
  public record Rate(Instant at, double readBytesPerSecond, double writtenBytesPerSecond) {}

  /** Records {@code figures} as the sample of now, unless the last one is too recent. */
  public void offer(ClusterFigures figures) {
    Instant now = clock.instant();
    synchronized (samples) {
      Sample last = samples.peekLast();
      if (last != null && now.isBefore(last.at().plus(EVERY).minus(SLACK))) {
        return;
      }
      samples.addLast(new Sample(now, figures.readBytes(), figures.writtenBytes()));
      Instant oldest = now.minus(WINDOW);
      while (!samples.isEmpty() && samples.peekFirst().at().isBefore(oldest)) {
        samples.removeFirst();
      }
    }
  }

  /** The samples of the window, oldest first. */
  public List<Sample> samples() {
    Instant oldest = clock.instant().minus(WINDOW);
    synchronized (samples) {
      return samples.stream().filter(s -> !s.at().isBefore(oldest)).toList();
    }
  }

  /** The rates between consecutive samples of the window, oldest first. */
  public List<Rate> rates() {
    List<Sample> all = samples();
    List<Rate> rates = new ArrayList<>();
    for (int i = 1; i < all.size(); i++) {
      Sample a = all.get(i - 1);
      Sample b = all.get(i);
      double seconds = Duration.between(a.at(), b.at()).toMillis() / 1000.0;
      if (seconds <= 0) {
        continue;
      }
      rates.add(
          new Rate(
              b.at(),
              Math.max(0, b.readBytes() - a.readBytes()) / seconds,
              Math.max(0, b.writtenBytes() - a.writtenBytes()) / seconds));
    }
    return rates;
  }
}
