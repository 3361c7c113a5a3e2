package io.godfs.application.port.out;

/**
 * The chunk store's disk or index failed; the message says what and where, and ends with the
 * system's own reason (as "No space left on device"), so that the error a client gets names it.
 */
public final class ChunkStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean outOfSpace;

  public ChunkStoreException(String message, Throwable cause) {
    this(message, cause, false);
  }

  public ChunkStoreException(String message) {
    super(message);
    this.outOfSpace = false;
  }

  private ChunkStoreException(String message, Throwable cause, boolean outOfSpace) {
    super(withReason(message, cause), cause);
    this.outOfSpace = outOfSpace;
  }

  /**
   * The disk (or the user's quota on it) has no room for the bytes: a full node, not a broken one.
   * A client should write elsewhere, and will hear NO_CAPACITY if there is nowhere else.
   */
  public static ChunkStoreException outOfSpace(String message, Throwable cause) {
    return new ChunkStoreException(message, cause, true);
  }

  public boolean outOfSpace() {
    return outOfSpace;
  }

  private static String withReason(String message, Throwable cause) {
    String reason = cause == null ? null : cause.getMessage();
    return reason == null || reason.isBlank() || message.contains(reason)
        ? message
        : message + ": " + reason;
  }
}
