package io.godfs.bootstrap.logging;

import java.util.Objects;

/** How a process logs: {@code GODFS_LOG_LEVEL} and {@code GODFS_LOG_FORMAT} (ADR 0023, "Logs"). */
public record LogSettings(LogLevelSpec levels, LogFormat format) {
  public static final LogSettings DEFAULT = new LogSettings(LogLevelSpec.DEFAULT, LogFormat.TEXT);

  public LogSettings {
    Objects.requireNonNull(levels, "levels");
    Objects.requireNonNull(format, "format");
  }
}
