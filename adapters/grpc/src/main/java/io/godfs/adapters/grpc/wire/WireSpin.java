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
 * stop 43). A client waits so for its answer; a server, after answering, for the same client's next
 * call, which a program working through a tree sends within tens of microseconds.
 *
 * <p>What it costs: up to {@link #NANOS} of one CPU per wait that ends without bytes. So at most
 * half the machine's CPUs watch at once per side ({@link #CLIENT}, {@link #SERVER}); the others
 * block at once, as every thread did before. Under load nothing is lost: busy CPUs do not halt, and
 * a waiter that finds no free place simply blocks.
 */
final class WireSpin {
  /** The longest a wire thread watches before it blocks. */
  static final long NANOS = TimeUnit.MICROSECONDS.toNanos(100);

  /** For callers waiting for their answers. */
  static final WireSpin CLIENT = new WireSpin(watchers(), NANOS);

  /** For a server's connection threads waiting for their clients' next calls. */
  static final WireSpin SERVER = new WireSpin(watchers(), NANOS);

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

  /**
   * Returns once {@code buffered} (the stream the caller reads: bytes it already holds) or {@code
   * socket} (the socket's own stream: bytes the kernel holds) has bytes, or after the bound, or at
   * once when every place is taken. The caller then reads as it would have, blocking if need be:
   * this only decides how it waits.
   */
  void awaitBytes(InputStream buffered, InputStream socket) throws IOException {
    if (!places.tryAcquire()) {
      return;
    }
    try {
      long start = System.nanoTime();
      while (buffered.available() == 0
          && socket.available() == 0
          && System.nanoTime() - start < bound) {
        Thread.onSpinWait();
      }
    } finally {
      places.release();
    }
  }
}
