package io.godfs.adapters.fuse;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileType;
import io.godfs.domain.file.NameListing;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Learning a directory's names again from one listing once what the mount knew of them went stale
 * (ADR 0030, "A directory the mount made learns its names again"): only a whole page, only when no
 * change of names of this mount there crossed the listing, only for a directory still where it was.
 */
class KnownNamesTest {
  /** Long enough that a set learned in a test stays fresh through its assertions. */
  private static final Duration TTL = Duration.ofSeconds(1);

  private static final DfsPath DIR = DfsPath.of("/d");

  private final KnownNames known = new KnownNames(TTL.toNanos());

  @Test
  void aDirectoryWhoseNamesWentStaleLearnsThemFromOneListing() {
    assertThat(known.relearnable(DIR)).as("not made here").isFalse();
    known.madeEmpty(DIR);
    known.added(DfsPath.of("/d/mine"));
    assertThat(known.relearnable(DIR)).as("its names are fresh").isFalse();
    waitUntilStale();
    assertThat(known.relearnable(DIR)).isTrue();

    long before = known.changes(DIR);
    known.relearned(DIR, page(false, "mine", "theirs"), System.nanoTime(), before);

    assertThat(known.missing(DfsPath.of("/d/new"))).isTrue();
    assertThat(known.missing(DfsPath.of("/d/theirs"))).as("another client's name").isFalse();
    assertThat(known.missing(DfsPath.of("/d/mine"))).isFalse();
    assertThat(known.relearnable(DIR)).as("fresh again").isFalse();
    known.added(DfsPath.of("/d/new"));
    assertThat(known.missing(DfsPath.of("/d/new"))).as("put there since").isFalse();
  }

  @Test
  void aListingThatCrossedAChangeOfNamesThereIsNotLearned() {
    known.madeEmpty(DIR);
    waitUntilStale();
    long before = known.changes(DIR);
    known.added(DfsPath.of("/d/made-meanwhile")); // applied while the listing was on its way

    known.relearned(DIR, page(false), System.nanoTime(), before);

    assertThat(known.missing(DfsPath.of("/d/made-meanwhile")))
        .as("the listing may predate it")
        .isFalse();
    assertThat(known.missing(DfsPath.of("/d/new"))).isFalse();
    assertThat(known.relearnable(DIR)).as("asked for name by name from now on").isFalse();
  }

  @Test
  void aDirectoryOfMoreThanOnePageIsAskedForNameByName() {
    known.madeEmpty(DIR);
    waitUntilStale();
    known.relearned(DIR, page(true, "a"), System.nanoTime(), known.changes(DIR));
    assertThat(known.missing(DfsPath.of("/d/new"))).isFalse();
    assertThat(known.relearnable(DIR)).isFalse();
  }

  @Test
  void aDirectoryRenamedOrRemovedOrWhoseListingFailedIsNotLearnedAgain() {
    DfsPath below = DfsPath.of("/d/sub");
    DfsPath other = DfsPath.of("/e");
    known.madeEmpty(DIR);
    known.madeEmpty(below);
    known.madeEmpty(other);
    waitUntilStale();

    long before = known.changes(below);
    known.subtreeGone(DIR, true); // renamed or removed with what is below it
    assertThat(known.relearnable(DIR)).isFalse();
    assertThat(known.relearnable(below)).isFalse();
    known.relearned(below, page(false), System.nanoTime(), before);
    assertThat(known.missing(DfsPath.of("/d/sub/x"))).as("a listing that crossed it").isFalse();

    known.stopRelearning(other);
    assertThat(known.relearnable(other)).isFalse();
  }

  @Test
  void aChangeItCannotAccountForLeavesTheDirectoryToLearnAgain() {
    known.madeEmpty(DIR);
    known.forget(DIR); // a hard link, a failed change: the names may be wrong
    assertThat(known.missing(DfsPath.of("/d/new"))).isFalse();
    assertThat(known.relearnable(DIR)).as("a listing tells them exactly").isTrue();
  }

  @Test
  void aRenameOverAnotherNameMayHaveDoneNothingSoItsSourceIsNotTakenForGone() {
    known.madeEmpty(DIR);
    known.added(DfsPath.of("/d/f"));
    known.added(DfsPath.of("/d/g")); // learned from a listing, say: g may be a hard link to f
    known.renamed(DfsPath.of("/d/a"), DfsPath.of("/d/b"));
    assertThat(known.missing(DfsPath.of("/d/a"))).as("b was missing, so a went").isTrue();

    known.renamed(DfsPath.of("/d/g"), DfsPath.of("/d/f")); // POSIX: one file, nothing happens
    assertThat(known.missing(DfsPath.of("/d/g"))).isFalse();
    assertThat(known.missing(DfsPath.of("/d/f"))).isFalse();
    assertThat(known.missing(DfsPath.of("/d/new"))).as("names forgotten").isFalse();
  }

  private void waitUntilStale() {
    long deadline = System.nanoTime() + TTL.multipliedBy(10).toNanos();
    while (known.missing(DfsPath.of("/d/probe-" + System.nanoTime()))
        || known.missing(DfsPath.of("/e/probe"))) {
      assertThat(System.nanoTime() - deadline).as("still fresh after 10 TTLs").isNegative();
      LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
    }
  }

  private static NameListing page(boolean hasMore, String... names) {
    NameListing.Builder page = new NameListing.Builder();
    for (String name : names) {
      page.add(name, FileType.FILE, name.hashCode());
    }
    return page.build(hasMore);
  }
}
