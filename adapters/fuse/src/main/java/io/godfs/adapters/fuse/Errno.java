package io.godfs.adapters.fuse;

import java.util.Map;
import ru.serce.jnrfuse.ErrorCodes;

/** The errno values this adapter returns, resolved once for this platform (Linux numbers). */
final class Errno {
  static final int ENOENT = ErrorCodes.ENOENT();
  static final int EEXIST = ErrorCodes.EEXIST();
  static final int ENOTDIR = ErrorCodes.ENOTDIR();
  static final int EISDIR = ErrorCodes.EISDIR();
  static final int ENOTEMPTY = ErrorCodes.ENOTEMPTY();
  static final int EINVAL = ErrorCodes.EINVAL();
  static final int ENOSPC = ErrorCodes.ENOSPC();
  static final int EDQUOT = ErrorCodes.EDQUOT();
  static final int EIO = ErrorCodes.EIO();
  static final int EAGAIN = ErrorCodes.EAGAIN();
  static final int EBUSY = ErrorCodes.EBUSY();
  static final int ETIMEDOUT = ErrorCodes.ETIMEDOUT();
  static final int EROFS = ErrorCodes.EROFS();
  static final int EPERM = ErrorCodes.EPERM();
  static final int EACCES = ErrorCodes.EACCES();
  static final int EBADF = ErrorCodes.EBADF();
  static final int EINTR = ErrorCodes.EINTR();
  static final int ENAMETOOLONG = ErrorCodes.ENAMETOOLONG();
  static final int EFBIG = ErrorCodes.EFBIG();
  static final int ENODATA = ErrorCodes.ENODATA();
  static final int EOPNOTSUPP = ErrorCodes.EOPNOTSUPP();
  static final int E2BIG = ErrorCodes.E2BIG();
  static final int EMLINK = ErrorCodes.EMLINK();
  static final int ERANGE = ErrorCodes.ERANGE();

  /** The names of the values above, for metrics' labels. */
  private static final Map<Integer, String> NAMES =
      Map.ofEntries(
          Map.entry(ENOENT, "ENOENT"),
          Map.entry(EEXIST, "EEXIST"),
          Map.entry(ENODATA, "ENODATA"),
          Map.entry(EOPNOTSUPP, "EOPNOTSUPP"),
          Map.entry(E2BIG, "E2BIG"),
          Map.entry(EMLINK, "EMLINK"),
          Map.entry(ERANGE, "ERANGE"),
          Map.entry(ENOTDIR, "ENOTDIR"),
          Map.entry(EISDIR, "EISDIR"),
          Map.entry(ENOTEMPTY, "ENOTEMPTY"),
          Map.entry(EINVAL, "EINVAL"),
          Map.entry(ENOSPC, "ENOSPC"),
          Map.entry(EDQUOT, "EDQUOT"),
          Map.entry(EIO, "EIO"),
          Map.entry(EAGAIN, "EAGAIN"),
          Map.entry(EBUSY, "EBUSY"),
          Map.entry(ETIMEDOUT, "ETIMEDOUT"),
          Map.entry(EROFS, "EROFS"),
          Map.entry(EPERM, "EPERM"),
          Map.entry(EACCES, "EACCES"),
          Map.entry(EBADF, "EBADF"),
          Map.entry(EINTR, "EINTR"),
          Map.entry(ENAMETOOLONG, "ENAMETOOLONG"),
          Map.entry(EFBIG, "EFBIG"));

  private Errno() {}

  /**
   * The name of {@code errno} ({@code ENOENT}); {@code errno_N} for one this adapter never returns
   * itself (a bounded set: errno values are small numbers).
   */
  static String name(int errno) {
    String name = NAMES.get(errno);
    return name != null ? name : "errno_" + errno;
  }
}
