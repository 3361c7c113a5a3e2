package io.godfs.adapters.fuse;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * Arrays that carry a read's or a write's bytes between libfuse's buffer and the open file, lent
 * for one callback and then kept for the next. Not one per thread: the JVM sees libfuse's workers
 * as new threads again and again, so a thread-local array was allocated anew for most calls (80 %
 * of the mount's allocations during a 1 GiB write, which grew its heap to 600 MiB).
 */
final class TransferBuffers {
  /** At most this many arrays are kept: libfuse runs at most 10 workers by default. */
  static final int KEPT = 16;

  private static final int SMALLEST = 128 * 1024;
  private final ArrayBlockingQueue<byte[]> spare = new ArrayBlockingQueue<>(KEPT);

  /** An array of at least {@code size} bytes, the caller's until {@link #giveBack}. */
  byte[] borrow(int size) {
    byte[] kept = spare.poll();
    return kept != null && kept.length >= size ? kept : new byte[Math.max(size, SMALLEST)];
  }

  void giveBack(byte[] array) {
    spare.offer(array);
  }

  /** How many arrays wait for the next call (tests). */
  int spare() {
    return spare.size();
  }
}
