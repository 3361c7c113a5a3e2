package io.godfs.application.port.in;

import io.godfs.domain.error.DfsError;
import io.godfs.domain.error.DfsException;
import java.io.IOException;

/** An I/O failure on a goDFS stream, with the refusal or failure that caused it. */
public final class DfsIOException extends IOException {
  private static final long serialVersionUID = 1L;
  private final transient DfsError error;

  public DfsIOException(DfsError error, Throwable cause) {
    super(error.message(), cause);
    this.error = error;
  }

  public DfsIOException(DfsException cause) {
    this(cause.error(), cause);
  }

  public DfsError error() {
    return error;
  }
}
