package io.godfs.adapters.fuse;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.Delegate;

/**
 * The C signatures of the libfuse 3 high-level callbacks this mount implements, for jnr-ffi
 * closures. Paths arrive as {@code const char *} and are decoded by {@link FuseOperationsTable};
 * {@code size_t}/{@code off_t} are 64-bit, {@code mode_t}/{@code uid_t}/flags 32-bit (Linux x86-64
 * and arm64). One interface per shape; several operations share one. Public only because jnr-ffi
 * generates the native glue in a class loader of its own.
 */
public final class Fuse3Callbacks {
  private Fuse3Callbacks() {}

  /** unlink, rmdir. */
  public interface PathOp {
    @Delegate
    int call(Pointer path);
  }

  /**
   * open, opendir, releasedir, flush, release (file info); statfs (struct statvfs); removexattr
   * (the attribute's name); symlink(target, linkpath), both strings.
   */
  public interface PathPointerOp {
    @Delegate
    int call(Pointer path, Pointer p);
  }

  /** getattr (struct stat), utimens (struct timespec[2]), each with an optional file info. */
  public interface PathPointerFileOp {
    @Delegate
    int call(Pointer path, Pointer p, Pointer fi);
  }

  /** mkdir. */
  public interface PathIntOp {
    @Delegate
    int call(Pointer path, int value);
  }

  /** mknod(path, mode_t mode, dev_t rdev): dev_t is 64-bit. */
  public interface MknodOp {
    @Delegate
    int call(Pointer path, int mode, long device);
  }

  /** chmod, create (mode); fsync (datasync); with a file info. */
  public interface PathIntFileOp {
    @Delegate
    int call(Pointer path, int value, Pointer fi);
  }

  /** rename(from, to, flags): flags are RENAME_NOREPLACE / RENAME_EXCHANGE. */
  public interface RenameOp {
    @Delegate
    int call(Pointer from, Pointer to, int flags);
  }

  /** chown. */
  public interface ChownOp {
    @Delegate
    int call(Pointer path, int uid, int gid, Pointer fi);
  }

  /** truncate; the file info is set when the program called ftruncate. */
  public interface TruncateOp {
    @Delegate
    int call(Pointer path, long size, Pointer fi);
  }

  /** read, write. */
  public interface IoOp {
    @Delegate
    int call(Pointer path, Pointer buf, long size, long offset, Pointer fi);
  }

  /** readdir. */
  public interface ReaddirOp {
    @Delegate
    int call(Pointer path, Pointer buf, Pointer filler, long offset, Pointer fi, int flags);
  }

  /** setxattr(path, name, value, size, flags): flags are XATTR_CREATE / XATTR_REPLACE. */
  public interface SetXattrOp {
    @Delegate
    int call(Pointer path, Pointer name, Pointer value, long size, int flags);
  }

  /** getxattr(path, name, value, size): value is NULL when size is 0. */
  public interface GetXattrOp {
    @Delegate
    int call(Pointer path, Pointer name, Pointer value, long size);
  }

  /**
   * listxattr(path, buf, size): the names' buffer, NULL when size is 0; readlink(path, buf, size):
   * the target's buffer.
   */
  public interface PathBufferOp {
    @Delegate
    int call(Pointer path, Pointer buf, long size);
  }

  /** fallocate(path, int mode, off_t offset, off_t length, fi): mode is FALLOC_FL_* bits. */
  public interface FallocateOp {
    @Delegate
    int call(Pointer path, int mode, long offset, long length, Pointer fi);
  }

  /** init(conn, config): returns the new private data (none). */
  public interface InitOp {
    @Delegate
    Pointer call(Pointer conn, Pointer config);
  }

  /**
   * fuse_fill_dir_t: libfuse's function that adds one entry to a readdir reply; non-zero when full.
   * The three pointers pass as native addresses (64-bit on every platform libfuse 3 runs here): jnr
   * then calls with primitive arguments only, without its conversion of each object argument, once
   * per entry of a listing.
   */
  public interface FillDir {
    @Delegate
    int call(long buf, long name, long stat, long offset, int flags);
  }
}
