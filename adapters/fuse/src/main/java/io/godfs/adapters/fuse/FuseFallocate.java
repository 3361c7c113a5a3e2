package io.godfs.adapters.fuse;

import io.godfs.adapters.fuse.ErrnoMapper.Operation;

/**
 * fallocate(2) on an open file (ADR 0028). goDFS cannot reserve space ahead of the bytes: a chunk
 * is placed on chunkservers when data reaches it, and quotas are charged then. What this mount can
 * honour is the length: mode 0 grows the file to {@code offset + length} exactly as an ftruncate
 * that grows it ({@link OpenFile#truncate}), the new bytes a hole that reads as zeros, and a later
 * write into the range may still fail with ENOSPC or EDQUOT; {@code FALLOC_FL_KEEP_SIZE} alone asks
 * for nothing but the reservation, so there is nothing to do. Punching a hole, zeroing, collapsing
 * or inserting a range and unsharing are refused with EOPNOTSUPP (the kernel itself refuses the
 * last three before they reach the mount): programs take that answer as "do it yourself", as
 * posix_fallocate(3) writes zeros instead.
 */
final class FuseFallocate {
  /** linux/falloc.h: the only mode bit honoured besides mode 0. */
  static final int FALLOC_FL_KEEP_SIZE = 0x01;

  private final FuseCalls calls;
  private final HandleTable handles;
  private final boolean readOnly;

  FuseFallocate(FuseCalls calls, HandleTable handles, boolean readOnly) {
    this.calls = calls;
    this.handles = handles;
    this.readOnly = readOnly;
  }

  /** fallocate(2) of [{@code offset}, {@code offset + length}) through the handle {@code fi}. */
  int fallocate(String path, int mode, long offset, long length, FileInfo fi) {
    return calls.run(
        "fallocate",
        path,
        Operation.DATA,
        () -> {
          if (readOnly) {
            return -Errno.EROFS;
          }
          if ((mode & ~FALLOC_FL_KEEP_SIZE) != 0) {
            return -Errno.EOPNOTSUPP;
          }
          // The kernel checks both already (EINVAL, EFBIG); a bad request must change nothing.
          if (offset < 0 || length <= 0) {
            return -Errno.EINVAL;
          }
          if (length > Long.MAX_VALUE - offset) {
            return -Errno.EFBIG;
          }
          Handle h = handles.get(fi);
          if (!h.writable()) {
            return -Errno.EBADF;
          }
          if (mode == 0) {
            grow(h.file(), offset + length);
          }
          return 0;
        });
  }

  /**
   * Sets the length to {@code end} when that is past the file's end. The file's lock is held from
   * the comparison to the change, so a write that lengthened the file meanwhile is never cut.
   */
  private static void grow(OpenFile file, long end) {
    file.lock();
    try {
      if (end > file.size()) {
        file.truncate(end);
      }
    } finally {
      file.unlock();
    }
  }
}
