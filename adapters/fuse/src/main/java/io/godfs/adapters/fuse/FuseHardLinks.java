package io.godfs.adapters.fuse;

import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import java.util.List;
import java.util.function.Function;

/**
 * Hard links and renameat2(RENAME_EXCHANGE) (ADR 0028). The master keeps one inode under several
 * names; the mount reports the file id as st_ino (libfuse's use_ino), so every name shows the same
 * inode and link count, which tar, rsync -H and cp -a rely on to find links. The kernel sees each
 * name through libfuse's high-level API as an inode of its own: it drops the cached attributes of
 * the name it links or unlinks, the other names' follow within the attribute TTL.
 */
final class FuseHardLinks {
  /** renameat2's flag (linux/fs.h). */
  static final int RENAME_EXCHANGE = 1 << 1;

  private final FileSystemUseCase fs;
  private final MetadataCache cache;
  private final Deadlines deadlines;
  private final FuseCalls calls;
  private final OpenFiles openFiles;
  private final CachedNamespace names;
  private final Function<String, DfsPath> writable;

  /** {@code writable} turns a mount path into a goDFS path, refusing it on a read-only mount. */
  FuseHardLinks(
      FileSystemUseCase fs,
      MetadataCache cache,
      Deadlines deadlines,
      FuseCalls calls,
      OpenFiles openFiles,
      CachedNamespace names,
      Function<String, DfsPath> writable) {
    this.fs = fs;
    this.cache = cache;
    this.deadlines = deadlines;
    this.calls = calls;
    this.openFiles = openFiles;
    this.names = names;
    this.writable = writable;
  }

  /**
   * link(2): {@code newPath} becomes another name of the file at {@code oldPath}. The kernel has
   * checked that the name is free and that the caller may write its directory; the master refuses a
   * directory (EPERM) and a file with too many names (EMLINK).
   */
  int link(String oldPath, String newPath) {
    return calls.run(
        "link",
        oldPath,
        () -> {
          DfsPath existing = writable.apply(oldPath);
          DfsPath link = writable.apply(newPath);
          // Bytes this mount still buffers for the file must be in it before another name shows
          // its length.
          OpenFile open = names.openFile(existing);
          if (open != null) {
            open.flush();
          }
          FileStatus linked = deadlines.call("link " + existing, () -> fs.link(existing, link));
          cache.changed(existing);
          cache.changed(link);
          Attributes now = Attributes.of(linked); // the file's: the same through every name
          cache.put(existing, now);
          cache.put(link, now);
          // The kernel keeps the old name as an inode of its own: its link count and ctime moved.
          cache.otherNamesChanged(link);
          return 0;
        });
  }

  /**
   * rename with RENAME_EXCHANGE, inside rename's callback: swaps the two names in one step of the
   * master. Open files below either path are flushed and held still while they trade places.
   */
  int exchange(String firstPath, String secondPath) {
    DfsPath first = writable.apply(firstPath);
    DfsPath second = writable.apply(secondPath);
    List<OpenFile> moving = openFiles.under(first, second);
    moving.forEach(OpenFile::lock);
    try {
      moving.forEach(OpenFile::flush);
      deadlines.run("exchange " + first, () -> fs.exchange(first, second));
      openFiles.exchanged(first, second);
    } finally {
      moving.forEach(OpenFile::unlock);
      cache.exchanged(first, second);
    }
    return 0;
  }
}
