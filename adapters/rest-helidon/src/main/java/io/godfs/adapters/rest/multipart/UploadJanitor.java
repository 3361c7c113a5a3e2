package io.godfs.adapters.rest.multipart;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Expires abandoned multipart uploads and PUT temp files in the background, every
 * {@code period}. One daemon thread per gateway; stopped with the gateway.
 */
public final class UploadJanitor implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger("io.godfs.adapters.rest");
  private final ScheduledExecutorService scheduler;

  public UploadJanitor(MultipartUploads uploads, Duration period) {
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "godfs-gateway-janitor");
      t.setDaemon(true);
      return t;
    });
    long ms = Math.max(1000, period.toMillis());
    scheduler.scheduleWithFixedDelay(() -> {
      try {
        int removed = uploads.expireAbandoned();
        if (removed > 0) {
          LOG.log(Level.INFO, "expired " + removed + " abandoned uploads");
        }
      } catch (RuntimeException e) {
        // The cluster may be down for a while; the next round tries again.
        LOG.log(Level.DEBUG, "upload expiry failed: " + e.getMessage());
      }
    }, ms, ms, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
