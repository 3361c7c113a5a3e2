package io.godfs.domain.error;

/**
 * Carries a {@link DfsError} across code that cannot return a result (streams, callbacks). Adapters
 * translate it to their own error form; it is never used for programming errors.
 */
public final class DfsException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient DfsError error;

  public DfsException(DfsError error) {
    super(error.message());
    this.error = error;
  }

  public DfsException(DfsError error, Throwable cause) {
    super(error.message(), cause);
    this.error = error;
  }

  public DfsException(ErrorCode code, String message) {
    this(DfsError.of(code, message));
  }

  public DfsError error() {
    return error;
  }

  public ErrorCode code() {
    return error.code();
  }
}
