package io.godfs.adapters.fuse;

import io.godfs.domain.file.DfsPath;
import java.util.function.Consumer;
import jnr.ffi.Pointer;

/**
 * Drops the kernel's cached attributes and pages of a name (libfuse's fuse_invalidate_path, a
 * notify_inval_inode to the kernel), so that the next stat or read through it asks this mount
 * again. Used for the other names of a hard-linked file changed through one of them (ADR 0028).
 * Safe inside a callback: libfuse takes only its node table's lock for the lookup, and the kernel
 * invalidates that other inode without the locks the running operation holds.
 */
final class KernelInvalidation implements Consumer<DfsPath> {
  private final LibFuse3 libfuse;
  private final Pointer fuse;
  private final DfsPath prefix;

  /** {@code fuse}: the {@code struct fuse *} of this mount (from the context of a callback). */
  KernelInvalidation(LibFuse3 libfuse, Pointer fuse, DfsPath prefix) {
    this.libfuse = libfuse;
    this.fuse = fuse;
    this.prefix = prefix;
  }

  @Override
  public void accept(DfsPath path) {
    if (prefix.contains(path)) {
      // -ENOENT when the kernel never looked the name up or forgot it: nothing is cached then.
      libfuse.fuse_invalidate_path(fuse, mountPath(prefix, path));
    }
  }

  /** The path libfuse knows for {@code path}: relative to the mounted prefix, "/" for it. */
  static String mountPath(DfsPath prefix, DfsPath path) {
    if (prefix.isRoot()) {
      return path.value();
    }
    String rest = path.value().substring(prefix.value().length());
    return rest.isEmpty() ? "/" : rest;
  }
}
