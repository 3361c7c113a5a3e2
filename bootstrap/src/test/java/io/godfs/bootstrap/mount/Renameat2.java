package io.godfs.bootstrap.mount;

import java.nio.file.Path;
import jnr.ffi.LastError;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;

/** renameat2(2) from glibc (no JDK API passes rename flags): returns 0 or the errno. */
final class Renameat2 {
  static final int RENAME_NOREPLACE = 1;
  static final int RENAME_EXCHANGE = 2;
  static final int ENOENT = 2;
  static final int EEXIST = 17;
  static final int EINVAL = 22;
  private static final int AT_FDCWD = -100;
  private static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");

  private Renameat2() {}

  /** Public only for jnr-ffi, which implements it in a class loader of its own. */
  public interface LibC {
    int renameat2(int oldDirFd, String oldPath, int newDirFd, String newPath, int flags);
  }

  static int rename(Path from, Path to, int flags) {
    int result = LIBC.renameat2(AT_FDCWD, from.toString(), AT_FDCWD, to.toString(), flags);
    return result == 0 ? 0 : LastError.getLastError(Runtime.getRuntime(LIBC));
  }
}
