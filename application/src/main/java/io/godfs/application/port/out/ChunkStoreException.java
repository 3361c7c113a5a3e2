package io.godfs.application.port.out;

/** The chunk store's disk or index failed; the message says what and where. */
public final class ChunkStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ChunkStoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public ChunkStoreException(String message) {
    super(message);
  }
}
