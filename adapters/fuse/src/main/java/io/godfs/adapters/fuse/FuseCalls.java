package io.godfs.adapters.fuse;

import io.godfs.adapters.fuse.ErrnoMapper.Operation;
import io.godfs.application.port.out.MountMeter;
import io.godfs.application.port.out.MountMeter.OperationMeter;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * Runs one FUSE callback and turns what it throws into a negated errno ({@link ErrnoMapper}):
 * refusals the caller expects go to DEBUG, anything else (EIO, timeouts, bugs) to WARNING. Every
 * callback passes through here, so here it is counted and timed ({@link MountMeter}: the callback's
 * name, {@code ok} or the errno's name, its nanoseconds).
 */
final class FuseCalls {
  /** The mount's logger, as before the callbacks' guard moved here: log settings keep working. */
  private static final System.Logger LOG = System.getLogger(DfsFuseFilesystem.class.getName());

  private final MountMeter meter;

  /** Whether anything is recorded: without metrics a callback costs no clock reading. */
  private final boolean metered;

  /** Each callback's meter, asked for once. */
  private final Map<String, OperationMeter> meters = new ConcurrentHashMap<>();

  FuseCalls(MountMeter meter) {
    this.meter = meter;
    this.metered = meter != MountMeter.NONE;
  }

  /** A namespace callback (mkdir, rename, stat ...). */
  int run(String op, String path, IntSupplier body) {
    return run(op, path, Operation.NAMESPACE, body);
  }

  int run(String op, String path, Operation kind, IntSupplier body) {
    if (!metered) {
      return guarded(op, path, kind, body);
    }
    OperationMeter m = meters.computeIfAbsent(op, meter::operation);
    long start = System.nanoTime();
    int result = guarded(op, path, kind, body);
    m.ended(result < 0 ? Errno.name(-result) : MountMeter.OK, System.nanoTime() - start);
    return result;
  }

  private static int guarded(String op, String path, Operation kind, IntSupplier body) {
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
