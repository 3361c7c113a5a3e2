package io.godfs.bootstrap.cli;

import io.godfs.domain.error.DfsException;
import io.godfs.domain.file.DfsPath;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Fetches, draws and waits, frame after frame, until stopped ({@code godfs admin top}). On a
 * terminal each frame is redrawn in place (the cursor hidden meanwhile and shown again at the end,
 * the last frame left on the screen); otherwise every frame is printed after the previous one,
 * followed by a blank line. A failed first fetch is the command's error; a later one is shown under
 * the last frame and tried again at the next interval (a leader change, a restarting master).
 */
final class TopLoop {
  /** ANSI: cursor home, erase to the end of the line, erase to the end of the screen. */
  private static final String HOME = "\u001b[H";

  private static final String CLEAR_LINE = "\u001b[K";
  private static final String CLEAR_BELOW = "\u001b[J";
  private static final String CLEAR_SCREEN = "\u001b[2J";
  private static final String HIDE_CURSOR = "\u001b[?25l";
  private static final String SHOW_CURSOR = "\u001b[?25h";
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final Supplier<TopRenderer.Sample> fetch;
  private final TopRenderer renderer;
  private final PrintWriter out;
  private final boolean inPlace;
  private final InstantSource clock;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final CountDownLatch finished = new CountDownLatch(1);
  private final AtomicBoolean restored = new AtomicBoolean();
  private volatile boolean cursorHidden;

  /** {@code inPlace}: {@code out} is a terminal that understands ANSI cursor movement. */
  TopLoop(
      Supplier<TopRenderer.Sample> fetch,
      TopRenderer renderer,
      PrintWriter out,
      boolean inPlace,
      InstantSource clock) {
    this.fetch = fetch;
    this.renderer = renderer;
    this.out = out;
    this.inPlace = inPlace;
    this.clock = clock;
  }

  /**
   * Draws one frame, or one every {@code interval} until {@link #stop(Duration)}; returns the exit
   * code (0). A first fetch that fails throws, after the terminal is restored.
   */
  int run(Duration interval, boolean once) {
    try {
      if (inPlace && !once) {
        cursorHidden = true;
        out.print(HIDE_CURSOR + CLEAR_SCREEN);
      }
      TopRenderer.Sample previous = null;
      String frame = null;
      while (true) {
        try {
          TopRenderer.Sample now = fetch.get();
          frame = renderer.render(now, previous);
          previous = now;
          draw(frame, once);
        } catch (DfsException e) {
          if (frame == null || once) {
            throw e;
          }
          String failed =
              "update failed at "
                  + CLOCK.format(clock.instant())
                  + " UTC, retrying every "
                  + seconds(interval)
                  + ": "
                  + DfsPath.controlsEscaped(ErrorMessages.of(e))
                  + "\n";
          // On a terminal under the frame it is about; into a pipe after it, not a copy of it.
          draw(inPlace ? frame + "\n" + failed : failed, false);
        }
        if (once || stop.await(interval.toMillis(), TimeUnit.MILLISECONDS)) {
          return 0;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    } finally {
      restore();
      finished.countDown();
    }
  }

  /**
   * Asks a running loop to end after its current frame (Ctrl-C): waits up to {@code grace} for it,
   * so the terminal is restored before the process exits.
   */
  void stop(Duration grace) {
    stop.countDown();
    try {
      if (!finished.await(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        restore(); // a fetch still under way: the process ends without its frame
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void draw(String frame, boolean once) {
    if (!inPlace || once) {
      out.print(frame);
      if (!once) {
        out.print('\n');
      }
    } else {
      StringBuilder screen = new StringBuilder(HOME);
      frame.lines().forEach(l -> screen.append(l).append(CLEAR_LINE).append('\n'));
      out.print(screen.append(CLEAR_BELOW));
    }
    out.flush();
  }

  private void restore() {
    if (restored.compareAndSet(false, true)) {
      if (cursorHidden) {
        out.print(SHOW_CURSOR);
      }
      out.flush();
    }
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }
}
