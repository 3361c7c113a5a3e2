package io.godfs.adapters.fuse;

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

  private Errno() {}
}
