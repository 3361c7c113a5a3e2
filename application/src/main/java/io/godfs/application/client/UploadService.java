package io.godfs.application.client;

import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.application.port.in.UploadOptions;
import io.godfs.application.port.in.UploadUseCase;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;

/**
 * Copies a whole stream into a goDFS file without ever exposing a part of it under the file's name
 * ({@link StagedWriter}). Inputs no longer than the client's small-file limit are written in one
 * master call instead, which is atomic by itself. The checks that can fail before any byte moves (a
 * folder in the way, a missing parent of a large upload, the caller's condition) do.
 */
final class UploadService implements UploadUseCase {
  /**
   * Bodies up to this size skip the up-front check of the parent folder: the rename refuses them
   * the same way.
   */
  static final long PARENT_CHECKED_ABOVE = 1 << 20;

  private final FileSystemUseCase fs;
  private final StagedWriter staged;

  UploadService(FileSystemUseCase fs, StagedWriter staged) {
    this.fs = fs;
    this.staged = staged;
  }

  @Override
  public FileStatus upload(DfsPath target, InputStream body, UploadOptions options)
      throws IOException {
    if (target.isRoot()) {
      throw new DfsException(ErrorCode.IS_A_DIRECTORY, "/ is a directory");
    }
    InputStream in =
        options.maxBytes() == Long.MAX_VALUE
            ? body
            : new SizeLimitedInput(body, options.maxBytes());
    boolean knownAbsent = false;
    if (!options.replace() && options.check() == null) {
      refuseExisting(
          target); // before any byte moves; the final rename refuses it again, atomically
      knownAbsent = true;
    }
    byte[] head = new byte[0];
    int smallLimit = fs.smallFileLimit();
    if (options.check() == null && smallLimit > 0 && options.sizeHint() <= smallLimit) {
      head = in.readNBytes(smallLimit + 1);
      if (head.length <= smallLimit) {
        try {
          FileStatus written = fs.writeSmallFile(target, head, options.replace());
          options.progress().accept(head.length);
          return written;
        } catch (DfsException e) {
          if (e.code() != ErrorCode.INVALID_ARGUMENT) {
            throw e;
          }
          // This master keeps no bytes inline (GODFS_MASTER_INLINE_MAX_BYTES): staged as a large
          // body.
        }
      }
    }
    FileStatus current = knownAbsent ? null : StagedWriter.statOrNull(fs, target);
    if (current == null) {
      // A large upload into a missing folder is refused before any byte moves; a small one is not
      // worth a round trip each time: the staged file's create or the rename refuses it the same
      // way.
      if (options.sizeHint() < 0 || options.sizeHint() > PARENT_CHECKED_ABOVE) {
        checkParent(target);
      }
    } else if (current.isDirectory()) {
      throw new DfsException(ErrorCode.IS_A_DIRECTORY, target + " is a directory");
    }
    if (options.check() != null) {
      options.check().check(current);
    }
    InputStream rest =
        head.length == 0 ? in : new SequenceInputStream(new ByteArrayInputStream(head), in);
    DfsPath file = staged.stage(target, rest, options.sizeHint(), options.progress());
    staged.commit(file, target, options.replace(), options.check());
    return fs.stat(target);
  }

  private void refuseExisting(DfsPath target) {
    FileStatus existing = StagedWriter.statOrNull(fs, target);
    if (existing != null) {
      throw new DfsException(
          ErrorCode.ALREADY_EXISTS,
          (existing.isDirectory() ? "directory " : "file ") + target + " already exists");
    }
  }

  private void checkParent(DfsPath target) {
    DfsPath parent = target.parent();
    FileStatus status;
    try {
      status = StagedWriter.statOrNull(fs, parent);
    } catch (DfsException e) {
      if (e.code() == ErrorCode.PERMISSION_DENIED) {
        // A caller who may write the file but not look at its folder (a delegation token for
        // that one file): the final rename refuses a missing folder just the same.
        return;
      }
      throw e;
    }
    if (status == null) {
      throw new DfsException(ErrorCode.NOT_FOUND, "parent directory " + parent + " does not exist");
    }
    if (!status.isDirectory()) {
      throw new DfsException(ErrorCode.NOT_A_DIRECTORY, parent + " is a file, not a directory");
    }
  }
}
