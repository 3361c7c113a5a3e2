package io.godfs.bootstrap.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A master's or chunkserver's audit trail: on or off, into a file (rotated past {@code maxBytes},
 * keeping {@code keep} old files) or onto standard output (the seed's default when no file is
 * named).
 */
public record AuditConfig(boolean enabled, Optional<Path> file, long maxBytes, int keep) {
  public static final long DEFAULT_MAX_BYTES = 100L << 20;
  public static final int DEFAULT_KEEP = 10;
  public static final AuditConfig OFF =
      new AuditConfig(false, Optional.empty(), DEFAULT_MAX_BYTES, DEFAULT_KEEP);

  public AuditConfig {
    Objects.requireNonNull(file, "file");
  }

  /**
   * A chunkserver's trail, with the seed's meaning: {@code GODFS_AUDIT_CHUNK} adds the chunk calls
   * to the audit trail that {@code GODFS_AUDIT_ENABLED} turns on (same file and rotation settings);
   * a chunkserver has no other calls to record, so without it there is no trail. The one without
   * the other is refused rather than silently recording nothing.
   */
  static AuditConfig ofChunkCalls(AuditConfig trail, boolean chunkCalls) {
    if (chunkCalls && !trail.enabled()) {
      throw new ConfigException(
          "GODFS_AUDIT_CHUNK is on but GODFS_AUDIT_ENABLED is off: the chunk calls are part of"
              + " the audit trail, which GODFS_AUDIT_ENABLED=1 turns on (with GODFS_AUDIT_LOG)");
    }
    return chunkCalls ? trail : OFF;
  }
}
