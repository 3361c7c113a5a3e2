package io.godfs.adapters.fuse;

import io.godfs.application.port.in.SnapshotUseCase;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.NameListing;
import io.godfs.domain.file.Xattrs;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Attributes, "does not exist" answers, pages of directory names, extended attributes and symbolic
 * links' targets, each reused for its TTL so that {@code ls -l} or a build does not ask the master
 * for every path again. The mount's own changes invalidate what they touch at once (the path, its
 * parent's listing, a whole subtree on rename or delete); other clients' changes show up when the
 * TTL runs out.
 */
final class MetadataCache {
  /** Past this many entries the cache starts over: memory stays bounded on a huge tree walk. */
  static final int MAX_ENTRIES = 200_000;

  private final long attrTtlNanos;
  private final long dirTtlNanos;
  private final long negativeTtlNanos;
  private final Map<DfsPath, AttrEntry> attrs = new ConcurrentHashMap<>();
  private final Map<DfsPath, Map<String, PageEntry>> listings = new ConcurrentHashMap<>();
  private final Map<DfsPath, XattrEntry> xattrs = new ConcurrentHashMap<>();
  private final Map<DfsPath, TargetEntry> targets = new ConcurrentHashMap<>();
  private final LinkedNames linked = new LinkedNames();

  /** Directories whose every name this mount knows (made by it, or listed again since). */
  private final KnownNames known;

  /**
   * Every directory with something cached below it (attributes, a "does not exist", a page of
   * names, extended attributes or a link target of a path inside it, or a directory whose names
   * this mount knows), so that a rename or rmdir looks through the caches only when there is
   * something below to drop. That look costs tens of nanoseconds an entry, and the attribute map
   * keeps every path seen until it starts over (up to {@link #MAX_ENTRIES}): milliseconds per
   * rename otherwise. A directory is marked after its ancestors are, and unmarked only with
   * everything below it, so a marked directory's ancestors are marked.
   */
  private final Set<DfsPath> holdingDescendants = ConcurrentHashMap.newKeySet();

  private volatile Consumer<DfsPath> kernel = path -> {};

  /** A cached answer: attributes, or null when the path does not exist. */
  record Lookup(Attributes attributes) {
    boolean exists() {
      return attributes != null;
    }
  }

  /**
   * {@code timesStale}: the directory's entries changed since (its times moved), its owner, group
   * and mode did not. {@code askedAt}: when the master was asked for them ({@link #putAsked}), so a
   * listing known from before can be revalidated with them; {@link #NOT_ASKED} when they came
   * another way (a page of attributes, a change's answer).
   */
  private record AttrEntry(
      Attributes attributes, long expiresAt, boolean timesStale, long putAt, long askedAt) {
    AttrEntry(Attributes attributes, long expiresAt, boolean timesStale) {
      this(attributes, expiresAt, timesStale, System.nanoTime(), NOT_ASKED);
    }

    /** A directory's attributes as the master gave them, fresh and not stale; else null. */
    Attributes freshDirectory() {
      return attributes == null
              || timesStale
              || !attributes.directory()
              || System.nanoTime() - expiresAt > 0
          ? null
          : attributes;
    }
  }

  /**
   * A page of names (ADR 0033), kept under the name it starts after, and how many of its names were
   * looked up since without cached attributes: a second such lookup is taken for a walk over the
   * listing (ls -l, find, du). {@code version}: the directory's attributes as the master gave them
   * before the page was asked for (null when none were cached fresh then); {@code validAt}: a
   * moment by which the master had the names the page holds (its answer's arrival).
   */
  private record PageEntry(
      NameListing names, long expiresAt, AtomicInteger lookups, Attributes version, long validAt) {}

  /** {@link AttrEntry#askedAt} of attributes that did not come from a stat of their own. */
  private static final long NOT_ASKED = Long.MIN_VALUE;

  private record XattrEntry(Xattrs xattrs, long expiresAt) {}

  private record TargetEntry(String target, long expiresAt) {}

  MetadataCache(Duration attrTtl, Duration dirTtl, Duration negativeTtl) {
    this.attrTtlNanos = attrTtl.toNanos();
    this.dirTtlNanos = dirTtl.toNanos();
    this.negativeTtlNanos = negativeTtl.toNanos();
    this.known = new KnownNames(negativeTtlNanos);
  }

  /**
   * Whether {@code path} surely does not exist: this mount knows every name in its directory
   * ({@link KnownNames}), and this is none of them.
   */
  boolean knownMissing(DfsPath path) {
    return known.missing(path);
  }

  /** This mount just made {@code dir}: it is empty. */
  void madeEmpty(DfsPath dir) {
    if (negativeTtlNanos > 0) {
      cachedBelow(dir); // its ancestors: a change of one of them looks for it below
      known.madeEmpty(dir);
    }
  }

