package io.godfs.benchmarks;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * Measures a load at its steady rate: it runs in rounds until the last three agree and the JIT
 * compilers have gone quiet. A cold JVM on two cores runs these paths interpreted or half-compiled
 * for tens of seconds: the compiler threads share the cores with the load. A 3-master Ratis create
 * path took over a minute to reach its plateau, at four to ten times its first rate, and sat on an
 * intermediate plateau on the way, where three rounds agreed while C2 was still compiling. So a
 * fixed one-second warm-up reports the JIT, not goDFS. Machine limits are measured the same way.
 */
final class SteadyRate {
  static final Duration ROUND = Duration.ofSeconds(5);
  static final int MIN_ROUNDS = 4;
  static final int MAX_ROUNDS = 24;

  /** Three rounds each within this fraction of their mean count as steady. */
  static final double TOLERANCE = 0.06;

  /** The JIT counts as quiet when it compiled for less than this fraction of the last round. */
  static final double QUIET_JIT = 0.03;

  /** One round of load lasting about {@code length}; returns how many operations it completed. */
  @FunctionalInterface
  interface Round {
    long run(int round, Duration length) throws Exception;
  }

  /**
   * The steady rate (mean of the last three rounds, per second), how many rounds it took, and
   * whether it settled.
   */
  record Result(double perSecond, int rounds, boolean settled) {
    String describe() {
      return rounds + " rounds of " + ROUND.toSeconds() + " s" + (settled ? "" : ", not settled");
    }
  }

  private SteadyRate() {}

  static Result measure(Round round) throws Exception {
    double[] rates = new double[MAX_ROUNDS];
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    for (int i = 0; i < MAX_ROUNDS; i++) {
      long compiledBefore = jit.getTotalCompilationTime();
      long start = System.nanoTime();
      long ops = round.run(i, ROUND);
      long elapsed = System.nanoTime() - start;
      rates[i] = ops / (elapsed / 1e9);
      boolean jitQuiet = jit.getTotalCompilationTime() - compiledBefore < QUIET_JIT * elapsed / 1e6;
      if (i + 1 >= MIN_ROUNDS && jitQuiet) {
        double mean = (rates[i] + rates[i - 1] + rates[i - 2]) / 3;
        boolean steady = true;
        for (int k = i - 2; k <= i; k++) {
          steady &= Math.abs(rates[k] - mean) <= TOLERANCE * mean;
        }
        if (steady) {
          return new Result(mean, i + 1, true);
        }
      }
    }
    int last = MAX_ROUNDS - 1;
    return new Result((rates[last] + rates[last - 1] + rates[last - 2]) / 3, MAX_ROUNDS, false);
  }
}
