package io.godfs.adapters.fuse;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs namespace calls with the mount's deadline, so a program waiting on the mount gets ETIMEDOUT
 * instead of hanging when the master stops answering. The call runs on the calling thread
 * (libfuse's); a watchdog thread interrupts it once the deadline has passed, which cancels its gRPC
 * call. Running each call on a virtual thread instead, as this class once did, cost two thread
 * wake-ups per call: 12-39 % of a metadata call's rate through the mount
 * (docs/notes/mount-metadata-breakdown.md).
 */
final class Deadlines implements AutoCloseable {
  /** How often the watchdog looks at the calls in flight, at most: a deadline is met within it. */
  private static final Duration MAX_TICK = Duration.ofMillis(100);

  private static final Duration MIN_TICK = Duration.ofMillis(5);

  private final long timeoutNanos;
  private final Set<Call> running = ConcurrentHashMap.newKeySet();
  private final Thread watchdog;

  Deadlines(Duration timeout) {
    this.timeoutNanos = timeout.toNanos();
    if (timeoutNanos > 0) {
      Duration tick = timeout.dividedBy(10);
      long tickNanos =
          Math.clamp(tick.toNanos(), MIN_TICK.toNanos(), MAX_TICK.toNanos()); // 10 % late at most
      this.watchdog =
          Thread.ofPlatform().daemon().name("godfs-fuse-deadlines").start(() -> watch(tickNanos));
    } else {
      this.watchdog = null;
    }
  }

  /**
   * Runs {@code call}; returns what it returns, even when it finished after its deadline; throws
   * what it throws, or {@link FuseErrnoException} (ETIMEDOUT) when the watchdog interrupted it.
   */
  <T> T call(String what, Supplier<T> call) {
    if (watchdog == null) {
      return call.get();
    }
    Call c = new Call(Thread.currentThread(), System.nanoTime() + timeoutNanos);
    running.add(c);
    try {
      return call.get();
    } catch (RuntimeException e) {
      if (c.interrupted()) {
        throw new FuseErrnoException(
            Errno.ETIMEDOUT,
            what + " timed out after " + Duration.ofNanos(timeoutNanos) + " (--rpc-timeout)",
            e);
      }
      throw e;
    } finally {
      running.remove(c);
      c.finish();
    }
  }

  void run(String what, Runnable call) {
    call(
        what,
        () -> {
          call.run();
          return null;
        });
  }

  private void watch(long tickNanos) {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        Thread.sleep(Duration.ofNanos(tickNanos));
      } catch (InterruptedException e) {
        return; // closed
      }
      long now = System.nanoTime();
      for (Call c : running) {
        if (now - c.deadline > 0) {
          c.interrupt();
        }
      }
    }
  }

  @Override
  public void close() {
    if (watchdog != null) {
      watchdog.interrupt();
    }
  }

  /**
   * One call in flight. The interrupt reaches its thread only while the call runs: {@link #finish}
   * waits out one being delivered and clears it, so it never leaks into libfuse's next callback.
   */
  private static final class Call {
    private static final int RUNNING = 0;
    private static final int INTERRUPTING = 1;
    private static final int INTERRUPTED = 2;
    private static final int DONE = 3;

    private final Thread thread;
    private final long deadline;
    private final AtomicInteger state = new AtomicInteger(RUNNING);

    Call(Thread thread, long deadline) {
      this.thread = thread;
      this.deadline = deadline;
    }

    void interrupt() {
      if (state.compareAndSet(RUNNING, INTERRUPTING)) {
        thread.interrupt();
        state.set(INTERRUPTED);
      }
    }

    boolean interrupted() {
      int s = state.get();
      return s == INTERRUPTING || s == INTERRUPTED;
    }

    /** Called by the call's own thread when the call has ended. */
    void finish() {
      if (state.compareAndSet(RUNNING, DONE)) {
        return;
      }
      while (state.get() == INTERRUPTING) {
        Thread.onSpinWait(); // the watchdog is between its two steps
      }
      Thread.interrupted(); // the watchdog's interrupt, consumed or not by the call
    }
  }
}
