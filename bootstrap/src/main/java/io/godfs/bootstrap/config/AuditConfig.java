package io.godfs.bootstrap.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The master's audit trail: on or off, into a file (rotated past {@code maxBytes}, keeping {@code
 * keep} old files) or onto standard output (the seed's default when no file is named).
 */
public record AuditConfig(boolean enabled, Optional<Path> file, long maxBytes, int keep) {
  public static final long DEFAULT_MAX_BYTES = 100L << 20;
  public static final int DEFAULT_KEEP = 10;
  public static final AuditConfig OFF =
      new AuditConfig(false, Optional.empty(), DEFAULT_MAX_BYTES, DEFAULT_KEEP);

  public AuditConfig {
    Objects.requireNonNull(file, "file");
  }
}