  /** {@link KnownNames#relearnable}. */
  boolean relearnable(DfsPath dir) {
    return known.relearnable(dir);
  }

  /** {@link KnownNames#changes}. */
  long namesChanges(DfsPath dir) {
    return known.changes(dir);
  }

  /** {@link KnownNames#relearned}. */
  void relearned(DfsPath dir, NameListing page, long askedAt, long changesBefore) {
    known.relearned(dir, page, askedAt, changesBefore);
  }

  /** {@link KnownNames#stopRelearning}. */
  void stopRelearning(DfsPath dir) {
    known.stopRelearning(dir);
  }

  /**
   * This mount just created {@code path}: as {@link #changed}, and its directory knows the name.
   */
  void created(DfsPath path) {
    changedKeepingNames(path);
    known.added(path);
  }

  /** What this mount knows of the names in {@code dir} may be wrong: forget it. */
  void forgetNames(DfsPath dir) {
    known.forget(dir);
  }

  /** The cached answer for {@code path}, or null when nothing valid is cached. */
  Lookup lookup(DfsPath path) {
    AttrEntry entry = attrs.get(path);
    if (entry == null) {
      return null;
    }
    if (System.nanoTime() - entry.expiresAt > 0) {
      attrs.remove(path, entry);
      return null;
    }
    return entry.timesStale ? null : new Lookup(entry.attributes);
  }

  /**
   * The owner, group and mode of directory {@code dir} as cached, also after a change of its
   * entries moved its times; null when not cached (for what a file created in it gets).
   */
  Attributes ownership(DfsPath dir) {
    AttrEntry entry = attrs.get(dir);
    return entry == null || System.nanoTime() - entry.expiresAt > 0 ? null : entry.attributes;
  }

  /** Where the kernel's own cache of a name is dropped: set once the mount runs. */
  void invalidatingKernel(Consumer<DfsPath> invalidation) {
    this.kernel = invalidation;
  }

  void put(DfsPath path, Attributes attributes) {
    putAsked(path, attributes, NOT_ASKED);
  }

  /**
   * As {@link #put}, for the master's answer to a stat of {@code path} asked at {@code askedAt}
   * ({@link System#nanoTime}): a directory's may revalidate a listing of it ({@link #namesPage}).
   */
  void putAsked(DfsPath path, Attributes attributes, long askedAt) {
    linked.seen(path, attributes);
    if (attrTtlNanos > 0) {
      cachedBelow(path);
      bound(attrs);
      long now = System.nanoTime();
      attrs.put(path, new AttrEntry(attributes, now + attrTtlNanos, false, now, askedAt));
    }
  }

  /**
   * {@code path}'s attributes changed (chmod, chown, utimens) to {@code attributes}: the listing
   * pages of its parent, which hold its old ones, go.
   */
  void updated(DfsPath path, Attributes attributes) {
    otherNamesChanged(path);
    if (!path.isRoot()) {
      listings.remove(path.parent());
    }
    put(path, attributes);
  }

  void putMissing(DfsPath path) {
    if (negativeTtlNanos > 0) {
      cachedBelow(path);
      bound(attrs);
      attrs.put(path, new AttrEntry(null, System.nanoTime() + negativeTtlNanos, false));
    }
  }

  /** The extended attributes of {@code path} as cached (for the attribute TTL), or null. */
  Xattrs xattrs(DfsPath path) {
    XattrEntry entry = xattrs.get(path);
    if (entry == null) {
      return null;
    }
    if (System.nanoTime() - entry.expiresAt > 0) {
      xattrs.remove(path, entry);
      return null;
    }
    return entry.xattrs;
  }

  void putXattrs(DfsPath path, Xattrs values) {
    if (attrTtlNanos > 0) {
      cachedBelow(path);
      bound(xattrs);
      xattrs.put(path, new XattrEntry(values, System.nanoTime() + attrTtlNanos));
    }
  }

  /**
   * An extended attribute of {@code path} was set or removed, which moved its change time: its
   * attributes are now {@code attributes}, its extended attributes are asked for again.
   */
  void xattrsChanged(DfsPath path, Attributes attributes) {
    xattrs.remove(path);
    updated(path, attributes);
  }

  /**
   * The target of the symbolic link at {@code path} as cached (for the attribute TTL), or null. The
   * kernel asks for it at every path lookup through the link (it does not keep it itself).
   */
  String target(DfsPath path) {
    TargetEntry entry = targets.get(path);
    if (entry == null) {
      return null;
    }
    if (System.nanoTime() - entry.expiresAt > 0) {
      targets.remove(path, entry);
      return null;
    }
    return entry.target;
  }

