package io.godfs.adapters.fuse;

import io.godfs.adapters.fuse.MetadataCache.Lookup;
import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.Listing;
import io.godfs.domain.file.NameListing;

/**
 * What the mount knows of the namespace: attributes and directory pages from {@link MetadataCache}
 * when fresh, else from the master (and then cached), with the size and time of a file open in this
 * mount on top.
 */
final class CachedNamespace {
  /** Attributes fetched per call for a walk over a listing (ls -l): 1,000 a page. */
  static final int ATTRIBUTE_PAGE = 1000;

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
          Errno.ENOENT, path + " does not exist (this mount knows its directory's names)");
    }
    long generationBefore = open == null ? 0 : open.generation();
    Attributes a;
    try {
      a = open == null ? fromAttributePage(path) : null;
      if (a == null) {
        long asked = System.nanoTime();
        a = Attributes.of(deadlines.call("stat " + path, () -> fs.stat(path)));
        cache.putAsked(path, a, asked);
      }
    } catch (DfsException e) {
      if (e.code() == ErrorCode.NOT_FOUND) {
        cache.putMissing(path);
        relearnNames(path.isRoot() ? null : path.parent());
      }
      throw e;
    }
    if (open == null || a.directory()) {
      return withOpenFile(a, null);
    }
    return open.attributesFromMaster(a, generationBefore);
  }

  /**
   * After a lookup below {@code dir} the master answered "does not exist": when the mount knew
   * {@code dir}'s names before and they went stale ({@link MetadataCache#relearned}), one listing
   * learns them again, so that the lookups of the next new names there (a directory being filled)
   * need no call each. Only after a miss: a lookup of a name that exists (ls -l, opening a file)
   * never pays for a listing. A listing that fails leaves the names to be asked one by one.
   */
  private void relearnNames(DfsPath dir) {
    if (dir == null || !cache.relearnable(dir)) {
      return;
    }
    long changesBefore = cache.namesChanges(dir);
    long asked = System.nanoTime();
    try {
      NameListing page = deadlines.call("list " + dir, () -> fs.listNames(dir, "", 0));
      cache.relearned(dir, page, asked, changesBefore);
    } catch (RuntimeException e) { // gone, unreadable, unreachable: asked name by name from now
      cache.stopRelearning(dir);
    }
  }

  /**
   * {@code path}'s attributes from a page of its directory's attributes starting at its name, when
   * the mount takes this lookup for one of a walk over a listing it just gave ({@link
   * MetadataCache#attributePageStart}): the page's entries are cached for the lookups that follow.
   * Null when it does not, or when the page no longer holds the name (then a stat tells).
   */
  private Attributes fromAttributePage(DfsPath path) {
    String start = cache.attributePageStart(path);
    if (start == null) {
      return null;
    }
    for (FileStatus child : fetchPage(path.parent(), start).entries()) {
      if (child.path().equals(path)) {
        return Attributes.of(child);
      }
    }
    return null;
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
   * A page of {@code dir}'s names (ADR 0033), from the cache (also past its TTL while the
   * directory's inode and ctime stay what they were) or the master: what a plain readdir needs, a
   * whole page of names in one call.
   */
  NameListing namesPage(DfsPath dir, String startAfter) {
    NameListing page = cache.namesPage(dir, startAfter);
    if (page != null) {
      return page;
    }
    Attributes version = cache.versionForPage(dir);
    NameListing fetched = deadlines.call("list " + dir, () -> fs.listNames(dir, startAfter, 0));
    cache.putNamesPage(dir, startAfter, fetched, version);
    return fetched;
  }

  /**
   * A page of {@code dir}'s attributes from the master, its entries cached (the lookups of a walk
   * over the listing then stat from the cache).
   */
  private Listing fetchPage(DfsPath dir, String startAfter) {
    Listing fetched = deadlines.call("list " + dir, () -> fs.list(dir, startAfter, ATTRIBUTE_PAGE));
    for (FileStatus child : fetched.entries()) {
      cache.put(child.path(), Attributes.of(child));
    }
    return fetched;
  }
}
