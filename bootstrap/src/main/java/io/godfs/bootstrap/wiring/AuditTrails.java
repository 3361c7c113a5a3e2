package io.godfs.bootstrap.wiring;

import io.godfs.adapters.audit.JsonLinesAuditLog;
import io.godfs.application.port.out.AuditLog;
import io.godfs.bootstrap.config.AuditConfig;

/** Opens a master's or chunkserver's audit trail as its settings say, and closes it. */
final class AuditTrails {
  private AuditTrails() {}

  /** A file rotated by size, standard output when no file is named, or none when off. */
  static AuditLog open(AuditConfig config) {
    if (!config.enabled()) {
      return AuditLog.NONE;
    }
    return config
        .file()
        .map(file -> JsonLinesAuditLog.toFile(file, config.maxBytes(), config.keep()))
        .orElseGet(() -> JsonLinesAuditLog.toStream(System.out));
  }

  static void close(AuditLog log) {
    if (log instanceof JsonLinesAuditLog trail) {
      trail.close();
    }
  }
}
