package io.godfs.domain.error;

import java.util.Objects;
import java.util.function.Function;

/**
 * The result of an operation that can be refused for expected reasons: either {@link Ok} with a
 * value or {@link Rejected} with a {@link DfsError}. Replicated state machines return it as data
 * instead of throwing, so a refusal never takes a server down.
 */
public sealed interface Outcome<T> {

  record Ok<T>(T value) implements Outcome<T> {}

  record Rejected<T>(DfsError error) implements Outcome<T> {
    public Rejected {
      Objects.requireNonNull(error, "error");
    }
  }

  static <T> Outcome<T> ok(T value) {
    return new Ok<>(value);
  }

  static <T> Outcome<T> rejected(ErrorCode code, String message) {
    return new Rejected<>(DfsError.of(code, message));
  }

  static <T> Outcome<T> rejected(DfsError error) {
    return new Rejected<>(error);
  }

  default boolean isOk() {
    return this instanceof Ok<T>;
  }

  /** The value, or a {@link DfsException} carrying the refusal. */
  default T orThrow() {
    return switch (this) {
      case Ok<T> ok -> ok.value();
      case Rejected<T> r -> throw new DfsException(r.error());
    };
  }

  default <U> Outcome<U> map(Function<? super T, ? extends U> f) {
    return switch (this) {
      case Ok<T> ok -> new Ok<>(f.apply(ok.value()));
      case Rejected<T> r -> new Rejected<>(r.error());
    };
  }

  default <U> Outcome<U> flatMap(Function<? super T, Outcome<U>> f) {
    return switch (this) {
      case Ok<T> ok -> f.apply(ok.value());
      case Rejected<T> r -> new Rejected<>(r.error());
    };
  }
}
