package io.godfs.bootstrap.logging;

import java.util.Locale;
import java.util.logging.Level;

/**
 * The level names goDFS's settings and {@code /loggers} use, those of {@link System.Logger.Level}
 * (plus {@code warn} for {@code warning}), and the {@code java.util.logging} levels they stand for,
 * as the JDK maps them when {@code System.Logger} logs to {@code java.util.logging}: {@code TRACE}
 * is {@code FINER}, {@code DEBUG} is {@code FINE}, {@code ERROR} is {@code SEVERE}.
 */
public final class LogLevelNames {
  /** What a level may be called, for error messages. */
  public static final String EXPECTED = "trace, debug, info, warn (or warning), error, off or all";

  private LogLevelNames() {}

  /** The JUL level {@code name} stands for (any case), or {@link IllegalArgumentException}. */
  public static Level parse(String name) {
    return switch (name.strip().toLowerCase(Locale.ROOT)) {
      case "all" -> Level.ALL;
      case "trace" -> Level.FINER;
      case "debug" -> Level.FINE;
      case "info" -> Level.INFO;
      case "warn", "warning" -> Level.WARNING;
      case "error" -> Level.SEVERE;
      case "off" -> Level.OFF;
      default ->
          throw new IllegalArgumentException(
              "not a log level: '" + LogText.escaped(name) + "' (expected: " + EXPECTED + ")");
    };
  }

  /** The {@link System.Logger.Level} name of a JUL level ({@code FINE} is {@code DEBUG}). */
  public static String name(Level level) {
    int value = level.intValue();
    if (value == Level.OFF.intValue()) {
      return "OFF";
    }
    if (value >= Level.SEVERE.intValue()) {
      return "ERROR";
    }
    if (value >= Level.WARNING.intValue()) {
      return "WARNING";
    }
    if (value >= Level.INFO.intValue()) {
      return "INFO";
    }
    if (value >= Level.FINE.intValue()) {
      return "DEBUG"; // CONFIG too
    }
    if (value > Level.ALL.intValue()) {
      return "TRACE";
    }
    return "ALL";
  }

  /** The name in a log line: five characters at most ({@code WARN}, not {@code WARNING}). */
  static String shortName(Level level) {
    String name = name(level);
    return name.equals("WARNING") ? "WARN" : name;
  }
}
