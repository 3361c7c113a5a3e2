package io.godfs.domain.error;

import java.util.Objects;

/** A refusal with a message a user can act on; the expected outcome of bad input or state. */
public record DfsError(ErrorCode code, String message) {
  public DfsError {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }

  public static DfsError of(ErrorCode code, String message) {
    return new DfsError(code, message);
  }

  @Override
  public String toString() {
    return code + ": " + message;
  }
}
