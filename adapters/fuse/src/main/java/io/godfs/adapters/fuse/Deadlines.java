package io.godfs.adapters.fuse;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs namespace calls with the mount's deadline, so a program waiting on the mount gets ETIMEDOUT
 * instead of hanging when the master stops answering. The call runs on a virtual thread and is
 * interrupted (its gRPC call cancelled) when the deadline passes.
 */
final class Deadlines implements AutoCloseable {
  private final long timeoutNanos;
  private final ExecutorService executor;

  Deadlines(Duration timeout) {
    this.timeoutNanos = timeout.toNanos();
    this.executor = timeoutNanos > 0 ? Executors.newVirtualThreadPerTaskExecutor() : null;
  }

  /** Runs {@code call}; throws what it throws, or {@link FuseErrnoException} (ETIMEDOUT, EINTR). */
  <T> T call(String what, Supplier<T> call) {
    if (executor == null) {
      return call.get();
    }
    Future<T> future = executor.submit(call::get);
    try {
      return future.get(timeoutNanos, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new FuseErrnoException(
          Errno.ETIMEDOUT,
          what + " timed out after " + Duration.ofNanos(timeoutNanos) + " (--rpc-timeout)",
          e);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new FuseErrnoException(Errno.EINTR, what + " interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new FuseErrnoException(Errno.EIO, what + " failed: " + e.getCause(), e.getCause());
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

  @Override
  public void close() {
    if (executor != null) {
      executor.shutdownNow();
    }
  }
}
