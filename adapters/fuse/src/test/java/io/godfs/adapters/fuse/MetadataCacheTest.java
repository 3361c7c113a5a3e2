package io.godfs.adapters.fuse;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileId;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.FileType;
import io.godfs.domain.file.InodeAttributes;
import io.godfs.domain.file.NameListing;
import io.godfs.domain.file.Ownership;
import io.godfs.domain.file.Xattrs;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Attribute changes and new entries keep the cache coherent with what the master answered. */
class MetadataCacheTest {
  private static final Instant T = Instant.parse("2026-01-02T03:04:05.123456789Z");
  private final MetadataCache cache =
      new MetadataCache(Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(1));

  private static FileStatus status(String path, FileType type, InodeAttributes attributes) {
    return new FileStatus(
        DfsPath.of(path), type, new FileId(7), 0, T, T, 1 << 20, 1, 0, false, attributes);
  }

  @Test
  void attributesCarryTheStoredOwnerModeAndTimes() {
    InodeAttributes stored =
        new InodeAttributes(1234, 5678, 04750, T.minusSeconds(9), T.plusNanos(1));
    Attributes a = Attributes.of(status("/d/f", FileType.FILE, stored));
    assertThat(a.owner()).isEqualTo(1234);
    assertThat(a.group()).isEqualTo(5678);
    assertThat(a.mode()).isEqualTo(04750);
    assertThat(a.accessed()).isEqualTo(T.minusSeconds(9));
    assertThat(a.changed()).isEqualTo(T.plusNanos(1));
    assertThat(a.modified()).isEqualTo(T);

    // A write in this mount moves modification and change time; a later master ctime stays.
    Attributes written = a.withSize(10, T.plusSeconds(5));
    assertThat(written.changed()).isEqualTo(T.plusSeconds(5));
    assertThat(a.withSize(10, T).changed()).isEqualTo(T.plusNanos(1));
  }

  @Test
  void aChangedAttributeDropsTheParentsListingThatHoldsTheOldOne() {
    DfsPath dir = DfsPath.of("/d");
    DfsPath file = DfsPath.of("/d/f");
    FileStatus before = status("/d/f", FileType.FILE, InodeAttributes.defaults(FileType.FILE, T));
    assertThat(before.path().name()).isEqualTo("f");
    cache.putNamesPage(
        dir, "", new NameListing.Builder().add("f", FileType.FILE, 7).build(false), null);
    Attributes after =
        Attributes.of(status("/d/f", FileType.FILE, new InodeAttributes(0, 0, 0600, T, T)));
    cache.updated(file, after);
    assertThat(cache.lookup(file).attributes()).isEqualTo(after);
    assertThat(cache.namesPage(dir, "")).isNull();
  }

  /**
   * A walk over a listing (ls -l) is taken from the second lookup without attributes of a name a
   * fresh page of names holds: a page of attributes then starts at that name (ADR 0033).
   */
  @Test
  void theSecondLookupOfAListedNameStartsAPageOfAttributesAtIt() {
    DfsPath dir = DfsPath.of("/d");
    NameListing first =
        new NameListing.Builder()
            .add("a", FileType.FILE, 1)
            .add("b", FileType.FILE, 2)
            .add("c", FileType.DIRECTORY, 3)
            .build(true);
    cache.putNamesPage(dir, "", first, null);
    cache.putNamesPage(
        dir, "c", new NameListing.Builder().add("d", FileType.FILE, 4).build(false), null);

    assertThat(cache.attributePageStart(DfsPath.of("/d/b"))).as("one lookup: itself").isNull();
    assertThat(cache.attributePageStart(DfsPath.of("/d/c"))).isEqualTo("b");
    assertThat(cache.attributePageStart(DfsPath.of("/d/a"))).isEqualTo("");
    assertThat(cache.attributePageStart(DfsPath.of("/d/d"))).as("its page's first").isNull();
    assertThat(cache.attributePageStart(DfsPath.of("/d/d"))).isEqualTo("c");
    assertThat(cache.attributePageStart(DfsPath.of("/d/zz"))).as("not listed").isNull();
    assertThat(cache.attributePageStart(DfsPath.of("/e/a"))).as("no listing").isNull();

    cache.changed(DfsPath.of("/d/new")); // the listing is stale: no page is guessed from it
    assertThat(cache.attributePageStart(DfsPath.of("/d/c"))).isNull();
    MetadataCache expiring = new MetadataCache(Duration.ZERO, Duration.ZERO, Duration.ZERO);
    expiring.putNamesPage(dir, "", first, null); // no listing TTL: nothing is kept
    assertThat(expiring.namesPage(dir, "")).isNull();
    assertThat(expiring.attributePageStart(DfsPath.of("/d/b"))).isNull();
  }

