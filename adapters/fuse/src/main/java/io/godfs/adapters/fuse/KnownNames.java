package io.godfs.adapters.fuse;

import io.godfs.application.port.in.SnapshotUseCase;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.NameListing;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Directories whose every name this mount knows while the knowledge is fresh (for the negative
 * TTL): made by this mount, or listed again since (ADR 0030, "A directory the mount made knows its
 * names" and "... learns them again"). A lookup of any other name there is answered "does not
 * exist" without asking the master, as the negative cache answers for one name: the kernel looks
 * every new name up before a mkdir or a create, so a tree being filled (tar, cp -r, a build's
 * output) otherwise asks the master twice per entry. Any change there this mount cannot account for
 * name by name forgets the directory's names.
 */
final class KnownNames {
  private static final int CHANGE_STRIPES = 64;

  private final long ttlNanos;
  private final Map<DfsPath, Names> known = new ConcurrentHashMap<>();

  /**
   * Directories whose names this mount knew once and may learn again with one listing when a lookup
   * finds that knowledge stale ({@link #relearned}): made by this mount, not renamed or removed
   * since. So a directory being filled keeps answering new names locally past the TTL (writing one
   * file can outlast it), at one listing per TTL.
   */
  private final Set<DfsPath> relearnable = ConcurrentHashMap.newKeySet();

  /**
   * Changes of names this mount made, counted per stripe of directories, so that a listing that
   * crossed one (sent before the change reached the master, arrived after it was applied here) is
   * not taken for the directory's names.
   */
  private final AtomicLongArray changes = new AtomicLongArray(CHANGE_STRIPES);

  /**
   * When {@link #known} was last swept of names that went stale unused, {@link System#nanoTime}.
   */
  private final AtomicLong sweptAt = new AtomicLong(System.nanoTime());

  private record Names(Set<String> names, long expiresAt) {
    boolean staleAt(long now) {
      return now - expiresAt > 0;
    }
  }

  KnownNames(long ttlNanos) {
    this.ttlNanos = ttlNanos;
  }

  /** Whether {@code path} surely does not exist: its directory's names are known, without it. */
  boolean missing(DfsPath path) {
    if (path.isRoot() || path.name().equals(SnapshotUseCase.DOT_SNAPSHOT)) {
      return false; // a directory's snapshots show up in it once one is taken, put there by none
    }
    Names names = known.get(path.parent());
    if (names == null) {
      return false;
    }
    if (names.staleAt(System.nanoTime())) {
      known.remove(path.parent(), names);
      return false;
    }
    return !names.names.contains(path.name());
  }

  /** This mount just made {@code dir}: it is empty. */
  void madeEmpty(DfsPath dir) {
    if (ttlNanos > 0) {
      changing(dir);
      bound();
      known.put(dir, new Names(ConcurrentHashMap.newKeySet(), System.nanoTime() + ttlNanos));
      if (relearnable.size() >= MetadataCache.MAX_ENTRIES) {
        relearnable.clear();
      }
      relearnable.add(dir);
    }
  }

  /**
   * Whether a lookup below {@code dir} that found no fresh names there may learn them again with a
   * listing ({@link #relearned}): this mount knew them once and nothing since made them unknowable.
   */
  boolean relearnable(DfsPath dir) {
    Names names = known.get(dir);
    return relearnable.contains(dir) && (names == null || names.staleAt(System.nanoTime()));
  }

  /** What {@link #relearned} compares after a listing of {@code dir}, read before it was sent. */
  long changes(DfsPath dir) {
    return changes.get(stripe(dir));
  }

  /**
   * A first page of {@code dir}'s names that the master answered to a listing sent at {@code
   * askedAt} ({@link System#nanoTime}), with {@link #changes} read before it: when the page holds
   * all of the names and no change of names of this mount there crossed the listing, they are known
   * again for the TTL from the moment the listing was sent, as if this mount had just made the
   * directory and put them there. The master had them at some moment after that, so another
   * client's new name is missed for at most the TTL, as before. Otherwise the directory is no
   * longer relearnable: one of more than a page of names, or one this mount keeps changing from
   * several threads at once, is asked for name by name.
   */
  void relearned(DfsPath dir, NameListing page, long askedAt, long changesBefore) {
    if (page.hasMore()) {
      relearnable.remove(dir);
      return;
    }
    Set<String> names = ConcurrentHashMap.newKeySet(page.size());
    for (int i = 0; i < page.size(); i++) {
      names.add(page.name(i));
    }
    sweepStale();
    Names learned = new Names(names, askedAt + ttlNanos);
    bound();
    known.put(dir, learned);
    if (changes(dir) != changesBefore) {
      known.remove(dir, learned);
      relearnable.remove(dir);
    }
  }

  /** A listing of {@code dir} failed: its names are asked for one by one from now on. */
  void stopRelearning(DfsPath dir) {
    relearnable.remove(dir);
  }

  /** This mount just put {@code path} in its directory (created it, renamed something to it). */
  void added(DfsPath path) {
    nameChanged(path, true);
  }

  /** This mount just took {@code path} out of its directory (unlink, rmdir, rename away). */
  void gone(DfsPath path) {
    nameChanged(path, false);
  }

  private void nameChanged(DfsPath path, boolean present) {
    if (path.isRoot()) {
      return;
    }
    changing(path.parent());
    Names names = known.get(path.parent());
    if (names != null && present) {
      names.names.add(path.name());
    } else if (names != null) {
      names.names.remove(path.name());
    }
  }

  /**
   * This mount just renamed {@code from} to {@code to}. When {@code to} was surely missing, {@code
   * from} went; otherwise the rename may have replaced another name of the same file, which POSIX
   * makes a rename that does nothing, so {@code from}'s directory forgets its names.
   */
  void renamed(DfsPath from, DfsPath to) {
    if (from.isRoot() || to.isRoot()) {
      return;
    }
    if (missing(to)) {
      gone(from);
    } else {
      forget(from.parent());
    }
    added(to);
  }

  /** What this mount knows of the names in {@code dir} may be wrong: forget it. */
  void forget(DfsPath dir) {
    changing(dir);
    known.remove(dir);
  }

  /**
   * {@code root} was renamed or removed: its names, and with {@code below} those of every directory
   * under it, are no longer known nor learned again.
   */
  void subtreeGone(DfsPath root, boolean below) {
    changing(root);
    known.remove(root);
    relearnable.remove(root);
    if (below) {
      for (int i = 0; i < CHANGE_STRIPES; i++) {
        changes.incrementAndGet(i); // a listing below root that crossed this is of a moved dir
      }
      known.keySet().removeIf(root::contains);
      relearnable.removeIf(root::contains);
    }
  }

  void clear() {
    known.clear();
    relearnable.clear();
  }

  /**
   * A change of names in {@code dir} by this mount is about to be applied to what it knows of them:
   * a listing of {@code dir} in flight meanwhile may or may not hold it, so it is not learned.
   */
  private void changing(DfsPath dir) {
    changes.incrementAndGet(stripe(dir));
  }

  private static int stripe(DfsPath dir) {
    return dir.hashCode() & (CHANGE_STRIPES - 1);
  }

  /**
   * Drops, at most once per TTL, the names of directories not looked into since they went stale,
   * which only a lookup there would drop otherwise: memory holds the names of directories in use,
   * not of every one this mount filled.
   */
  private void sweepStale() {
    long now = System.nanoTime();
    long last = sweptAt.get();
    if (now - last >= ttlNanos && sweptAt.compareAndSet(last, now)) {
      known.values().removeIf(names -> names.staleAt(now));
    }
  }

  private void bound() {
    if (known.size() >= MetadataCache.MAX_ENTRIES) {
      known.clear();
    }
  }
}
