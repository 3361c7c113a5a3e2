package io.godfs.application.port.out;

import java.util.function.Supplier;

/**
 * The client request a master thread is serving, so a replicated store can tag the mutations it
 * makes with a request id: a client that retries a mutation at a new leader (same id) then gets the
 * first result instead of a second apply. One request may make several mutations; each gets the
 * request's id plus its position, which a retry reproduces because it runs the same code.
 */
public final class CallerRequest {
  /**
   * The longest request id a caller may send. Ids go into every log entry of the request and the
   * master remembers the most recent ones, so their size is bounded (the SDK's are about 60).
   */
  public static final int MAX_ID_CHARS = 64;

  private static final ThreadLocal<CallerRequest> CURRENT = new ThreadLocal<>();
  private final String id;
  private int mutations;

  private CallerRequest(String id) {
    this.id = id;
  }

  /**
   * Why {@code id} is no acceptable request id (too long, or not plain ASCII), or null when it is.
   */
  public static String problemWith(String id) {
    if (id.length() > MAX_ID_CHARS) {
      return "request id : " + id.length() + " characters (expected: at most " + MAX_ID_CHARS + ")";
    }
    if (!id.chars().allMatch(c -> c > ' ' && c < 127)) {
      return "request id : contains spaces or control characters (expected: printable ASCII)";
    }
    return null;
  }

  /** Runs {@code work} as request {@code id} (null or blank: untagged). */
  public static <T> T serve(String id, Supplier<T> work) {
    if (id == null || id.isBlank()) {
      return work.get();
    }
    CallerRequest previous = CURRENT.get();
    CURRENT.set(new CallerRequest(id));
    try {
      return work.get();
    } finally {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    }
  }

  /** The id for the next mutation of the request this thread serves, or null outside a request. */
  public static Tag nextMutation() {
    CallerRequest current = CURRENT.get();
    if (current == null) {
      return null;
    }
    return new Tag(current.id, current.mutations++);
  }

  /** A request id and which of its mutations this is. */
  public record Tag(String request, int mutation) {}
}
