package io.godfs.adapters.fuse;

/** The mount could not be set up: the message names the directory and the reason. */
public final class MountException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MountException(String message, Throwable cause) {
    super(message, cause);
  }
}
