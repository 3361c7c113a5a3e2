package io.godfs.application.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** The one way the port contracts check a refusal: a {@link DfsException} with an exact code. */
public final class Refusals {
  private Refusals() {}

  /**
   * Asserts that {@code call} throws a {@link DfsException} with {@code code}; chain on the
   * message.
   */
  public static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(
      ErrorCode code, ThrowingCallable call) {
    return assertThatThrownBy(call)
        .isInstanceOfSatisfying(DfsException.class, e -> assertThat(e.code()).isEqualTo(code));
  }
}