  void putTarget(DfsPath path, String target) {
    if (attrTtlNanos > 0) {
      cachedBelow(path);
      bound(targets);
      targets.put(path, new TargetEntry(target, System.nanoTime() + attrTtlNanos));
    }
  }

  /**
   * A page of {@code dir}'s names that started after {@code startAfter} ("" = the first): while
   * fresh, or past its TTL when the directory's attributes were asked of the master since the page
   * arrived and show the inode and change time they had before it was asked for. The master moves a
   * directory's ctime forward with every change of its entries (ADR 0033, "Revalidating a
   * listing"), so alike they mean the names are the master's still: the page is kept for another
   * TTL without asking for them again, as an NFS client keeps a directory's pages while its change
   * attribute stays.
   */
  NameListing namesPage(DfsPath dir, String startAfter) {
    Map<String, PageEntry> pages = listings.get(dir);
    PageEntry entry = pages == null ? null : pages.get(startAfter);
    if (entry == null) {
      return null;
    }
    if (System.nanoTime() - entry.expiresAt <= 0) {
      return entry.names;
    }
    AttrEntry now = attrs.get(dir);
    if (entry.version == null
        || now == null
        || now.freshDirectory() == null
        || now.askedAt == NOT_ASKED
        || now.askedAt - entry.validAt <= 0
        || !sameVersion(now.attributes, entry.version)) {
      return null;
    }
    PageEntry renewed =
        new PageEntry(
            entry.names, now.putAt + dirTtlNanos, new AtomicInteger(), now.attributes, now.putAt);
    return pages.replace(startAfter, entry, renewed) ? entry.names : null;
  }

  private static boolean sameVersion(Attributes now, Attributes before) {
    return now.inode() == before.inode() && now.changed().equals(before.changed());
  }

  /**
   * The attributes a page of {@code dir}'s names about to be asked for is revalidated with later:
   * {@code dir}'s, when cached fresh, else null (the page then lives for its TTL only). Never for a
   * {@code .snapshot} directory: it shows its directory's attributes, which taking, renaming or
   * deleting a snapshot leaves as they were.
   */
  Attributes versionForPage(DfsPath dir) {
    AttrEntry entry = attrs.get(dir);
    boolean snapshots = !dir.isRoot() && dir.name().equals(SnapshotUseCase.DOT_SNAPSHOT);
    return entry == null || snapshots ? null : entry.freshDirectory();
  }

  /**
   * Caches a page of {@code dir}'s names that just arrived; {@code version}: {@link
   * #versionForPage} taken before it was asked for.
   */
  void putNamesPage(DfsPath dir, String startAfter, NameListing names, Attributes version) {
    if (dirTtlNanos > 0) {
      cachedBelow(dir);
      bound(listings);
      long now = System.nanoTime();
      listings
          .computeIfAbsent(dir, d -> new ConcurrentHashMap<>())
          .put(
              startAfter,
              new PageEntry(names, now + dirTtlNanos, new AtomicInteger(), version, now));
    }
  }

  /**
   * For a lookup of {@code path} that found no cached attributes: where a page of attributes that
   * starts with its name begins (the name before it in its directory, "" when it is the first),
   * when a fresh page of names of its directory holds it and another of that page's names was
   * looked up so before (a walk over a listing: ls -l, find, du, then one call serves the next
   * thousand lookups); otherwise null (a single lookup after a listing asks for its name alone).
   */
  String attributePageStart(DfsPath path) {
    Map<String, PageEntry> pages = path.isRoot() ? null : listings.get(path.parent());
    if (pages == null) {
      return null;
    }
    long now = System.nanoTime();
    for (Map.Entry<String, PageEntry> e : pages.entrySet()) {
      PageEntry page = e.getValue();
      if (now - page.expiresAt <= 0) {
        int at = page.names.indexOf(path.name());
        if (at >= 0) {
          return page.lookups.incrementAndGet() < 2
              ? null
              : at == 0 ? e.getKey() : page.names.name(at - 1);
        }
      }
    }
    return null;
  }

  /**
   * {@code path} was created or removed, or may have been: forget it, its parent's listing and
   * times, and which names its parent holds.
   */
  void changed(DfsPath path) {
    changedKeepingNames(path);
    if (!path.isRoot()) {
      forgetNames(path.parent());
    }
  }

  private void changedKeepingNames(DfsPath path) {
    contentChanged(path);
    if (!path.isRoot()) {
      // The parent's modification and change times moved; its owner and mode stay known.
      attrs.computeIfPresent(
          path.parent(),
          (p, e) -> e.attributes == null ? null : new AttrEntry(e.attributes, e.expiresAt, true));
    }
  }

