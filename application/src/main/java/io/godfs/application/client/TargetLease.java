package io.godfs.application.client;

import io.godfs.application.port.in.DfsOutput;
import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.DfsPath;
import java.io.IOException;
import java.lang.System.Logger.Level;

/**
 * The write lease of a file an upload is about to replace by renaming a staged file over it. The
 * master's rename does not look at leases, so without this an upload would pull a file from under a
 * client that is still writing it (whose next commit would then fail). Taking the lease first makes
 * the upload the one refused: BUSY. The lease is held until after the rename; a target that does
 * not exist has nothing to protect. Nothing is ever written through the stream.
 */
final class TargetLease implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(TargetLease.class.getName());
  private final DfsPath target;
  private final DfsOutput holder;

  private TargetLease(DfsPath target, DfsOutput holder) {
    this.target = target;
    this.holder = holder;
  }

  /** Takes {@code target}'s lease; throws BUSY while another client writes it. */
  static TargetLease take(FileSystemUseCase fs, DfsPath target) {
    try {
      return new TargetLease(target, fs.openForWriteAt(target, 0));
    } catch (DfsException e) {
      if (e.code() == ErrorCode.NOT_FOUND
          || e.code() == ErrorCode.IS_A_DIRECTORY
          || e.code() == ErrorCode.NOT_A_DIRECTORY) {
        return none(target); // nothing to protect; the rename reports the rest
      }
      throw e;
    }
  }

  /**
   * Holds nothing: for a rename that may not replace a file, which cannot pull one from a writer.
   */
  static TargetLease none(DfsPath target) {
    return new TargetLease(target, null);
  }

  @Override
  public void close() {
    if (holder == null) {
      return;
    }
    try {
      holder.close();
    } catch (IOException | RuntimeException e) {
      // Expected once the rename replaced the file: its id is gone, so the master cannot close it.
      // Nothing was written through this stream, so nothing is lost.
      LOG.log(Level.DEBUG, "releasing the lease of replaced " + target + ": " + e.getMessage());
    }
  }
}
