package io.godfs.adapters.grpc.wire;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Watches a socket for the next frame for a short while before its thread blocks in a read.
 *
 * <p>Why: a thread blocked in a read is woken by the kernel when bytes arrive, and on a machine
 * whose CPUs halt when idle (virtual machines: each wake-up of a halted virtual CPU is an interrupt
 * to it) that wake-up is most of a small call's time. One thread sending a 120-byte request and
 * waiting for the answer over loopback: 43-51 µs per call blocking, 7-8 µs when both sides look at
 * their socket for up to 100 µs first (`benchmarks/peers/TransportFloor.java`, docs/benchmarks.md
 * stops 43 and 46). A client waits so for its answer; a server, after answering, for the same
 * client's next call, which a program working through a tree (through the mount: the kernel, FUSE
 * and the program between two calls) sends within 100-300 µs.
 *
 * <p>What it costs, and its limits: CPU time while nothing comes. So a connection watches only
 * while its recent waits were short ({@link Pace}: their running average below the bound): a client
 * whose calls wait for Raft (a millisecond and more) and a server whose client calls now and then
 * block at once, as every thread did before. And at most half the machine's CPUs watch at once per
 * side ({@link #CLIENT}, {@link #SERVER}); a waiter that finds no free place blocks at once. Under
 * load nothing is lost: busy CPUs do not halt.
 */
final class WireSpin {
  /** The longest a client watches for its answer: a call its master answers at once. */
  static final long CLIENT_NANOS = TimeUnit.MICROSECONDS.toNanos(100);

  /** The longest a server watches for a client's next call after answering its last. */
  static final long SERVER_NANOS = TimeUnit.MICROSECONDS.toNanos(300);

  /** For callers waiting for their answers. */
  static final WireSpin CLIENT = new WireSpin(watchers(), CLIENT_NANOS);

  /** For a server's connection threads waiting for their clients' next calls. */
  static final WireSpin SERVER = new WireSpin(watchers(), SERVER_NANOS);

  private final Semaphore places;
  private final long bound;

  /** {@code places}: threads that may watch at once; {@code bound}: the longest watch, in ns. */
  WireSpin(int places, long bound) {
    this.places = new Semaphore(places);
    this.bound = bound;
  }

  private static int watchers() {
    return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
  }

  /** A new connection's pace: it watches from its first wait. */
  Pace pace() {
    return new Pace(4 * bound);
  }

  /**
   * How long one connection's waits took lately: a running average (each new wait a quarter of it,
   * counted as at most four bounds), so waits that keep being long stop the watching, one idle
   * pause stops it for a call or two, and short waits bring it back. Used by the one thread that
   * has the connection.
   */
  static final class Pace {
    private final long longest;
    private long since = System.nanoTime();
    private long average;

    Pace(long longest) {
      this.longest = longest;
    }

    /** The wait begins: a request or an answer was just sent ({@link WireSpin#awaitBytes}). */
    private void waiting() {
      since = System.nanoTime();
    }

    /** The wait ended: the next frame is being read. */
    void arrived() {
      arrivedAfter(System.nanoTime() - since);
    }

    void arrivedAfter(long waitedNanos) {
      long took = Math.min(waitedNanos, longest);
      average += (took - average) / 4;
    }

    long average() {
      return average;
    }
  }

  /**
   * Returns once {@code buffered} (the stream the caller reads: bytes it already holds) or {@code
   * socket} (the socket's own stream: bytes the kernel holds) has bytes, or after the bound; at
   * once when {@code pace}'s recent waits were longer than the bound or every place is taken. The
   * caller then reads as it would have, blocking if need be: this only decides how it waits.
   */
  void awaitBytes(InputStream buffered, InputStream socket, Pace pace) throws IOException {
    pace.waiting();
    if (pace.average() > bound || !places.tryAcquire()) {
      return;
    }
    try {
      long start = System.nanoTime();
      while (buffered.available() == 0
          && socket.available() == 0
          && System.nanoTime() - start < bound) {
        // Yield, not only pause: on two cores the thread that will send the next frame (the
        // client's program, the kernel's FUSE request, libfuse's worker) may need this CPU, and a
        // watcher holding it made the round trips it waits for slower, round after round. A yield
        // with no one else runnable returns at once (mount mkdir, 10 rounds each, alternated
        // twice: medians ~5,200 and ~4,000/s with pauses, ~6,000 and ~6,700/s with yields).
        Thread.yield();
      }
    } finally {
      places.release();
    }
  }
}
