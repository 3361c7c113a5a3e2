package io.godfs.domain.access;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One call into a master use case: who makes it, from where, and which client request it serves.
 * The edge that received the call builds it and passes it explicitly down to the metadata store.
 *
 * <p>The request id lets a replicated store answer a retried mutation once: a client that retries
 * at a new leader (same id) gets the first result instead of a second apply. One request may make
 * several mutations; each is tagged with the request's id plus its position, which a retry
 * reproduces because it runs the same code.
 */
public final class Caller {
  /**
   * The longest request id a caller may send. Ids go into every log entry of the request and the
   * master remembers the most recent ones, so their size is bounded (the SDK's are about 60).
   */
  public static final int MAX_REQUEST_ID_CHARS = 64;

  private final Principal principal;
  private final String source;
  private final String requestId;
  private final AtomicInteger mutations = new AtomicInteger();

  private Caller(Principal principal, String source, String requestId) {
    this.principal = Objects.requireNonNull(principal, "principal");
    this.source = Objects.requireNonNull(source, "source");
    this.requestId = requestId;
  }

  /** A call that names no request: its mutations are not deduplicated on retry. */
  public static Caller of(Principal principal, String source) {
    return new Caller(principal, source, null);
  }

  /** A call serving client request {@code requestId} (checked by {@link #problemWith}). */
  public static Caller serving(Principal principal, String source, String requestId) {
    String problem = problemWith(requestId);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    return new Caller(principal, source, requestId);
  }

  /** This master acting on its own: healing, lease recovery, decommissioning. */
  public static Caller master(String masterId) {
    return of(new Principal.Master(masterId), "local");
  }

  /** Why {@code id} is no acceptable request id (too long, not printable ASCII), or null. */
  public static String problemWith(String id) {
    if (id.isEmpty()) {
      return "request id : empty (expected: 1 to "
          + MAX_REQUEST_ID_CHARS
          + " printable characters)";
    }
    if (id.length() > MAX_REQUEST_ID_CHARS) {
      return "request id : "
          + id.length()
          + " characters (expected: at most "
          + MAX_REQUEST_ID_CHARS
          + ")";
    }
    if (!id.chars().allMatch(c -> c > ' ' && c < 127)) {
      return "request id : contains spaces or control characters (expected: printable ASCII)";
    }
    return null;
  }

  public Principal principal() {
    return principal;
  }

  /** Where the call came from (an address, or {@code local}), for the audit log. */
  public String source() {
    return source;
  }

  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  /** The tag of this call's next mutation; empty when the call names no request. */
  public Optional<RequestTag> nextMutation() {
    return requestId == null
        ? Optional.empty()
        : Optional.of(new RequestTag(requestId, mutations.getAndIncrement()));
  }

  @Override
  public String toString() {
    return principal.name() + "@" + source + (requestId == null ? "" : " request " + requestId);
  }

  /** A request id and which of its mutations this is. */
  public record RequestTag(String request, int mutation) {
    public RequestTag {
      Objects.requireNonNull(request, "request");
    }
  }
}
