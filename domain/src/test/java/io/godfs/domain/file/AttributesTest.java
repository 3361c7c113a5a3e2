package io.godfs.domain.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * POSIX attributes in the namespace (ADR 0028): owners, groups, modes and the four times, as Linux
 * keeps them; the setgid rule; snapshots keep what an inode had; the image carries them.
 */
class AttributesTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant T1 = T0.plusSeconds(10);
  private static final Instant T2 = T0.plusSeconds(20);
  private static final Instant T3 = T0.plusSeconds(30);
  private static final long CHUNK = 65536;

  private final Namespace ns = Namespace.empty(T0);

  private static DfsPath p(String s) {
    return DfsPath.of(s);
  }

  private InodeAttributes attributes(String path) {
    return ns.stat(p(path)).orThrow().attributes();
  }

  @Test
  void withoutAnOwnerInodesAreRootsWithTheDefaultModes() {
    ns.mkdir(p("/d"), false, T1).orThrow();
    ns.createFile(p("/d/f"), false, 3, CHUNK, T1).orThrow();
    // /d/f's create changed /d a second time at T1: its ctime moved on by a nanosecond.
    assertThat(attributes("/d")).isEqualTo(new InodeAttributes(0, 0, 0755, T1, T1.plusNanos(1)));
    assertThat(attributes("/d/f")).isEqualTo(new InodeAttributes(0, 0, 0644, T1, T1));
    assertThat(attributes("/")).isEqualTo(new InodeAttributes(0, 0, 0755, T0, T1));
  }

  @Test
  void creatorsOwnWhatTheyCreateAndASetgidDirectoryPassesItsGroupDown() {
    ns.mkdir(p("/shared"), false, new Ownership(1000, 50, 02775), T1).orThrow();
    ns.createFile(
            p("/shared/f"), false, 3, CHUNK, LeaseHolder.NONE, new Ownership(1001, 100, 0640), T1)
        .orThrow();
    ns.mkdir(p("/shared/sub/deeper"), true, new Ownership(1001, 100, 0700), T1).orThrow();
    assertThat(attributes("/shared").mode()).isEqualTo(02775);
    // The file takes the directory's group; a new directory also keeps the setgid bit.
    assertThat(attributes("/shared/f")).isEqualTo(new InodeAttributes(1001, 50, 0640, T1, T1));
    assertThat(attributes("/shared/sub"))
        .isEqualTo(new InodeAttributes(1001, 50, 02700, T1, T1.plusNanos(1))); // deeper made in it
    assertThat(attributes("/shared/sub/deeper").group()).isEqualTo(50);
  }

  @Test
  void chmodChownAndUtimensChangeWhatTheyNameAndTheChangeTime() {
    ns.createFile(p("/f"), false, 3, CHUNK, LeaseHolder.NONE, new Ownership(7, 8, 0600), T0)
        .orThrow();
    FileStatus chmod = ns.setAttributes(p("/f"), AttributeChange.mode(04755), T1).orThrow();
    assertThat(chmod.attributes()).isEqualTo(new InodeAttributes(7, 8, 04755, T0, T1));
    assertThat(chmod.modificationTime()).isEqualTo(T0);
    ns.setAttributes(p("/f"), AttributeChange.owner(OptionalInt.empty(), OptionalInt.of(9)), T2)
        .orThrow();
    assertThat(attributes("/f")).isEqualTo(new InodeAttributes(7, 9, 04755, T0, T2));
    // Times set by a client are kept exactly, before 1970 and after 2038 too; UTIME_NOW is the
    // master's time.
    Instant old = Instant.parse("1969-07-20T20:17:40.123456789Z");
    Instant later = Instant.parse("2100-01-01T00:00:00.000000001Z");
    FileStatus touched =
        ns.setAttributes(
                p("/f"),
                AttributeChange.times(new AttributeChange.At(old), new AttributeChange.At(later)),
                T3)
            .orThrow();
    assertThat(touched.attributes().accessed()).isEqualTo(old);
    assertThat(touched.modificationTime()).isEqualTo(later);
    assertThat(touched.attributes().changed()).isEqualTo(T3);
    FileStatus now =
        ns.setAttributes(
                p("/f"),
                AttributeChange.times(
                    AttributeChange.TimeChange.NOW, AttributeChange.TimeChange.KEEP),
                T3.plusSeconds(1))
            .orThrow();
    assertThat(now.attributes().accessed()).isEqualTo(T3.plusSeconds(1));
    assertThat(now.modificationTime()).isEqualTo(later);
    // Both UTIME_OMIT: nothing changes, not even ctime.
    FileStatus omitted =
        ns.setAttributes(
                p("/f"),
                AttributeChange.times(
                    AttributeChange.TimeChange.KEEP, AttributeChange.TimeChange.KEEP),
                T3.plusSeconds(5))
            .orThrow();
    assertThat(omitted).isEqualTo(now);
  }

  @Test
  void dataAndEntryChangesSetModificationAndChangeTimesAndRenamesTheChangeTime() {
    ns.mkdir(p("/a"), false, T0).orThrow();
    ns.mkdir(p("/b"), false, T0).orThrow();
    FileId id = ns.createFile(p("/a/f"), false, 3, CHUNK, T1).orThrow().status().fileId();
    assertThat(ns.stat(p("/a")).orThrow().modificationTime()).isEqualTo(T1);
    assertThat(attributes("/a").changed()).isEqualTo(T1);
    ChunkAllocation a = ns.allocateChunk(p("/a/f"), id, 0, T2).orThrow();
    ns.commitChunk(p("/a/f"), id, 0, a.chunkId(), a.version(), 100, T2).orThrow();
    FileStatus written = ns.stat(p("/a/f")).orThrow();
    assertThat(written.modificationTime()).isEqualTo(T2);
    assertThat(written.attributes().changed()).isEqualTo(T2);
    assertThat(written.attributes().accessed()).isEqualTo(T1);
    ns.rename(p("/a/f"), p("/b/g"), false, T3).orThrow();
    FileStatus moved = ns.stat(p("/b/g")).orThrow();
    assertThat(moved.modificationTime()).isEqualTo(T2);
    assertThat(moved.attributes().changed()).isEqualTo(T3);
    assertThat(ns.stat(p("/a")).orThrow().modificationTime()).isEqualTo(T3);
    assertThat(ns.stat(p("/b")).orThrow().attributes().changed()).isEqualTo(T3);
  }

  /**
   * A directory's ctime moves forward with every change of its entries, by a nanosecond when the
   * change's time is not later: inode and ctime alike mean no entry changed since (the mount keeps
   * a listing on that, ADR 0033).
   */
  @Test
  void theChangeTimeMovesForwardWithEveryChangeAlsoOnesStampedAlikeOrEarlier() {
    ns.mkdir(p("/d"), false, T2).orThrow();
    List<Instant> seen = new ArrayList<>(List.of(attributes("/d").changed()));
    ns.createFile(p("/d/a"), false, 3, CHUNK, T2).orThrow();
    seen.add(attributes("/d").changed());
    ns.createFile(p("/d/b"), false, 3, CHUNK, T1).orThrow(); // stamped earlier: out of order
    seen.add(attributes("/d").changed());
    ns.rename(p("/d/a"), p("/d/c"), false, T2).orThrow();
    seen.add(attributes("/d").changed());
    ns.delete(p("/d/b"), false, T2).orThrow();
    seen.add(attributes("/d").changed());
    for (int i = 1; i < seen.size(); i++) {
      assertThat(seen.get(i)).as("ctime after change %d of %s", i, seen).isAfter(seen.get(i - 1));
    }
    assertThat(seen.getLast()).as("moved by nanoseconds only").isBefore(T2.plusNanos(10));
    ns.createFile(p("/d/e"), false, 3, CHUNK, T3).orThrow();
    assertThat(attributes("/d").changed()).as("a later change takes its own time").isEqualTo(T3);
  }

  @Test
  void aSnapshotShowsTheModesAndOwnersOfItsMoment() {
    ns.mkdir(p("/d"), false, new Ownership(1, 1, 0750), T0).orThrow();
    ns.createFile(p("/d/f"), false, 3, CHUNK, LeaseHolder.NONE, new Ownership(2, 2, 0600), T0)
        .orThrow();
    ns.allowSnapshots(p("/d"), T0).orThrow();
    ns.createSnapshot(p("/d"), "s1", T1).orThrow();
    ns.setAttributes(p("/d/f"), AttributeChange.mode(0644), T2).orThrow();
    ns.setAttributes(p("/d"), AttributeChange.owner(OptionalInt.of(5), OptionalInt.empty()), T2)
        .orThrow();
    assertThat(ns.stat(p("/d/.snapshot/s1/f")).orThrow().attributes())
        .isEqualTo(new InodeAttributes(2, 2, 0600, T0, T0));
    assertThat(ns.stat(p("/d/.snapshot/s1")).orThrow().attributes().owner()).isEqualTo(1);
    assertThat(attributes("/d/f").mode()).isEqualTo(0644);
    assertThat(attributes("/d").owner()).isEqualTo(5);
    // A snapshot is read-only: its attributes cannot change either.
    Outcome<FileStatus> refused =
        ns.setAttributes(p("/d/.snapshot/s1/f"), AttributeChange.mode(0777), T3);
    assertThat(((Outcome.Rejected<?>) refused).error().code()).isEqualTo(ErrorCode.READ_ONLY);
    // Restored from the snapshot, the file has its old mode and owner again.
    ns.restore(p("/d/.snapshot/s1/f"), p("/d/f"), T3).orThrow();
    assertThat(attributes("/d/f")).isEqualTo(new InodeAttributes(2, 2, 0600, T0, T3));
  }

  @Test
  void theImageCarriesEveryAttributeAndSnapshotState() {
    ns.mkdir(p("/d"), false, new Ownership(1, 2, 01777), T0).orThrow();
    ns.createFile(p("/d/f"), false, 3, CHUNK, LeaseHolder.NONE, new Ownership(3, 4, 04711), T0)
        .orThrow();
    ns.setAttributes(p("/"), AttributeChange.mode(0711), T1).orThrow();
    ns.allowSnapshots(p("/d"), T1).orThrow();
    ns.createSnapshot(p("/d"), "s1", T1).orThrow();
    ns.setAttributes(
            p("/d/f"),
            AttributeChange.times(
                new AttributeChange.At(Instant.ofEpochSecond(-5, 7)),
                AttributeChange.TimeChange.NOW),
            T2)
        .orThrow();
    Namespace loaded = NamespaceImages.load(NamespaceImages.imageOf(ns));
    for (String path : new String[] {"/", "/d", "/d/f", "/d/.snapshot/s1/f"}) {
      assertThat(loaded.stat(p(path)).orThrow()).as(path).isEqualTo(ns.stat(p(path)).orThrow());
    }
    assertThat(NamespaceImages.imageOf(loaded)).isEqualTo(NamespaceImages.imageOf(ns));
  }

  @Test
  void anImageFromBeforeAttributesLoadsWithTheDefaults() {
    NamespaceImageLoader loader = NamespaceImage.loader();
    loader.header(new NamespaceImage.Header(4, 1, T0, T1));
    loader.entry(new NamespaceImage.DirectoryEntry(2, 1, "d", T0, T1));
    loader.entry(
        new NamespaceImage.FileEntry(3, 2, "f", T0, T2, 3, CHUNK, 0, LeaseHolder.NONE, List.of()));
    Namespace loaded = loader.finish();
    assertThat(loaded.stat(p("/")).orThrow().attributes())
        .isEqualTo(new InodeAttributes(0, 0, 0755, T1, T1));
    assertThat(loaded.stat(p("/d")).orThrow().attributes())
        .isEqualTo(new InodeAttributes(0, 0, 0755, T1, T1));
    assertThat(loaded.stat(p("/d/f")).orThrow().attributes())
        .isEqualTo(new InodeAttributes(0, 0, 0644, T2, T2));
  }

  @Test
  void badAttributesAreRefusedWithWhatWasWrong() {
    assertThatThrownBy(() -> new Ownership(-1, 0, 0644)).hasMessageContaining("owner");
    assertThatThrownBy(() -> AttributeChange.mode(010000)).hasMessageContaining("mode : 010000");
  }
}
