package io.godfs.application.port.out;

import java.util.function.Supplier;

/**
 * The client request a master thread is serving, so a replicated store can tag the mutations it
 * makes with a request id: a client that retries a mutation at a new leader (same id) then gets
 * the first result instead of a second apply. One request may make several mutations; each gets
 * the request's id plus its position, which a retry reproduces because it runs the same code.
 */
public final class CallerRequest {
  private static final ThreadLocal<CallerRequest> CURRENT = new ThreadLocal<>();
  private final String id;
  private int mutations;

  private CallerRequest(String id) {
    this.id = id;
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
