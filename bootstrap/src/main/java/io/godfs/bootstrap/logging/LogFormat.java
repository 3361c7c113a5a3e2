package io.godfs.bootstrap.logging;

import java.util.Locale;
import java.util.logging.Formatter;

/** {@code GODFS_LOG_FORMAT}: one line per event, for people ({@code text}) or shippers. */
public enum LogFormat {
  TEXT,
  JSON;

  public static final String EXPECTED = "text or json";

  /** The format {@code text} names (any case), or {@link IllegalArgumentException}. */
  public static LogFormat parse(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "text" -> TEXT;
      case "json" -> JSON;
      default -> throw new IllegalArgumentException("not a log format: " + LogText.escaped(text));
    };
  }

  /** Its formatter; {@code node} names this process in JSON lines (empty: not known). */
  public Formatter formatter(String node) {
    return this == JSON ? new JsonFormatter(node) : new TextFormatter();
  }
}
