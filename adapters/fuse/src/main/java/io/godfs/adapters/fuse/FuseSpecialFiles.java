package io.godfs.adapters.fuse;

import io.godfs.adapters.fuse.PosixAttributes.Caller;
import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.FileType;
import io.godfs.domain.file.Ownership;
import java.util.function.Function;

/**
 * mknod for special files (ADR 0028): FIFOs, character and block devices, and sockets are inodes
 * with attributes and, for a device, its number. The master stores them; the kernel serves their
 * I/O on each client (a FIFO opened through the mount is a pipe of that host, a device node opens
 * that host's device), so nothing else reaches this mount for them. libfuse sends a regular file's
 * mknod to create and release instead, so only special kinds arrive here.
 */
final class FuseSpecialFiles {
  // The file type bits of a mode (sys/stat.h).
  static final int S_IFMT = 0170000;
  static final int S_IFSOCK = 0140000;
  static final int S_IFBLK = 0060000;
  static final int S_IFCHR = 0020000;
  static final int S_IFIFO = 0010000;

  private final FileSystemUseCase fs;
  private final MetadataCache cache;
  private final Deadlines deadlines;
  private final FuseCalls calls;
  private final Function<String, DfsPath> resolve;
  private final MountOptions options;

  /** {@code resolve} turns a mount path into the goDFS path below the mount's prefix. */
  FuseSpecialFiles(
      FileSystemUseCase fs,
      MetadataCache cache,
      Deadlines deadlines,
      FuseCalls calls,
      Function<String, DfsPath> resolve,
      MountOptions options) {
    this.fs = fs;
    this.cache = cache;
    this.deadlines = deadlines;
    this.calls = calls;
    this.resolve = resolve;
    this.options = options;
  }

  /**
   * mknod(2) by {@code caller}: the kind from {@code mode}'s type bits, the permission bits as the
   * kernel left them after the umask, and {@code device} (a dev_t) for a device. The kernel has
   * checked that the name is free, that the caller may write the directory and, for a device, that
   * the caller has CAP_MKNOD.
   */
  int mknod(String path, int mode, long device, Caller caller) {
    return calls.run(
        "mknod",
        path,
        () -> {
          if (options.readOnly()) {
            return -Errno.EROFS;
          }
          FileType kind = kindOf(mode);
          if (kind == null) {
            return -Errno.EPERM; // a directory or an unknown type, as Linux answers mknod(2)
          }
          DfsPath node = resolve.apply(path);
          Ownership owner = PosixAttributes.ownership(caller, mode, options);
          long number = kind.isDevice() ? device : 0;
          FileStatus created =
              deadlines.call("mknod " + node, () -> fs.makeNode(node, kind, number, owner));
          cache.changed(node);
          cache.put(node, Attributes.of(created));
          return 0;
        });
  }

  /** The special kind {@code mode}'s type bits name, or null for any other type. */
  static FileType kindOf(int mode) {
    return switch (mode & S_IFMT) {
      case S_IFIFO -> FileType.FIFO;
      case S_IFCHR -> FileType.CHARACTER_DEVICE;
      case S_IFBLK -> FileType.BLOCK_DEVICE;
      case S_IFSOCK -> FileType.SOCKET;
      default -> null;
    };
  }

  /** The type bits of {@code kind}, for getattr. */
  static int typeBits(FileType kind) {
    return switch (kind) {
      case FIFO -> S_IFIFO;
      case CHARACTER_DEVICE -> S_IFCHR;
      case BLOCK_DEVICE -> S_IFBLK;
      case SOCKET -> S_IFSOCK;
      case FILE -> 0100000;
      case DIRECTORY -> 0040000;
      case SYMLINK -> 0120000;
    };
  }
}
