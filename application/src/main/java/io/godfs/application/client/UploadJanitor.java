package io.godfs.application.client;

import io.godfs.application.port.in.MultipartUploadUseCase;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Expires abandoned multipart uploads and staged files in the background ({@link
 * MultipartUploadUseCase#expireAbandoned}), a few times per expiry period. One daemon thread per
 * front end; stopped with it.
 */
public final class UploadJanitor implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(UploadJanitor.class.getName());
  private static final Duration LONGEST_SWEEP = Duration.ofMinutes(10);
  private final ScheduledExecutorService scheduler;
  private volatile boolean refusalReported;

  private UploadJanitor(IntSupplier sweep, Duration period) {
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "godfs-upload-janitor");
              t.setDaemon(true);
              return t;
            });
    long ms = Math.max(1000, period.toMillis());
    scheduler.scheduleWithFixedDelay(() -> sweep(sweep), ms, ms, TimeUnit.MILLISECONDS);
  }

  /** Sweeps every quarter of {@code expiry}, at most 10 minutes apart, at least a second. */
  public static UploadJanitor start(MultipartUploadUseCase uploads, Duration expiry) {
    return start(uploads::expireAbandoned, expiry);
  }

  /**
   * As {@link #start(MultipartUploadUseCase, Duration)}, running {@code sweep} (which answers how
   * much it removed): several kinds of upload area at once, say.
   */
  public static UploadJanitor start(IntSupplier sweep, Duration expiry) {
    Duration quarter = expiry.dividedBy(4);
    return new UploadJanitor(sweep, quarter.compareTo(LONGEST_SWEEP) < 0 ? quarter : LONGEST_SWEEP);
  }

  private void sweep(IntSupplier sweep) {
    try {
      int removed = sweep.getAsInt();
      if (removed > 0) {
        LOG.log(Level.INFO, "expired " + removed + " abandoned uploads");
      }
    } catch (DfsException e) {
      if (e.code() == ErrorCode.PERMISSION_DENIED || e.code() == ErrorCode.UNAUTHENTICATED) {
        // Configuration, not weather: say it once, loudly enough to be fixed.
        if (!refusalReported) {
          refusalReported = true;
          LOG.log(Level.WARNING, "abandoned uploads cannot be expired: " + e.getMessage());
        }
      } else {
        LOG.log(Level.DEBUG, "upload expiry failed: " + e.getMessage());
      }
    } catch (RuntimeException e) {
      // The cluster may be down for a while; the next round tries again.
      LOG.log(Level.DEBUG, "upload expiry failed: " + e.getMessage());
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
