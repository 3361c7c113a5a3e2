package io.godfs.bootstrap.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * What both formatters print of a record. The call's fields ({@link LogContext}) and the thread's
 * name are those of the thread formatting it, so they are taken only when that is the thread that
 * logged it (JUL's console and file handlers format in the caller's thread); a record handed to
 * another thread carries none rather than wrong ones.
 */
record LogEvent(
    Instant time,
    Level level,
    String logger,
    String message,
    Optional<Throwable> thrown,
    LogContext context,
    Optional<String> thread) {

  static LogEvent of(Formatter formatter, LogRecord record) {
    Thread current = Thread.currentThread();
    boolean here = record.getLongThreadID() == current.threadId();
    String message;
    try {
      message = formatter.formatMessage(record);
    } catch (RuntimeException e) {
      message = String.valueOf(record.getMessage());
    }
    return new LogEvent(
        record.getInstant(),
        record.getLevel(),
        record.getLoggerName() == null ? "" : record.getLoggerName(),
        message == null ? "" : message,
        Optional.ofNullable(record.getThrown()),
        here ? LogContext.current() : LogContext.NONE,
        here ? Optional.of(current.getName()) : Optional.empty());
  }

  /** The stack trace as the JDK prints it. */
  static String stackTrace(Throwable thrown) {
    StringWriter out = new StringWriter();
    try (PrintWriter writer = new PrintWriter(out)) {
      thrown.printStackTrace(writer);
    }
    return out.toString();
  }
}
