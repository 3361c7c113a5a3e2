package io.godfs.application.port.in;

import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import java.io.InputStream;
import java.util.List;

/**
 * S3-style multipart uploads staged in the cluster ({@link ReservedPaths#MULTIPART}), so any front
 * end instance serves any part: start, store parts in any order (a re-upload replaces a part),
 * complete into the target (staged and renamed, as {@link UploadUseCase}) or abort. Unfinished
 * uploads expire. Unknown ids are {@link UploadException.Reason#NO_SUCH_UPLOAD}; bad part numbers
 * and part lists INVALID_ARGUMENT. Thread-safe.
 */
public interface MultipartUploadUseCase {

  /** Starts an upload to {@code target}. */
  MultipartUpload start(DfsPath target);

  /** The upload {@code id}: its target and expiry. */
  MultipartUpload describe(String id);

  /**
   * Stores part {@code number} (1 to the maximum part count) from {@code body}, replacing an
   * earlier upload of that number; {@code declaredLength} is the body's length when known, else -1.
   */
  UploadPart putPart(String id, int number, InputStream body, long declaredLength);

  /** The parts stored so far, by part number; of two uploads of one number the newer wins. */
  List<UploadPart> parts(String id);

  /**
   * Concatenates the chosen parts in part-number order into the target and removes the upload.
   * Without {@code overwrite} an existing target is refused (ALREADY_EXISTS).
   */
  FileStatus complete(String id, List<PartChoice> chosen, boolean overwrite);

  /** Removes the upload and its parts; an upload that is gone already is fine (idempotent). */
  void abort(String id);

  /**
   * Deletes uploads older than the expiry, and staged files left in {@link ReservedPaths#STAGING}
   * as old; returns how many went.
   */
  int expireAbandoned();
}