  private static Attributes directory(long inode, Instant changed) {
    return Attributes.of(
        new FileStatus(
            DfsPath.of("/d"),
            FileType.DIRECTORY,
            new FileId(inode),
            0,
            T,
            T,
            0,
            0,
            0,
            false,
            new InodeAttributes(0, 0, 0755, T, changed)));
  }

  /** Waits out a TTL of a few milliseconds: the condition is the clock itself. */
  private static void past(Duration ttl) {
    long end = System.nanoTime() + ttl.toNanos() + 1_000_000;
    while (System.nanoTime() - end < 0) {
      Thread.onSpinWait();
    }
  }

  /**
   * A page of names past its TTL is used again when the master, asked for the directory's
   * attributes after the page arrived, shows the inode and ctime it had before the page was asked
   * for; not when either moved, when those attributes are older than the page, or came without a
   * stat of their own, or when the page had no version (ADR 0033, "Revalidating a listing").
   */
  @Test
  void aListingPastItsTtlIsKeptWhileTheMasterShowsItsDirectoryUnchanged() {
    Duration ttl = Duration.ofMillis(5);
    MetadataCache brief = new MetadataCache(Duration.ofMinutes(1), ttl, Duration.ofMinutes(1));
    DfsPath dir = DfsPath.of("/d");
    NameListing names = new NameListing.Builder().add("f", FileType.FILE, 9).build(false);
    Attributes v1 = directory(7, T);

    brief.putAsked(dir, v1, System.nanoTime());
    brief.putNamesPage(dir, "", names, brief.versionForPage(dir));
    past(ttl);
    assertThat(brief.namesPage(dir, "")).as("attributes asked before the page").isNull();
    brief.putAsked(dir, v1, System.nanoTime());
    assertThat(brief.namesPage(dir, "")).as("unchanged since").isSameAs(names);
    past(ttl);
    assertThat(brief.namesPage(dir, "")).as("renewed once per stat").isNull();
    brief.putAsked(dir, v1, System.nanoTime());
    assertThat(brief.namesPage(dir, "")).isSameAs(names);

    past(ttl);
    brief.putAsked(dir, directory(7, T.plusNanos(1)), System.nanoTime());
    assertThat(brief.namesPage(dir, "")).as("an entry changed: ctime moved").isNull();

    brief.putNamesPage(dir, "", names, brief.versionForPage(dir));
    past(ttl);
    brief.putAsked(dir, directory(8, T.plusNanos(1)), System.nanoTime());
    assertThat(brief.namesPage(dir, "")).as("another directory at the path").isNull();

    brief.putNamesPage(dir, "", names, brief.versionForPage(dir));
    past(ttl);
    brief.put(dir, directory(8, T.plusNanos(1)));
    assertThat(brief.namesPage(dir, "")).as("attributes not from a stat").isNull();

    brief.putNamesPage(dir, "", names, null);
    past(ttl);
    brief.putAsked(dir, directory(8, T.plusNanos(1)), System.nanoTime());
    assertThat(brief.namesPage(dir, "")).as("a page without a version").isNull();

    // A .snapshot directory shows its directory's attributes, which a new snapshot leaves alike.
    DfsPath snapshots = DfsPath.of("/d/.snapshot");
    brief.putAsked(snapshots, v1, System.nanoTime());
    assertThat(brief.versionForPage(snapshots)).isNull();
  }

  @Test
  void aNewEntryMakesTheParentsTimesStaleButKeepsItsOwnership() {
    DfsPath dir = DfsPath.of("/d");
    Attributes setgid =
        Attributes.of(status("/d", FileType.DIRECTORY, new InodeAttributes(0, 50, 02775, T, T)));
    cache.put(dir, setgid);
    cache.changed(DfsPath.of("/d/new"));
    assertThat(cache.lookup(dir)).isNull();
    assertThat(cache.ownership(dir)).isEqualTo(setgid);

    Attributes created = Attributes.newFile(new Ownership(1234, 1234, 0640), setgid, T, 42);
    assertThat(created.group()).isEqualTo(50);
    assertThat(created.owner()).isEqualTo(1234);
    assertThat(created.mode()).isEqualTo(0640);
    assertThat(created.inode()).isEqualTo(42);
    assertThat(created.links()).isEqualTo(1);
  }

