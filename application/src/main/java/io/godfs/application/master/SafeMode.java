package io.godfs.application.master;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Locale;

/**
 * The master's safe mode (HDFS's): entered at start, while the replica map is still being rebuilt
 * from chunk reports. Inside it the master deletes no replica and orders no copy, because a chunk
 * that merely has not been reported yet would look missing or orphaned. It leaves by itself once
 * enough chunkservers registered and enough chunks have a reported replica, for a while in a row;
 * an operator can also enter it (then only an operator leaves it) or leave it. Thread-safe.
 */
final class SafeMode {
  private static final Logger LOG = System.getLogger(SafeMode.class.getName());

  /** What {@code godfs admin safemode get} shows. */
  record Status(boolean on, boolean manual, String reason) {}

  private final boolean enabled;
  private boolean on;
  private boolean manual;
  private Instant satisfiedSince;
  private String reason = "starting: waiting for chunk reports";

  /**
   * Starts on, unless the settings ask for no safe mode at all (no minimum of nodes and no
   * extension).
   */
  SafeMode(HealingSettings settings) {
    this.enabled = settings.safeModeMinNodes() > 0 || !settings.safeModeExtension().isZero();
    this.on = enabled;
  }

  /**
   * A new leader knows no replica yet: on again until this term's reports arrive (an operator's
   * hold stays).
   */
  synchronized void restart() {
    if (manual) {
      return;
    }
    on = enabled;
    satisfiedSince = null;
    reason = "new leader: waiting for chunk reports";
  }

  synchronized boolean isOn() {
    return on;
  }

  /**
   * Enough chunkservers reported to answer clients (the extension may still run; an operator's hold
   * serves).
   */
  synchronized boolean thresholdsMet() {
    return !on || manual || satisfiedSince != null;
  }

  synchronized Status status() {
    return new Status(on, manual, on ? reason : "off");
  }

  /** Re-evaluated every maintenance round from what the chunkservers reported so far. */
  synchronized void evaluate(
      Instant now, int liveNodes, int chunks, int chunksReported, HealingSettings settings) {
    if (!on || manual) {
      return;
    }
    double reported = chunks == 0 ? 1.0 : (double) chunksReported / chunks;
    if (liveNodes < settings.safeModeMinNodes()) {
      reason =
          "waiting for chunkservers: "
              + liveNodes
              + " of "
              + settings.safeModeMinNodes()
              + " registered";
      satisfiedSince = null;
      return;
    }
    if (reported < settings.safeModeThreshold()) {
      reason =
          String.format(
              Locale.ROOT,
              "waiting for chunk reports: %d of %d chunks have a replica"
                  + " (%.1f%%, need %.1f%%)",
              chunksReported,
              chunks,
              100 * reported,
              100 * settings.safeModeThreshold());
      satisfiedSince = null;
      return;
    }
    if (satisfiedSince == null) {
      satisfiedSince = now;
    }
    Instant leaveAt = satisfiedSince.plus(settings.safeModeExtension());
    if (now.isBefore(leaveAt)) {
      reason = "thresholds met; leaving at " + leaveAt;
      return;
    }
    on = false;
    LOG.log(
        Level.INFO,
        "left safe mode: {0} chunkservers, {1} of {2} chunks reported",
        liveNodes,
        chunksReported,
        chunks);
  }

  synchronized void enter() {
    on = true;
    manual = true;
    reason = "entered by an operator (leave with: godfs admin safemode leave)";
  }

  synchronized void leave() {
    on = false;
    manual = false;
  }
}
