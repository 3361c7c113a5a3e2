package io.godfs.adapters.fuse;

import io.godfs.adapters.fuse.PosixAttributes.Caller;
import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.XattrMode;
import io.godfs.domain.file.XattrRules;
import io.godfs.domain.file.Xattrs;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import jnr.ffi.Pointer;

/**
 * The extended attribute callbacks (setxattr, getxattr, listxattr, removexattr; ADR 0028), answered
 * as a Linux file system does. goDFS keeps the {@code user.} and {@code trusted.} namespaces; the
 * kernel has checked access to them already ({@code default_permissions}: write permission for
 * {@code user.*} changes, CAP_SYS_ADMIN for any {@code trusted.*} call). Names in {@code security.}
 * and {@code system.}, which programs probe for every file ({@code ls -l} asks for {@code
 * security.selinux} and {@code system.posix_acl_access}, the kernel for {@code security.capability}
 * on every write), are answered here without the master: there are none (ENODATA), as on ext4
 * without SELinux or ACLs, and none can be set (EOPNOTSUPP). An inode's attributes are cached with
 * its other attributes ({@link MetadataCache}).
 */
final class FuseXattrs {
  /** setxattr(2) flags. */
  static final int XATTR_CREATE = 1;

  static final int XATTR_REPLACE = 2;

  private static final String SECURITY = "security.";
  private static final String SYSTEM = "system.";

  private final FileSystemUseCase fs;
  private final MetadataCache cache;
  private final Deadlines deadlines;
  private final FuseCalls calls;
  private final Function<String, DfsPath> resolve;
  private final boolean readOnly;

  /** {@code resolve} turns a mount path into the goDFS path below the mount's prefix. */
  FuseXattrs(
      FileSystemUseCase fs,
      MetadataCache cache,
      Deadlines deadlines,
      FuseCalls calls,
      Function<String, DfsPath> resolve,
      boolean readOnly) {
    this.fs = fs;
    this.cache = cache;
    this.deadlines = deadlines;
    this.calls = calls;
    this.resolve = resolve;
    this.readOnly = readOnly;
  }

  /**
   * setxattr(2): {@code size} bytes at {@code value}. Both XATTR_CREATE and XATTR_REPLACE fail
   * whatever is there (EEXIST when the name exists, ENODATA when not), as ext4 and tmpfs answer.
   */
  int setxattr(String path, String name, Pointer value, long size, int flags) {
    return calls.run(
        "setxattr",
        path,
        () -> {
          if ((flags & ~(XATTR_CREATE | XATTR_REPLACE)) != 0) {
            return -Errno.EINVAL;
          }
          DfsPath target = writable(path);
          int problem = nameProblem(name, Errno.EOPNOTSUPP);
          if (problem != 0) {
            return -problem;
          }
          if (size > Xattrs.MAX_VALUE_BYTES) {
            return -Errno.E2BIG;
          }
          if (flags == (XATTR_CREATE | XATTR_REPLACE)) {
            return xattrs(target).contains(name) ? -Errno.EEXIST : -Errno.ENODATA;
          }
          byte[] bytes = new byte[(int) size];
          if (size > 0) {
            value.get(0, bytes, 0, bytes.length);
          }
          XattrMode mode =
              switch (flags) {
                case XATTR_CREATE -> XattrMode.CREATE;
                case XATTR_REPLACE -> XattrMode.REPLACE;
                default -> XattrMode.EITHER;
              };
          FileStatus status =
              deadlines.call("setxattr " + target, () -> fs.setXattr(target, name, bytes, mode));
          cache.xattrsChanged(target, Attributes.of(status));
          return 0;
        });
  }

  /** getxattr(2): the value's length; with {@code size} 0 only that, ERANGE when it is longer. */
  int getxattr(String path, String name, Pointer value, long size) {
    return calls.run(
        "getxattr",
        path,
        () -> {
          int problem = nameProblem(name, Errno.ENODATA);
          if (problem != 0) {
            return -problem;
          }
          byte[] bytes = xattrs(resolve.apply(path)).asMap().get(name);
          return bytes == null ? -Errno.ENODATA : reply(bytes, value, size);
        });
  }

  /**
   * listxattr(2): the names, each ended by a NUL byte; {@code trusted.*} only to root (the kernel
   * leaves that to the file system here; ext4 and tmpfs show them to CAP_SYS_ADMIN only).
   */
  int listxattr(String path, Pointer list, long size, Caller caller) {
    return calls.run(
        "listxattr",
        path,
        () -> {
          boolean privileged = caller == null || caller.uid() == 0;
          ByteArrayOutputStream names = new ByteArrayOutputStream();
          for (String name : xattrs(resolve.apply(path)).names()) {
            if (privileged || !name.startsWith(XattrRules.TRUSTED)) {
              names.writeBytes(name.getBytes(StandardCharsets.UTF_8));
              names.write(0);
            }
          }
          return reply(names.toByteArray(), list, size);
        });
  }

  /** removexattr(2). */
  int removexattr(String path, String name) {
    return calls.run(
        "removexattr",
        path,
        () -> {
          DfsPath target = writable(path);
          int problem = nameProblem(name, Errno.ENODATA);
          if (problem != 0) {
            return -problem;
          }
          FileStatus status =
              deadlines.call("removexattr " + target, () -> fs.removeXattr(target, name));
          cache.xattrsChanged(target, Attributes.of(status));
          return 0;
        });
  }

  /** The attributes of {@code path}, from the cache or the master (then cached). */
  private Xattrs xattrs(DfsPath path) {
    Xattrs cached = cache.xattrs(path);
    if (cached != null) {
      return cached;
    }
    Xattrs values = deadlines.call("xattrs " + path, () -> fs.xattrs(path));
    cache.putXattrs(path, values);
    return values;
  }

  /**
   * 0 when {@code name} may name a goDFS attribute ({@code user.*}, {@code trusted.*}); else the
   * errno for it: EINVAL for a bare prefix ("user."), {@code unsupported} for one in {@code
   * security.} or {@code system.}, EOPNOTSUPP for any other namespace, as Linux answers.
   */
  static int nameProblem(String name, int unsupported) {
    for (String prefix : new String[] {XattrRules.USER, XattrRules.TRUSTED, SECURITY, SYSTEM}) {
      if (name.startsWith(prefix)) {
        if (name.length() == prefix.length()) {
          return Errno.EINVAL;
        }
        return prefix.equals(SECURITY) || prefix.equals(SYSTEM) ? unsupported : 0;
      }
    }
    return Errno.EOPNOTSUPP;
  }

  /** Copies {@code bytes} to a caller's buffer of {@code size}: 0 asks only for the length. */
  private static int reply(byte[] bytes, Pointer buffer, long size) {
    if (size == 0) {
      return bytes.length;
    }
    if (bytes.length > size) {
      return -Errno.ERANGE;
    }
    buffer.put(0, bytes, 0, bytes.length);
    return bytes.length;
  }

  private DfsPath writable(String mountPath) {
    if (readOnly) {
      throw new FuseErrnoException(Errno.EROFS, "mounted read-only");
    }
    return resolve.apply(mountPath);
  }
}
