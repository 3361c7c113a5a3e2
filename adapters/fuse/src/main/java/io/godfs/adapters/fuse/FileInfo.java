package io.godfs.adapters.fuse;

import jnr.ffi.Pointer;

/**
 * A view of libfuse 3's {@code struct fuse_file_info} (fuse_common.h): {@code int flags} at 0, a
 * bit-field word at 4, padding at 8, {@code uint64_t fh} at 16. Only valid during the callback.
 */
final class FileInfo {
  private static final int FLAGS = 0;
  private static final int FH = 16;
  private final Pointer struct;

  FileInfo(Pointer struct) {
    this.struct = struct;
  }

  /** The open(2) flags. */
  int flags() {
    return struct.getInt(FLAGS);
  }

  /** The handle this mount set in open/create/opendir. */
  long handle() {
    return struct.getLong(FH);
  }

  void handle(long value) {
    struct.putLong(FH, value);
  }
}
