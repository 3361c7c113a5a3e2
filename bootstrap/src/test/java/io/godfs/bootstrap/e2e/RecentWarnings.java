package io.godfs.bootstrap.e2e;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The last few warnings logged under a package, kept so that a failing test can say what the mount
 * saw go wrong: CI keeps only an excerpt of the console, where they would otherwise be.
 */
public final class RecentWarnings extends Handler implements AutoCloseable {
  private static final int KEPT = 12;
  private static final int LONGEST = 400;
  private final Logger logger;
  private final Deque<String> recent = new ArrayDeque<>();

  private RecentWarnings(Logger logger) {
    this.logger = logger;
    setLevel(Level.WARNING);
  }

  /** Starts keeping the warnings logged under {@code loggerName}. */
  public static RecentWarnings of(String loggerName) {
    RecentWarnings handler = new RecentWarnings(Logger.getLogger(loggerName));
    handler.logger.addHandler(handler);
    return handler;
  }

  @Override
  public synchronized void publish(LogRecord record) {
    if (!isLoggable(record)) {
      return;
    }
    if (recent.size() == KEPT) {
      recent.removeFirst();
    }
    String line = record.getLoggerName() + ": " + record.getMessage();
    recent.addLast(line.length() > LONGEST ? line.substring(0, LONGEST) + "..." : line);
  }

  /** The kept warnings, oldest first, one per line; "none" when there was none. */
  public synchronized String describe() {
    return recent.isEmpty() ? "none" : String.join("\n", recent);
  }

  @Override
  public void flush() {
    // Nothing buffered outside memory.
  }

  @Override
  public void close() {
    logger.removeHandler(this);
  }
}
