package io.godfs.adapters.fuse;

import io.godfs.adapters.fuse.MetadataCache.Lookup;
import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.Listing;

/**
 * What the mount knows of the namespace: attributes and directory pages from {@link MetadataCache}
 * when fresh, else from the master (and then cached), with the size and time of a file open in this
 * mount on top.
 */
final class CachedNamespace {
  private final FileSystemUseCase fs;
  private final MetadataCache cache;
  private final OpenFiles openFiles;
  private final Deadlines deadlines;

  CachedNamespace(
      FileSystemUseCase fs, MetadataCache cache, OpenFiles openFiles, Deadlines deadlines) {
    this.fs = fs;
    this.cache = cache;
    this.openFiles = openFiles;
    this.deadlines = deadlines;
  }

  /**
   * Attributes from the cache or the master, with an open file's own size and time on top: the
   * file's, open through this name or another (a hard link).
   */
  Attributes attributes(DfsPath path) {
    Lookup cached = cache.lookup(path);
    OpenFile open = openFiles.get(path);
    if (cached != null && (cached.exists() || open == null)) {
      if (!cached.exists()) {
        throw new FuseErrnoException(Errno.ENOENT, path + " does not exist (cached)");
      }
      Attributes a = cached.attributes();
      return withOpenFile(a, open);
    }
    if (open == null && cache.knownMissing(path)) {
      throw new FuseErrnoException(
          Errno.ENOENT, path + " does not exist (this mount made its directory moments ago)");
    }
    long generationBefore = open == null ? 0 : open.generation();
    Attributes a;
    try {
      a = Attributes.of(deadlines.call("stat " + path, () -> fs.stat(path)));
      cache.put(path, a);
    } catch (DfsException e) {
      if (e.code() == ErrorCode.NOT_FOUND) {
        cache.putMissing(path);
      }
      throw e;
    }
    if (open == null || a.directory()) {
      return withOpenFile(a, null);
    }
    return open.attributesFromMaster(a, generationBefore);
  }

  /**
   * The open file of {@code path}: opened through it, or through another name of the file when this
   * mount knows which file {@code path} names; null when it is not open here.
   */
  OpenFile openFile(DfsPath path) {
    OpenFile open = openFiles.get(path);
    if (open != null) {
      return open;
    }
    Lookup cached = cache.lookup(path);
    return cached == null || !cached.exists()
        ? null
        : openFiles.ofInode(cached.attributes().inode());
  }

  private Attributes withOpenFile(Attributes a, OpenFile open) {
    if (a.directory()) {
      return a;
    }
    OpenFile file = open != null ? open : openFiles.ofInode(a.inode());
    return file == null ? a : file.attributes(a);
  }

  /**
   * A page of {@code dir}'s listing, from the cache or the master. A page fetched from the master
   * also caches its entries' attributes (ls -l then stats from the cache); a cached page does not
   * put them again: they were put with it, and a change this mount made to an entry since (which
   * drops its parent's pages) or its expiry must not be undone by the page's older copy.
   */
  Listing listPage(DfsPath dir, String startAfter) {
    Listing page = cache.page(dir, startAfter);
    if (page != null) {
      return page;
    }
    Listing fetched =
        deadlines.call("list " + dir, () -> fs.list(dir, startAfter, DirectoryCursor.PAGE));
    cache.putPage(dir, startAfter, fetched);
    for (FileStatus child : fetched.entries()) {
      cache.put(child.path(), Attributes.of(child));
    }
    return fetched;
  }
}
