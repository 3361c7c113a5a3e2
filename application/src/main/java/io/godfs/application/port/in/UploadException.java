package io.godfs.application.port.in;

/**
 * An upload refused for a reason of the upload itself rather than of the file system: a front end
 * maps each {@link Reason} to its own answer (REST: 404 {@code no_such_upload}, 400 {@code
 * invalid_part}, 413 {@code too_large}).
 */
public final class UploadException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final Reason reason;

  /** Why an upload was refused. */
  public enum Reason {
    /** The multipart upload does not exist: never started, completed, aborted or expired. */
    NO_SUCH_UPLOAD,
    /** A part chosen for completion was not uploaded, or has another ETag. */
    INVALID_PART,
    /** The body or part is longer than allowed. */
    TOO_LARGE
  }

  public UploadException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
