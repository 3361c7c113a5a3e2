package io.godfs.bootstrap.config;

/**
 * A setting has a value the process cannot start with. The message names the setting (environment
 * variable and flag), the bad value and what is allowed, e.g. {@code GODFS_REPLICATION
 * (--replication) : 0 (expected: an integer 1-16)}.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
