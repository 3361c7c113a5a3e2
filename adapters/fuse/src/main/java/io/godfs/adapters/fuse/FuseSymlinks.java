package io.godfs.adapters.fuse;

import io.godfs.adapters.fuse.PosixAttributes.Caller;
import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.Ownership;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import jnr.ffi.Pointer;

/**
 * The symbolic link callbacks (symlink, readlink; ADR 0028). goDFS keeps a link's target as given
 * and never follows it: the kernel does, asking readlink for the target at every lookup through the
 * link, so targets are cached with the attributes ({@link MetadataCache}, dropped with them when
 * the link is removed, renamed or replaced). Everything else a link meets needs nothing here: the
 * kernel answers readlink of a non-link (EINVAL), follows links for open, chmod and truncate, and
 * sends {@code lchown} and {@code utimensat(AT_SYMLINK_NOFOLLOW)} as setattr of the link's own
 * path, which the master changes without following.
 */
final class FuseSymlinks {
  private final FileSystemUseCase fs;
  private final MetadataCache cache;
  private final Deadlines deadlines;
  private final FuseCalls calls;
  private final Function<String, DfsPath> resolve;
  private final MountOptions options;

  /** {@code resolve} turns a mount path into the goDFS path below the mount's prefix. */
  FuseSymlinks(
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
   * symlink(2) by {@code caller}, who owns the new link at {@code linkPath} to {@code target} (the
   * kernel has checked the name is free and the caller may write the directory). Links are 0777.
   */
  int symlink(String target, String linkPath, Caller caller) {
    return calls.run(
        "symlink",
        linkPath,
        () -> {
          if (options.readOnly()) {
            return -Errno.EROFS;
          }
          DfsPath link = resolve.apply(linkPath);
          // The caller's ids (or the mount's without a caller); a link's mode is 0777, no umask.
          Ownership ids = PosixAttributes.ownership(caller, StatFill.SYMLINK_MODE, options);
          Ownership owner = new Ownership(ids.owner(), ids.group(), StatFill.SYMLINK_MODE);
          FileStatus created =
              deadlines.call("symlink " + link, () -> fs.symlink(link, target, owner));
          cache.changed(link);
          cache.put(link, Attributes.of(created));
          cache.putTarget(link, target);
          return 0;
        });
  }

  /**
   * readlink for libfuse's high-level API: the target into {@code buf} of {@code size} bytes, cut
   * to {@code size - 1} and ended with a NUL byte; 0 on success (not the length, as readlink(2)
   * answers: libfuse takes the string up to its NUL).
   */
  int readlink(String path, Pointer buf, long size) {
    return calls.run(
        "readlink",
        path,
        () -> {
          if (size <= 0) {
            return -Errno.EINVAL;
          }
          byte[] bytes = target(resolve.apply(path)).getBytes(StandardCharsets.UTF_8);
          int length = (int) Math.min(bytes.length, size - 1);
          buf.put(0, bytes, 0, length);
          buf.putByte(length, (byte) 0);
          return 0;
        });
  }

  /** The target of the link at {@code link}, from the cache or the master (then cached). */
  private String target(DfsPath link) {
    String cached = cache.target(link);
    if (cached != null) {
      return cached;
    }
    String target = deadlines.call("readlink " + link, () -> fs.readlink(link));
    cache.putTarget(link, target);
    return target;
  }
}
