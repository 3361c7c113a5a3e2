package io.godfs.application.client;

import io.godfs.application.port.out.MasterClient;
import io.godfs.domain.file.FileId;
import io.godfs.domain.file.LeaseHolder;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a client's write leases alive (HDFS LeaseRenewer): while any of its files is open for
 * writing, one background thread renews all of them in one call, at a third of the master's lease
 * timeout. Counts the streams per file, so that a file opened twice by this client keeps its lease
 * until the last stream closes. Thread-safe.
 *
 * <p>The thread stays for {@link #IDLE_THREAD_KEPT} after the last stream closes: a client that
 * writes one small file after another (a mount's creates, an upload of many files) would otherwise
 * start and stop a thread per file, which the mount's create profile showed as one of its costs.
 */
final class LeaseRenewer implements AutoCloseable {
  private static final Logger LOG = System.getLogger(LeaseRenewer.class.getName());
  private static final Duration RETRY = Duration.ofSeconds(1);
  private static final Duration MIN_PERIOD = Duration.ofMillis(100);

  /** How long the renewal thread outlives the last stream, waiting for the next one. */
  static final Duration IDLE_THREAD_KEPT = Duration.ofSeconds(30);

  private final MasterClient master;
  private final LeaseHolder.Client writer;
  private final Map<FileId, Integer> openStreams = new HashMap<>();
  private ScheduledExecutorService timer;
  private ScheduledFuture<?> next;

  /**
   * Ends the thread once it has been idle for {@code idleThreadKept}; null while streams are open.
   */
  private ScheduledFuture<?> retire;

  private final Duration idleThreadKept;
  private boolean closed;

  /** Counts renewal chains, so that a renewal of an ended chain never schedules another. */
  private long chain;

  /** The renewal period learned from the master's lease timeout; null until the first renewal. */
  private Duration period;

  LeaseRenewer(MasterClient master, LeaseHolder.Client writer) {
    this(master, writer, IDLE_THREAD_KEPT);
  }

  /** With another time the idle thread is kept (tests shorten it, to see the thread end). */
  LeaseRenewer(MasterClient master, LeaseHolder.Client writer, Duration idleThreadKept) {
    this.master = master;
    this.writer = writer;
    this.idleThreadKept = idleThreadKept;
  }

  LeaseHolder.Client writer() {
    return writer;
  }

  /** A stream opened the file for writing. */
  synchronized void opened(FileId fileId) {
    openStreams.merge(fileId, 1, Integer::sum);
    if (retire != null) {
      retire.cancel(false);
      retire = null;
    }
    if (next == null && !closed) {
      if (timer == null) {
        timer =
            Executors.newSingleThreadScheduledExecutor(
                r -> {
                  Thread t = new Thread(r, "godfs-lease-renewer");
                  t.setDaemon(true);
                  return t;
                });
      }
      // The create or open that precedes this renewed the writer's leases on the master: once the
      // period is known, a file written in less than it costs no renewal call at all.
      long current = ++chain;
      next =
          timer.schedule(
              () -> renew(current), period == null ? 0 : period.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /**
   * A stream of the file closed; returns true when it was the last one (the lease may be released).
   */
  synchronized boolean closed(FileId fileId) {
    Integer left = openStreams.computeIfPresent(fileId, (id, n) -> n > 1 ? n - 1 : null);
    if (openStreams.isEmpty()) {
      stopTimer();
    }
    return left == null;
  }

  /**
   * With no file open for writing, the thread ends after {@code idleThreadKept} unless another
   * stream opens meanwhile: a client that is idle, or one of the many a gateway holds for the
   * callers it acts for, costs no thread for long and needs no closing.
   */
  private void stopTimer() {
    if (next != null) {
      next.cancel(false);
      next = null;
    }
    if (timer != null && retire == null) {
      ScheduledExecutorService idle = timer;
      retire =
          timer.schedule(
              () -> retireIfIdle(idle), idleThreadKept.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private synchronized void retireIfIdle(ScheduledExecutorService idle) {
    if (timer == idle && openStreams.isEmpty()) {
      timer.shutdown();
      timer = null;
      retire = null;
    }
  }

  /** Whether a renewal thread is kept now (running, or waiting for the next stream). */
  synchronized boolean hasThread() {
    return timer != null;
  }

  private void renew(long renewing) {
    Duration delay;
    try {
      Duration timeout = master.renewLease(writer);
      delay = timeout.dividedBy(3).compareTo(MIN_PERIOD) < 0 ? MIN_PERIOD : timeout.dividedBy(3);
      synchronized (this) {
        period = delay;
      }
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "renewing the write leases of {0} failed (retrying in {1}): {2}",
          writer,
          RETRY,
          e.getMessage());
      delay = RETRY;
    }
    synchronized (this) {
      if (next != null && !closed && renewing == chain) {
        next = timer.schedule(() -> renew(renewing), delay.toMillis(), TimeUnit.MILLISECONDS);
      }
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (timer != null) {
      timer.shutdownNow();
    }
    next = null;
    retire = null;
    timer = null;
  }
}
