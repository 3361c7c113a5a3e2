package io.godfs.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of the audit trail: when, who (the principal's name, {@code anonymous} or {@code
 * unauthenticated}), from where, what (the operation), on which paths, how it ended ({@code ok} or
 * the refusal's code) and the client request it served. It never holds a credential or file data.
 */
public record AuditEvent(
    Instant time,
    String principal,
    String source,
    String operation,
    List<String> paths,
    String result,
    Optional<String> requestId) {
  public AuditEvent {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(operation, "operation");
    paths = List.copyOf(paths);
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(requestId, "requestId");
  }
}
