package io.godfs.domain;

import io.godfs.domain.error.DfsError;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;

/** Assertions on {@link Outcome}s that name the refusal when they fail. */
public final class Outcomes {
  private Outcomes() {}

  /** The value of an {@link Outcome.Ok}; fails with the refusal otherwise. */
  public static <T> T ok(Outcome<T> outcome) {
    return switch (outcome) {
      case Outcome.Ok<T> ok -> ok.value();
      case Outcome.Rejected<T> r ->
          throw new AssertionError("expected Ok but was rejected: " + r.error());
    };
  }

  /** The error of an {@link Outcome.Rejected} with {@code expected} code; fails otherwise. */
  public static DfsError rejected(Outcome<?> outcome, ErrorCode expected) {
    DfsError error =
        switch (outcome) {
          case Outcome.Ok<?> ok ->
              throw new AssertionError("expected " + expected + " but was Ok: " + ok.value());
          case Outcome.Rejected<?> r -> r.error();
        };
    if (error.code() != expected) {
      throw new AssertionError("expected " + expected + " but was " + error);
    }
    return error;
  }
}
