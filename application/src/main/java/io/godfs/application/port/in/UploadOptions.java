package io.godfs.application.port.in;

import java.util.function.LongConsumer;

/**
 * How an {@link UploadUseCase} writes one file.
 *
 * @param replace true: an existing file is replaced; false: an existing target is refused
 *     (ALREADY_EXISTS), up front and again, atomically, by the final rename
 * @param sizeHint the body's length when known (HTTP's Content-Length), else -1: sizes buffers and
 *     decides whether a missing parent is looked for before the bytes move
 * @param maxBytes the longest body accepted; past it the upload fails with {@link
 *     UploadException.Reason#TOO_LARGE}
 * @param check the caller's condition on the target, or null for none
 * @param progress receives the number of bytes copied so far
 */
public record UploadOptions(
    boolean replace, long sizeHint, long maxBytes, UploadCheck check, LongConsumer progress) {
  private static final LongConsumer SILENT = bytes -> {};

  public UploadOptions {
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes : " + maxBytes + " (expected: at least 0)");
    }
    progress = progress == null ? SILENT : progress;
  }

  /** Replaces an existing file ({@code true}) or refuses it; no limit, no check, no progress. */
  public static UploadOptions replace(boolean replace) {
    return new UploadOptions(replace, -1, Long.MAX_VALUE, null, SILENT);
  }

  public UploadOptions withSizeHint(long bytes) {
    return new UploadOptions(replace, bytes, maxBytes, check, progress);
  }

  public UploadOptions withMaxBytes(long bytes) {
    return new UploadOptions(replace, sizeHint, bytes, check, progress);
  }

  public UploadOptions withCheck(UploadCheck condition) {
    return new UploadOptions(replace, sizeHint, maxBytes, condition, progress);
  }

  public UploadOptions withProgress(LongConsumer listener) {
    return new UploadOptions(replace, sizeHint, maxBytes, check, listener);
  }
}
