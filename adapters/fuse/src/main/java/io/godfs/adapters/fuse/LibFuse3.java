package io.godfs.adapters.fuse;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Pointer;

/**
 * The libfuse 3 entry points the mount needs (public only because jnr-ffi implements it in a class
 * loader of its own). {@code fuse_main_real} parses the arguments (mountpoint, {@code -f}, {@code
 * -o}), mounts, serves requests on its own threads until the kernel ends the connection (an
 * unmount), then unmounts and returns. It installs signal handlers only where none are set, so the
 * JVM's stay in place.
 */
public interface LibFuse3 {
  int fuse_main_real(
      int argc, String[] argv, Pointer operations, long operationsSize, Pointer userData);

  /**
   * {@code struct fuse_context *}: who made the request a callback is serving (uid, gid, pid, and
   * for mkdir and create the umask); valid during the callback, on libfuse's thread. NULL outside.
   */
  Pointer fuse_get_context();

  /** Drops the kernel's cache of {@code path} in the mount {@code fuse}; -ENOENT if it has none. */
  int fuse_invalidate_path(Pointer fuse, String path);

  /** The loaded library, once per JVM. */
  static LibFuse3 get() {
    return Holder.get();
  }

  /**
   * Loads on first use; a missing library is a {@link MountException} that says what to install.
   */
  final class Holder {
    private static LibFuse3 library;

    private Holder() {}

    static synchronized LibFuse3 get() {
      if (library == null) {
        library = load();
      }
      return library;
    }

    private static LibFuse3 load() {
      // "fuse3" needs the development symlink libfuse3.so; the runtime package has only the soname.
      UnsatisfiedLinkError first = null;
      for (String name : new String[] {"fuse3", "libfuse3.so.3"}) {
        try {
          return LibraryLoader.create(LibFuse3.class).failImmediately().load(name);
        } catch (UnsatisfiedLinkError e) {
          first = first == null ? e : first;
        }
      }
      throw new MountException(
          "libfuse 3 (libfuse3.so.3) is not installed; on Debian or Ubuntu: "
              + "apt-get install fuse3 ("
              + first.getMessage()
              + ")",
          first);
    }
  }
}
