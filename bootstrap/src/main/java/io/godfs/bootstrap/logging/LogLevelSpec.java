package io.godfs.bootstrap.logging;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;
import java.util.regex.Pattern;

/**
 * {@code GODFS_LOG_LEVEL}: the root level, then optional {@code logger=level} pairs, comma
 * separated, like {@code info,io.godfs.application.master=debug,org.apache.ratis=warn} (ADR 0023,
 * "Logs"). Level names are those of {@link LogLevelNames}.
 *
 * @param root the root logger's level
 * @param loggers the level of each named logger, in the order given
 */
public record LogLevelSpec(Level root, Map<String, Level> loggers) {
  /** What the setting accepts, for error messages. */
  public static final String EXPECTED =
      "a level ("
          + LogLevelNames.EXPECTED
          + "), then optional logger=level pairs, like info,org.apache.ratis=warn";

  /** A logger's name: Java package and class names, dot separated. */
  static final Pattern LOGGER_NAME = Pattern.compile("[A-Za-z0-9_$][A-Za-z0-9_$.-]{0,199}");

  public static final LogLevelSpec DEFAULT = new LogLevelSpec(Level.INFO, Map.of());

  public LogLevelSpec {
    Objects.requireNonNull(root, "root");
    loggers = Collections.unmodifiableMap(new LinkedHashMap<>(loggers));
  }

  /** The spec {@code text} says, or {@link IllegalArgumentException} naming what is wrong. */
  public static LogLevelSpec parse(String text) {
    String[] items = text.strip().split(",", -1);
    Level root = null;
    Map<String, Level> loggers = new LinkedHashMap<>();
    for (int i = 0; i < items.length; i++) {
      String item = items[i].strip();
      int equals = item.indexOf('=');
      if (equals < 0) {
        if (i != 0) {
          throw new IllegalArgumentException(
              "'" + LogText.escaped(item) + "' is not logger=level (only the first item is bare)");
        }
        root = LogLevelNames.parse(item);
        continue;
      }
      String name = loggerName(item.substring(0, equals).strip());
      Level level = LogLevelNames.parse(item.substring(equals + 1));
      if (name.isEmpty()) {
        root = level;
      } else {
        loggers.put(name, level);
      }
    }
    return new LogLevelSpec(root == null ? Level.INFO : root, loggers);
  }

  /**
   * {@code name} when it can name a logger, or {@link IllegalArgumentException}; {@code root} (or
   * empty) is the root logger, {@code ""}.
   */
  public static String loggerName(String name) {
    if (name.isEmpty() || name.equals("root")) {
      return "";
    }
    if (!LOGGER_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "not a logger name: '" + LogText.escaped(name) + "' (expected: like io.godfs.bootstrap)");
    }
    return name;
  }
}
