package io.godfs.adapters.fuse;

import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.NameChange;
import java.util.List;
import java.util.function.Function;

/**
 * unlink and rename: the calls that take a name away from a file. Files open in this mount under
 * the names they change are held still (their locks, in {@link OpenFiles#under}'s order) while the
 * master changes the namespace, so that an open file never writes through a name that no longer
 * names it (ADR 0028). libfuse renames a name with open handles to a hidden one instead of
 * unlinking it, so those handles keep working until they close.
 */
final class FuseNameChanges {
  /** renameat2(2)'s flag; RENAME_EXCHANGE is {@link FuseHardLinks}'s, any other is EINVAL. */
  static final int RENAME_NOREPLACE = 1;

  private final FileSystemUseCase fs;
  private final MetadataCache cache;
  private final CachedNamespace names;
  private final Deadlines deadlines;
  private final FuseCalls calls;
  private final OpenFiles openFiles;
  private final FuseHardLinks hardLinks;
  private final Function<String, DfsPath> writable;

  /** {@code writable} turns a mount path into a goDFS path, refusing it on a read-only mount. */
  FuseNameChanges(
      FileSystemUseCase fs,
      MetadataCache cache,
      CachedNamespace names,
      Deadlines deadlines,
      FuseCalls calls,
      OpenFiles openFiles,
      FuseHardLinks hardLinks,
      Function<String, DfsPath> writable) {
    this.fs = fs;
    this.cache = cache;
    this.names = names;
    this.deadlines = deadlines;
    this.calls = calls;
    this.openFiles = openFiles;
    this.hardLinks = hardLinks;
    this.writable = writable;
  }

  int unlink(String path) {
    return calls.run(
        "unlink",
        path,
        () -> {
          DfsPath file = writable.apply(path);
          if (names.attributes(file).directory()) {
            return -Errno.EISDIR;
          }
          // The file may be open here through another name, after one through this one closed.
          List<OpenFile> holding = openFiles.under(file);
          holding.forEach(OpenFile::lock);
          NameChange<Integer> unlinked = null;
          try {
            unlinked = deadlines.call("unlink " + file, () -> fs.deleteAndStatParent(file));
            openFiles.unlinked(file);
          } finally {
            holding.forEach(OpenFile::unlock);
            if (unlinked != null) {
              cache.removed(file);
            } else {
              cache.mayHaveRemoved(file);
            }
          }
          cache.parentsChanged(unlinked.parents());
          return 0;
        });
  }

  int rename(String oldpath, String newpath, int flags) {
    return calls.run(
        "rename",
        oldpath,
        () -> {
          if (flags == FuseHardLinks.RENAME_EXCHANGE) {
            return hardLinks.exchange(oldpath, newpath);
          }
          if ((flags & ~RENAME_NOREPLACE) != 0) {
            return -Errno.EINVAL; // both flags, or RENAME_WHITEOUT (overlayfs's): as Linux answers
          }
          boolean replace = (flags & RENAME_NOREPLACE) == 0;
          DfsPath from = writable.apply(oldpath);
          DfsPath to = writable.apply(newpath);
          // Open files with a name below either path are flushed and held still while the
          // namespace changes under them.
          List<OpenFile> moving = openFiles.under(from, to);
          moving.forEach(OpenFile::lock);
          NameChange<Void> renamed = null;
          try {
            moving.forEach(OpenFile::flush);
            // Without replace, the master refuses an existing target (EEXIST) in the same step
            // that moves the source.
            renamed =
                replace
                    ? renameInGodfs(from, to)
                    : deadlines.call(
                        "rename " + from, () -> fs.renameAndStatParents(from, to, false));
            openFiles.moved(from, to);
          } finally {
            moving.forEach(OpenFile::unlock);
            if (renamed != null) {
              cache.renamed(from, to);
            } else {
              cache.mayHaveRenamed(from, to);
            }
          }
          cache.parentsChanged(renamed.parents());
          return 0;
        });
  }

  /**
   * POSIX rename: a file replaces a file atomically; a directory may replace an empty directory.
   */
  private NameChange<Void> renameInGodfs(DfsPath from, DfsPath to) {
    try {
      return deadlines.call("rename " + from, () -> fs.renameAndStatParents(from, to, true));
    } catch (DfsException e) {
      if (e.code() != ErrorCode.IS_A_DIRECTORY || !names.attributes(from).directory()) {
        throw e;
      }
      if (!deadlines.call("list " + to, () -> fs.list(to, "", 1)).entries().isEmpty()) {
        throw new FuseErrnoException(Errno.ENOTEMPTY, "cannot replace non-empty directory " + to);
      }
      deadlines.call("rmdir " + to, () -> fs.delete(to, false));
      return deadlines.call("rename " + from, () -> fs.renameAndStatParents(from, to, false));
    }
  }
}
