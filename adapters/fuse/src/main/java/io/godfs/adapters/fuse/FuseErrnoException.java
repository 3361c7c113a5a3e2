package io.godfs.adapters.fuse;

/**
 * A failure that already knows its errno (a deadline passed, a read-only mount, a bad handle).
 * Thrown inside the adapter and turned into the callback's return value by {@link ErrnoMapper}.
 */
final class FuseErrnoException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int errno;

  FuseErrnoException(int errno, String message) {
    super(message);
    this.errno = errno;
  }

  FuseErrnoException(int errno, String message, Throwable cause) {
    super(message, cause);
    this.errno = errno;
  }

  int errno() {
    return errno;
  }
}
