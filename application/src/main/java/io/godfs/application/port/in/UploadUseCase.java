package io.godfs.application.port.in;

import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import java.io.IOException;
import java.io.InputStream;

/**
 * Writes a whole file so that readers never see a part of it: the bytes are staged under a name of
 * their own and renamed onto the target only once closed, i.e. durable on every replica. Over an
 * existing file the target's write lease is held across the rename, so a file another client is
 * writing is not replaced (BUSY). A failed or interrupted upload leaves the old content, or no
 * file; its cleanup removes only its own staged file. Inputs within the client's small-file limit
 * are one atomic master call instead (ADR 0016). Used by the CLI's put, the SDK's upload and the
 * REST gateway's PUT; thread-safe.
 */
public interface UploadUseCase {

  /**
   * Copies {@code body} to {@code target} as {@code options} say and returns the new file's status.
   * Refusals are {@link io.godfs.domain.error.DfsException}s (ALREADY_EXISTS, BUSY, CONFLICT when
   * the file a check approved was replaced, ...), or {@link UploadException} past the size limit;
   * whatever {@code body} or the check throws passes through unchanged.
   */
  FileStatus upload(DfsPath target, InputStream body, UploadOptions options) throws IOException;
}
