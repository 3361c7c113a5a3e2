package io.godfs.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of the audit trail: when, who (the principal's name, {@code anonymous} or {@code
 * unauthenticated}), from where, what (the operation), on which paths or which chunk, how it ended
 * ({@code ok} or the refusal's code, with the refusal's reason on a chunkserver) and the client
 * request it served. It never holds a credential, a token or file data.
 *
 * @param requestId the call's own id ({@code godfs-request-id}, for retries), when it had one
 * @param chunk the chunk a chunkserver call touched (empty on the master)
 * @param reason why a chunkserver refused or failed the call, as its error said (empty when ok)
 * @param operationId the client operation the call served ({@code x-request-id}, the id in its
 *     traces and log lines), when known
 */
public record AuditEvent(
    Instant time,
    String principal,
    String source,
    String operation,
    List<String> paths,
    String result,
    Optional<String> requestId,
    Optional<AuditedChunk> chunk,
    Optional<String> reason,
    Optional<String> operationId) {
  public AuditEvent {
    Objects.requireNonNull(operationId, "operationId");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(operation, "operation");
    paths = List.copyOf(paths);
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(chunk, "chunk");
    Objects.requireNonNull(reason, "reason");
  }

  /** An event whose client operation is not known. */
  public AuditEvent(
      Instant time,
      String principal,
      String source,
      String operation,
      List<String> paths,
      String result,
      Optional<String> requestId,
      Optional<AuditedChunk> chunk,
      Optional<String> reason) {
    this(
        time,
        principal,
        source,
        operation,
        paths,
        result,
        requestId,
        chunk,
        reason,
        Optional.empty());
  }

  /** The same event, naming the client operation it served. */
  public AuditEvent servingOperation(Optional<String> id) {
    return new AuditEvent(
        time, principal, source, operation, paths, result, requestId, chunk, reason, id);
  }

  /** A master's event: paths, no chunk. */
  public AuditEvent(
      Instant time,
      String principal,
      String source,
      String operation,
      List<String> paths,
      String result,
      Optional<String> requestId) {
    this(
        time,
        principal,
        source,
        operation,
        paths,
        result,
        requestId,
        Optional.empty(),
        Optional.empty());
  }

  /**
   * The chunk a chunkserver call named: its id, and its version ({@code 0} when the call covers
   * every version, as a deletion does, or named none).
   */
  public record AuditedChunk(long id, long version) {}
}