  @Test
  void writingAFileKeepsItsDirectorysAttributesAndTheChangesAnswerMakesThemFreshAgain() {
    DfsPath dir = DfsPath.of("/d");
    DfsPath file = DfsPath.of("/d/f");
    Attributes before =
        Attributes.of(status("/d", FileType.DIRECTORY, new InodeAttributes(0, 0, 0755, T, T)));
    cache.put(dir, before);
    cache.put(
        file,
        Attributes.of(status("/d/f", FileType.FILE, InodeAttributes.defaults(FileType.FILE, T))));
    cache.putNamesPage(dir, "", NameListing.empty(), null);

    cache.contentChanged(file); // written or truncated: the file's size and times moved
    assertThat(cache.lookup(file)).isNull();
    assertThat(cache.namesPage(dir, "")).as("the listing shows the file's size").isNull();
    assertThat(cache.lookup(dir).attributes()).isEqualTo(before);

    cache.changed(DfsPath.of("/d/new")); // an entry made: the directory's times moved
    assertThat(cache.lookup(dir)).isNull();
    FileStatus after =
        status("/d", FileType.DIRECTORY, new InodeAttributes(0, 0, 0755, T, T.plusSeconds(1)));
    cache.parentsChanged(List.of(after)); // as the master answered the change
    assertThat(cache.lookup(dir).attributes()).isEqualTo(Attributes.of(after));
  }

  @Test
  void extendedAttributesGoWithTheirPathOnChangeRenameOrDelete() {
    DfsPath file = DfsPath.of("/d/f");
    DfsPath other = DfsPath.of("/e/g");
    Xattrs one = Xattrs.of(new TreeMap<>(Map.of("user.k", new byte[] {1})));
    cache.putXattrs(file, one);
    cache.putXattrs(other, one);
    assertThat(cache.xattrs(file)).isEqualTo(one);

    cache.changed(file); // replaced or removed: another inode may have the name now
    assertThat(cache.xattrs(file)).isNull();
    cache.subtreeChanged(DfsPath.of("/e")); // renamed or deleted with its directory
    assertThat(cache.xattrs(other)).isNull();

    cache.putXattrs(file, one);
    Attributes after =
        Attributes.of(status("/d/f", FileType.FILE, new InodeAttributes(0, 0, 0644, T, T)));
    cache.xattrsChanged(file, after);
    assertThat(cache.xattrs(file)).isNull();
    assertThat(cache.lookup(file).attributes()).isEqualTo(after);
  }

  @Test
  void aRenamedOrRemovedDirectoryTakesEverythingCachedBelowItAlsoWhenCachedAgain() {
    Attributes file =
        Attributes.of(status("/a/b/c", FileType.FILE, InodeAttributes.defaults(FileType.FILE, T)));
    Xattrs one = Xattrs.of(new TreeMap<>(Map.of("user.k", new byte[] {1})));
    DfsPath deep = DfsPath.of("/a/b/c");
    cache.put(deep, file);
    cache.putMissing(DfsPath.of("/a/b/missing"));
    cache.putXattrs(deep, one);
    cache.putTarget(DfsPath.of("/a/b/link"), "c");
    cache.putNamesPage(DfsPath.of("/a/b/sub"), "", NameListing.empty(), null);
    cache.put(DfsPath.of("/a2/c"), file); // a sibling whose name starts alike: not below /a

    cache.renamed(DfsPath.of("/a"), DfsPath.of("/z"));
    assertThat(cache.lookup(deep)).isNull();
    assertThat(cache.lookup(DfsPath.of("/a/b/missing"))).isNull();
    assertThat(cache.xattrs(deep)).isNull();
    assertThat(cache.target(DfsPath.of("/a/b/link"))).isNull();
    assertThat(cache.namesPage(DfsPath.of("/a/b/sub"), "")).isNull();
    assertThat(cache.lookup(DfsPath.of("/a2/c"))).isNotNull();

    // Cached below the same directories again: a later rmdir of one of them still finds it.
    cache.put(deep, file);
    cache.subtreeChanged(DfsPath.of("/a/b"));
    assertThat(cache.lookup(deep)).isNull();
    cache.put(deep, file);
    cache.subtreeChanged(DfsPath.of("/a"));
    assertThat(cache.lookup(deep)).isNull();
  }

  @Test
  void renamingAFileLeavesWhatIsCachedNextToIt() {
    Attributes file =
        Attributes.of(status("/d/f", FileType.FILE, InodeAttributes.defaults(FileType.FILE, T)));
    cache.put(DfsPath.of("/d/f"), file);
    cache.put(DfsPath.of("/d/g"), file);
    cache.renamed(DfsPath.of("/d/f"), DfsPath.of("/d/h"));
    assertThat(cache.lookup(DfsPath.of("/d/f"))).isNull();
    assertThat(cache.lookup(DfsPath.of("/d/g"))).isNotNull();
  }

