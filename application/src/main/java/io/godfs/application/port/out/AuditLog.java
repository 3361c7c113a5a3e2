package io.godfs.application.port.out;

/**
 * Where the master's audit trail goes: one event per mutation, administrative action and refused
 * request. Writing never blocks or fails the call it records; a trail that cannot be written says
 * so in the log.
 */
public interface AuditLog {

  void record(AuditEvent event);

  /** No trail (auditing off). */
  AuditLog NONE = event -> {};
}
