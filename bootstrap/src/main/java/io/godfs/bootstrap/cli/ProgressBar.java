package io.godfs.bootstrap.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line transfer meter redrawn with {@code \r} on stderr: percent, MiB done of total and
 * MiB/s. Redraws at most every {@value #REDRAW_NANOS} ns; {@link #disabled()} draws nothing.
 */
final class ProgressBar {
  static final long MIN_SIZE = 8L << 20;
  private static final long REDRAW_NANOS = 200_000_000L;
  private static final double MIB = 1024.0 * 1024.0;

  private final PrintWriter err;
  private final long total;
  private final LongSupplier nanoTime;
  private final long start;
  private long lastDraw;
  private long done;

  ProgressBar(PrintWriter err, long total, LongSupplier nanoTime) {
    this.err = err;
    this.total = total;
    this.nanoTime = nanoTime;
    this.start = err == null ? 0 : nanoTime.getAsLong();
    this.lastDraw = start;
  }

  static ProgressBar disabled() {
    return new ProgressBar(null, 0, () -> 0);
  }

  /** A meter for {@code size} bytes when it is worth one: a terminal and at least 8 MiB. */
  static ProgressBar forTransfer(boolean interactive, long size, PrintWriter err) {
    return interactive && size >= MIN_SIZE
        ? new ProgressBar(err, size, System::nanoTime)
        : disabled();
  }

  void advance(long bytesDone) {
    done = bytesDone;
    if (err == null) {
      return;
    }
    long now = nanoTime.getAsLong();
    if (now - lastDraw >= REDRAW_NANOS) {
      lastDraw = now;
      draw(now);
    }
  }

  /** Draws the final state and ends the line. */
  void finish() {
    if (err == null) {
      return;
    }
    draw(nanoTime.getAsLong());
    err.println();
    err.flush();
  }

  private void draw(long now) {
    double seconds = Math.max(now - start, 1) / 1e9;
    long percent = total == 0 ? 100 : done * 100 / total;
    err.print(
        String.format(
            Locale.ROOT,
            "\r%3d%%  %.1f/%.1f MiB  %.1f MiB/s ",
            percent,
            done / MIB,
            total / MIB,
            done / MIB / seconds));
    err.flush();
  }
}