  @Test
  void aDirectoryThisMountMadeKnowsEveryNameItPutThereSince() {
    DfsPath dir = DfsPath.of("/d");
    assertThat(cache.knownMissing(DfsPath.of("/d/x"))).as("not made here").isFalse();

    cache.created(dir);
    cache.madeEmpty(dir);
    assertThat(cache.knownMissing(DfsPath.of("/d/x"))).isTrue();
    assertThat(cache.knownMissing(DfsPath.of("/d/.snapshot")))
        .as("a snapshot taken since shows there, put by no one")
        .isFalse();
    cache.created(DfsPath.of("/d/x"));
    cache.created(DfsPath.of("/d/sub"));
    cache.madeEmpty(DfsPath.of("/d/sub"));
    assertThat(cache.knownMissing(DfsPath.of("/d/x"))).isFalse();
    assertThat(cache.knownMissing(DfsPath.of("/d/sub/y"))).isTrue();

    cache.removed(DfsPath.of("/d/x"));
    assertThat(cache.knownMissing(DfsPath.of("/d/x"))).as("unlinked here").isTrue();
    cache.created(DfsPath.of("/d/a"));
    cache.renamed(DfsPath.of("/d/a"), DfsPath.of("/d/b"));
    assertThat(cache.knownMissing(DfsPath.of("/d/a"))).isTrue();
    assertThat(cache.knownMissing(DfsPath.of("/d/b"))).isFalse();
    cache.directoryRemoved(DfsPath.of("/d/sub"));
    assertThat(cache.knownMissing(DfsPath.of("/d/sub"))).isTrue();
    assertThat(cache.knownMissing(DfsPath.of("/d/sub/y"))).as("its own names go with it").isFalse();
  }

  @Test
  void aRenamedDirectoryTakesTheKnownNamesBelowItAndARenamedFileNone() {
    cache.madeEmpty(DfsPath.of("/a/b/c"));
    cache.madeEmpty(DfsPath.of("/d/k"));
    cache.renamed(DfsPath.of("/d/f"), DfsPath.of("/d/g")); // a file beside a known directory
    assertThat(cache.knownMissing(DfsPath.of("/d/k/x"))).isTrue();
    cache.renamed(DfsPath.of("/a"), DfsPath.of("/z"));
    assertThat(cache.knownMissing(DfsPath.of("/a/b/c/x"))).as("moved away with /a").isFalse();
    assertThat(cache.knownMissing(DfsPath.of("/d/k/x"))).isTrue();
    cache.directoryRemoved(DfsPath.of("/d"));
    assertThat(cache.knownMissing(DfsPath.of("/d/k/x"))).as("removed with /d").isFalse();
  }

  @Test
  void aChangeThatCannotBeAccountedForNameByNameForgetsTheDirectorysNames() {
    DfsPath dir = DfsPath.of("/d");
    for (Runnable change :
        List.<Runnable>of(
            () -> cache.changed(DfsPath.of("/d/link")), // a hard link, symlink or node
            () -> cache.mayHaveRemoved(DfsPath.of("/d/f")), // an unlink that failed
            () -> cache.mayHaveRenamed(DfsPath.of("/e/f"), DfsPath.of("/d/f")),
            () -> cache.exchanged(DfsPath.of("/d/f"), DfsPath.of("/e/g")),
            () -> cache.forgetNames(dir), // a mkdir or create that failed
            () -> cache.subtreeChanged(dir))) {
      cache.madeEmpty(dir);
      assertThat(cache.knownMissing(DfsPath.of("/d/new"))).isTrue();
      change.run();
      assertThat(cache.knownMissing(DfsPath.of("/d/new"))).isFalse();
    }
  }

  @Test
  void whatThisMountKnowsOfADirectorysNamesLastsTheNegativeTtl() {
    MetadataCache shortLived =
        new MetadataCache(Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofNanos(1));
    shortLived.madeEmpty(DfsPath.of("/d"));
    long start = System.nanoTime();
    while (System.nanoTime() - start < 1_000) {
      Thread.onSpinWait(); // past a TTL of one nanosecond
    }
    assertThat(shortLived.knownMissing(DfsPath.of("/d/x"))).isFalse();
    MetadataCache off =
        new MetadataCache(Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ZERO);
    off.madeEmpty(DfsPath.of("/d"));
    assertThat(off.knownMissing(DfsPath.of("/d/x"))).as("negative caching off").isFalse();
  }
}
