package io.godfs.bootstrap.config;

import io.godfs.bootstrap.logging.LogFormat;
import io.godfs.bootstrap.logging.LogLevelSpec;
import io.godfs.bootstrap.logging.LogSettings;
import java.util.Map;

/**
 * The {@link ConfigLoader}'s part for logs: {@code GODFS_LOG_LEVEL} and {@code GODFS_LOG_FORMAT}
 * (ADR 0023, "Logs"), a bad value a {@link ConfigException} naming the setting and what it takes.
 */
final class LogSettingsReader {
  private LogSettingsReader() {}

  static LogSettings read(ConfigLoader loader, Role role, Map<Setting, String> flags) {
    return new LogSettings(
        loader.raw(role, flags, Setting.LOG_LEVEL, "info").parse(LogLevelSpec::parse),
        loader.raw(role, flags, Setting.LOG_FORMAT, "text").parse(LogFormat::parse));
  }
}
