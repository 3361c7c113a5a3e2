package io.godfs.adapters.fuse;

import io.godfs.adapters.fuse.ErrnoMapper.Operation;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import java.lang.System.Logger.Level;
import java.util.function.IntSupplier;

/**
 * Runs one FUSE callback and turns what it throws into a negated errno ({@link ErrnoMapper}):
 * refusals the caller expects go to DEBUG, anything else (EIO, timeouts, bugs) to WARNING.
 */
final class FuseCalls {
  /** The mount's logger, as before the callbacks' guard moved here: log settings keep working. */
  private static final System.Logger LOG = System.getLogger(DfsFuseFilesystem.class.getName());

  private FuseCalls() {}

  /** A namespace callback (mkdir, rename, stat ...). */
  static int run(String op, String path, IntSupplier body) {
    return run(op, path, Operation.NAMESPACE, body);
  }

  static int run(String op, String path, Operation kind, IntSupplier body) {
    try {
      return body.getAsInt();
    } catch (RuntimeException e) {
      int errno = ErrnoMapper.errno(e, kind);
      boolean expected =
          e instanceof DfsException d && d.code() != ErrorCode.UNAVAILABLE
              || e instanceof FuseErrnoException f
                  && f.errno() != Errno.EIO
                  && f.errno() != Errno.ETIMEDOUT;
      if (!expected) {
        LOG.log(Level.WARNING, op + " " + path + ": errno " + errno + ": " + e, e);
      } else if (LOG.isLoggable(Level.DEBUG)) {
        LOG.log(Level.DEBUG, op + " " + path + ": errno " + errno + ": " + e.getMessage());
      }
      return -errno;
    }
  }
}
