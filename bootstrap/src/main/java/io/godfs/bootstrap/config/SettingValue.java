package io.godfs.bootstrap.config;

import java.util.Objects;

/**
 * A setting's value as given, before it is checked, and where it came from.
 *
 * @param value the text, or null when no source gives one and there is no default
 * @param origin the variable for {@link Source#ENV}, the file and key for {@link Source#FILE}, the
 *     flag for {@link Source#FLAG}, empty for {@link Source#DEFAULT}
 */
public record SettingValue(Setting setting, String value, Source source, String origin) {
  /** Where a value comes from, in order of precedence. */
  public enum Source {
    FLAG,
    ENV,
    FILE,
    DEFAULT
  }

  static final String MASK = "****";

  public SettingValue {
    Objects.requireNonNull(setting, "setting");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(origin, "origin");
  }

  /** The value as it may be printed: a credential is masked, an unset value is {@code (none)}. */
  public String shown() {
    if (value == null || value.isBlank()) {
      return value == null || source == Source.DEFAULT ? "(none)" : "''";
    }
    return setting.secret() ? MASK : value;
  }

  /**
   * The setting as named in a message about this value: {@code GODFS_REPLICATION (--replication)},
   * or {@code godfs.yaml master.replication (--replication)} for a value from the file.
   */
  String label() {
    return switch (source) {
      case ENV -> setting.label(origin);
      case FILE -> origin + (setting.flag() == null ? "" : " (" + setting.flag() + ")");
      case FLAG, DEFAULT -> setting.label(null);
    };
  }
}