  /**
   * {@code path}'s content changed (written, truncated) or may have (another client's writes seen
   * at a close): forget it and its parent's listing, which shows its size. The parent's own
   * attributes stay: writing a file moves none of its directory's times.
   */
  void contentChanged(DfsPath path) {
    otherNamesChanged(path);
    attrs.remove(path);
    xattrs.remove(path);
    targets.remove(path);
    listings.remove(path);
    if (!path.isRoot()) {
      listings.remove(path.parent());
    }
  }

  /**
   * The directories whose entries one of this mount's changes just changed, as the master read them
   * right after it: cached fresh, over the stale times {@link #changed} left, so that the kernel's
   * next look at them (it drops their attributes after every change of names) needs no master call.
   */
  void parentsChanged(List<FileStatus> parents) {
    for (FileStatus parent : parents) {
      put(parent.path(), Attributes.of(parent));
    }
  }

  /** {@code root} and everything below it changed (rename, recursive delete). */
  void subtreeChanged(DfsPath root) {
    for (DfsPath name : linked.under(root)) {
      otherNamesChanged(name);
    }
    changedKeepingNames(root);
    // Unmarked before the look: what is cached below root meanwhile marks it again. A directory
    // whose names are known marks its ancestors too, so an unmarked root has none of them below:
    // looking through them all for each rename of a file was 100 µs per rename after a loop of
    // 2,000 mkdirs (stop 48).
    boolean below = holdingDescendants.remove(root);
    known.subtreeGone(root, below);
    if (below) {
      holdingDescendants.removeIf(root::contains);
      attrs.keySet().removeIf(root::contains);
      xattrs.keySet().removeIf(root::contains);
      targets.keySet().removeIf(root::contains);
      listings.keySet().removeIf(root::contains);
    }
  }

  /** {@code path} was unlinked: as {@link #changed}, and it no longer names its file. */
  void removed(DfsPath path) {
    changedKeepingNames(path);
    known.gone(path);
    linked.forget(path);
  }

  /** An unlink of {@code path} failed and may or may not have happened. */
  void mayHaveRemoved(DfsPath path) {
    changed(path);
    linked.forget(path);
  }

  /** The directory {@code dir} was removed, with everything cached below it. */
  void directoryRemoved(DfsPath dir) {
    subtreeChanged(dir);
    known.gone(dir);
  }

  /**
   * {@code from} was renamed to {@code to}, replacing what {@code to} named: the names seen below
   * {@code from} move with it, so later changes through them still reach their other names.
   */
  void renamed(DfsPath from, DfsPath to) {
    otherNamesChanged(to); // a replaced file lost a name
    linked.moved(from, to);
    subtreeChanged(from);
    subtreeChanged(to);
    known.renamed(from, to);
  }

  /** A rename of {@code from} to {@code to} failed and may or may not have happened. */
  void mayHaveRenamed(DfsPath from, DfsPath to) {
    otherNamesChanged(to);
    linked.moved(from, to);
    subtreeChanged(from);
    subtreeChanged(to);
    if (!from.isRoot()) {
      forgetNames(from.parent());
    }
    if (!to.isRoot()) {
      forgetNames(to.parent());
    }
  }

  /** {@code first} and {@code second} traded places (RENAME_EXCHANGE). */
  void exchanged(DfsPath first, DfsPath second) {
    linked.exchanged(first, second);
    subtreeChanged(first);
    subtreeChanged(second);
    if (!first.isRoot()) {
      forgetNames(first.parent());
    }
    if (!second.isRoot()) {
      forgetNames(second.parent());
    }
  }

  /**
   * The file {@code path} names changed through it (written, truncated, linked, unlinked, its
   * attributes): its other names seen by this mount show its old attributes, here and in the
   * kernel, which keeps each name as an inode of its own (ADR 0028). They are dropped from both.
   */
  void otherNamesChanged(DfsPath path) {
    for (DfsPath other : linked.othersOf(path)) {
      attrs.remove(other);
      if (!other.isRoot()) {
        listings.remove(other.parent());
      }
      kernel.accept(other);
    }
  }

  /**
   * Marks the directories above {@code path}, nearest first, up to one marked already (whose
   * ancestors are). Past {@link #MAX_ENTRIES} marked directories every cache starts over.
   */
  private void cachedBelow(DfsPath path) {
    if (holdingDescendants.size() >= MAX_ENTRIES) {
      attrs.clear();
      xattrs.clear();
      targets.clear();
      listings.clear();
      known.clear();
      holdingDescendants.clear();
    }
    for (DfsPath dir = path; !dir.isRoot(); ) {
      dir = dir.parent();
      if (!holdingDescendants.add(dir)) {
        return;
      }
    }
  }

  private static void bound(Map<?, ?> map) {
    if (map.size() >= MAX_ENTRIES) {
      map.clear();
    }
  }
}
