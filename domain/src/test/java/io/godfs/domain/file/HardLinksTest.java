package io.godfs.domain.file;

import static io.godfs.domain.error.ErrorCode.ALREADY_EXISTS;
import static io.godfs.domain.error.ErrorCode.BUSY;
import static io.godfs.domain.error.ErrorCode.CONFLICT;
import static io.godfs.domain.error.ErrorCode.INVALID_ARGUMENT;
import static io.godfs.domain.error.ErrorCode.NOT_A_DIRECTORY;
import static io.godfs.domain.error.ErrorCode.NOT_FOUND;
import static io.godfs.domain.error.ErrorCode.NOT_PERMITTED;
import static io.godfs.domain.error.ErrorCode.QUOTA_EXCEEDED;
import static io.godfs.domain.error.ErrorCode.READ_ONLY;
import static io.godfs.domain.error.ErrorCode.TOO_MANY_LINKS;
import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hard links and st_nlink (ADR 0028): several names of one inode, what dropping one of them does to
 * the file, its chunks, lease, quotas and snapshots, and the link counts of directories.
 */
class HardLinksTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant T1 = T0.plusSeconds(1);
  private static final Instant T2 = T0.plusSeconds(2);
  private static final long CHUNK = 65536;
  private static final LeaseHolder.Client W = LeaseHolder.client("w");

  private final Namespace ns = Namespace.empty(T0);

  static DfsPath p(String s) {
    return DfsPath.of(s);
  }

  static ErrorCode refusal(Outcome<?> o) {
    assertThat(o).isInstanceOf(Outcome.Rejected.class);
    return ((Outcome.Rejected<?>) o).error().code();
  }

  private FileId create(String path) {
    return ns.createFile(p(path), false, 2, CHUNK, T0).orThrow().status().fileId();
  }

  /** Writes chunk {@code index} with {@code bytes} bytes through the file's id. */
  private ChunkId write(String path, FileId id, int index, long bytes, LeaseHolder writer) {
    ChunkAllocation a = ns.allocateChunk(p(path), id, index, writer, T1).orThrow();
    ns.commitChunk(p(path), id, index, a.chunkId(), a.version(), bytes, writer, T1).orThrow();
    return a.chunkId();
  }

  private FileStatus stat(String path) {
    return ns.stat(p(path)).orThrow();
  }

  private FileStatus link(String existing, String link) {
    return ns.link(p(existing), p(link), T2).orThrow();
  }

  // ---------------------------------------------------------------- link(2)

  @Test
  void aLinkIsASecondNameOfTheSameFile() {
    ns.mkdir(p("/d"), false, T0).orThrow();
    ns.createWithContent(p("/a"), false, 1, CHUNK, new byte[] {1, 2, 3}, T0).orThrow();
    FileStatus b = link("/a", "/d/b");
    assertThat(b.fileId()).isEqualTo(stat("/a").fileId());
    assertThat(b.links()).isEqualTo(2);
    assertThat(stat("/a").links()).isEqualTo(2);
    assertThat(stat("/a").attributes().changed()).isEqualTo(T2);
    assertThat(stat("/d").modificationTime()).isEqualTo(T2);
    assertThat(stat("/").modificationTime()).isEqualTo(T0);
    assertThat(ns.locate(p("/d/b"), 0, 0).orThrow().inline()).containsExactly(1, 2, 3);
    assertThat(ns.fileCount()).isEqualTo(1);
    assertThat(ns.figures().files()).isEqualTo(1);
  }

  @Test
  void aChunkCommittedThroughTheIdShowsUnderEveryName() {
    FileId id = ns.createFile(p("/a"), false, 2, CHUNK, W, T0).orThrow().status().fileId();
    link("/a", "/b");
    write("/a", id, 0, 1000, W);
    assertThat(stat("/b").length()).isEqualTo(1000);
    assertThat(stat("/b").chunkCount()).isEqualTo(1);
  }

  @Test
  void linkRefusesWhatLinuxRefuses() {
    ns.mkdir(p("/d"), false, T0).orThrow();
    create("/f");
    create("/g");
    assertThat(refusal(ns.link(p("/d"), p("/e"), T1))).isEqualTo(NOT_PERMITTED);
    assertThat(refusal(ns.link(p("/"), p("/e"), T1))).isEqualTo(NOT_PERMITTED);
    assertThat(refusal(ns.link(p("/missing"), p("/e"), T1))).isEqualTo(NOT_FOUND);
    assertThat(refusal(ns.link(p("/f"), p("/missing/e"), T1))).isEqualTo(NOT_FOUND);
    assertThat(refusal(ns.link(p("/f"), p("/g/e"), T1))).isEqualTo(NOT_A_DIRECTORY);
    assertThat(refusal(ns.link(p("/f"), p("/g"), T1))).isEqualTo(ALREADY_EXISTS);
    assertThat(refusal(ns.link(p("/f"), p("/d"), T1))).isEqualTo(ALREADY_EXISTS);
    link("/f", "/d/f");
    assertThat(refusal(ns.link(p("/f"), p("/d/f"), T1)))
        .as("another name of the same inode")
        .isEqualTo(ALREADY_EXISTS);
    assertThat(refusal(ns.link(p("/f"), p("/.snapshot"), T1))).isEqualTo(INVALID_ARGUMENT);
    ns.allowSnapshots(p("/d"), T0).orThrow();
    ns.createSnapshot(p("/d"), "s", T0).orThrow();
    assertThat(refusal(ns.link(p("/d/.snapshot/s/f"), p("/h"), T1))).isEqualTo(READ_ONLY);
    assertThat(refusal(ns.link(p("/f"), p("/d/.snapshot/s/h"), T1))).isEqualTo(READ_ONLY);
    assertThat(refusal(ns.link(p("/f"), p("/d/.snapshot"), T1))).isEqualTo(READ_ONLY);
    ns.mkdir(p("/q"), false, T0).orThrow();
    ns.setQuota(p("/q"), 1, QuotaUsage.NONE, T0).orThrow();
    assertThat(refusal(ns.link(p("/f"), p("/q/f"), T1))).isEqualTo(QUOTA_EXCEEDED);
    assertThat(stat("/f").links()).isEqualTo(2);
  }

  @Test
  void aFileHasAtMostAsManyNamesAsExt4Allows() {
    create("/f");
    for (int i = 1; i < HardLinks.MAX_LINKS; i++) {
      ns.link(p("/f"), p("/l" + i), T1).orThrow();
    }
    assertThat(stat("/f").links()).isEqualTo(HardLinks.MAX_LINKS);
    assertThat(refusal(ns.link(p("/f"), p("/one-more"), T1))).isEqualTo(TOO_MANY_LINKS);
  }

  @Test
  void symlinksAndSpecialFilesMayHaveLinks() {
    ns.metadata().symlink(p("/l"), "target", null, T0).orThrow();
    new NamespaceCommand.MakeNode(p("/p"), FileType.FIFO, 0, null, T0).applyTo(ns).orThrow();
    new NamespaceCommand.MakeNode(p("/c"), FileType.CHARACTER_DEVICE, 259, null, T0)
        .applyTo(ns)
        .orThrow();
    assertThat(link("/l", "/l2").type()).isEqualTo(FileType.SYMLINK);
    assertThat(link("/p", "/p2").type()).isEqualTo(FileType.FIFO);
    FileStatus dev = link("/c", "/c2");
    assertThat(dev.type()).isEqualTo(FileType.CHARACTER_DEVICE);
    assertThat(dev.attributes().device()).isEqualTo(259);
    for (String path : List.of("/l", "/l2", "/p", "/p2", "/c", "/c2")) {
      assertThat(stat(path).links()).as(path).isEqualTo(2);
    }
  }

  // ---------------------------------------------------------------- dropping names

  @Test
  void deletingOneNameKeepsTheFileAndTheLastFreesIt() {
    FileId id = create("/a");
    ChunkId c0 = write("/a", id, 0, 100, LeaseHolder.NONE);
    ChunkId c1 = write("/a", id, 1, 100, LeaseHolder.NONE);
    link("/a", "/b");
    assertThat(ns.delete(p("/a"), false, T2).orThrow()).isEqualTo(Removed.NOTHING);
    assertThat(ns.deletionQueue(10)).isEmpty();
    FileStatus b = stat("/b");
    assertThat(b.links()).isEqualTo(1);
    // The link changed the file at T2 already: the unlink, also at T2, moved its ctime a
    // nanosecond.
    assertThat(b.attributes().changed()).isEqualTo(T2.plusNanos(1));
    assertThat(b.length()).isEqualTo(CHUNK + 100);
    assertThat(ns.fileCount()).isEqualTo(1);
    Removed last = ns.delete(p("/b"), false, T2).orThrow();
    assertThat(last.files()).isEqualTo(1);
    assertThat(last.chunks()).containsExactlyInAnyOrder(c0, c1);
    assertThat(ns.deletionQueue(10)).containsExactlyInAnyOrder(c0, c1);
    assertThat(ns.fileCount()).isZero();
  }

  @Test
  void deletingThePrimaryNamePromotesTheOldestOther() {
    ns.mkdir(p("/d"), false, T0).orThrow();
    FileId id = ns.createFile(p("/a"), false, 2, CHUNK, W, T0).orThrow().status().fileId();
    ChunkId c = write("/a", id, 0, 10, W);
    link("/a", "/d/b");
    link("/a", "/c");
    assertThat(ns.chunkOwner(c).orElseThrow().path()).isEqualTo(p("/a"));
    ns.delete(p("/a"), false, T2).orThrow();
    assertThat(ns.chunkOwner(c).orElseThrow().path()).isEqualTo(p("/d/b"));
    assertThat(ns.openFiles(W).getFirst().path()).isEqualTo(p("/d/b"));
    ns.delete(p("/d/b"), false, T2).orThrow();
    assertThat(ns.chunkOwner(c).orElseThrow().path()).isEqualTo(p("/c"));
    assertThat(stat("/c").links()).isEqualTo(1);
  }

  @Test
  void aWriterKeepsWritingAfterItsNameGoesWhileAnotherStays() {
    FileId id = ns.createFile(p("/a"), false, 2, CHUNK, W, T0).orThrow().status().fileId();
    link("/a", "/b");
    ns.delete(p("/a"), false, T1).orThrow();
    write("/a", id, 0, 500, W);
    ns.closeFile(id, W, T2).orThrow();
    assertThat(stat("/b").length()).isEqualTo(500);

    FileId other = ns.createFile(p("/x"), false, 2, CHUNK, W, T0).orThrow().status().fileId();
    ChunkAllocation a = ns.allocateChunk(p("/x"), other, 0, W, T1).orThrow();
    ns.delete(p("/x"), false, T1).orThrow();
    assertThat(refusal(ns.commitChunk(p("/x"), other, 0, a.chunkId(), a.version(), 10, W, T1)))
        .as("the last name went: no orphan inodes")
        .isEqualTo(CONFLICT);
  }

  @Test
  void oneLeasePerInodeWhicheverNameOpensIt() {
    ns.createFile(p("/a"), false, 2, CHUNK, W, T0).orThrow();
    link("/a", "/b");
    assertThat(refusal(ns.openForWrite(p("/b"), LeaseHolder.client("w2"), T1))).isEqualTo(BUSY);
    ns.openForWrite(p("/b"), W, T1).orThrow();
  }

  @Test
  void overwritingOneNameLeavesTheOtherWithTheOldFile() {
    FileId id = create("/a");
    write("/a", id, 0, 300, LeaseHolder.NONE);
    link("/a", "/b");
    CreatedFile fresh = ns.createFile(p("/b"), true, 2, CHUNK, T2).orThrow();
    assertThat(fresh.replaced()).isEqualTo(Removed.NOTHING);
    assertThat(fresh.status().fileId()).isNotEqualTo(id);
    assertThat(stat("/a").fileId()).isEqualTo(id);
    assertThat(stat("/a").length()).isEqualTo(300);
    assertThat(stat("/a").links()).isEqualTo(1);
    assertThat(ns.fileCount()).isEqualTo(2);
  }

  @Test
  void renamingBetweenTwoNamesOfOneFileDoesNothing() {
    create("/a");
    link("/a", "/b");
    assertThat(refusal(ns.rename(p("/a"), p("/b"), false, T2))).isEqualTo(ALREADY_EXISTS);
    assertThat(ns.rename(p("/a"), p("/b"), true, T2).orThrow()).isEqualTo(Removed.NOTHING);
    assertThat(stat("/a").links()).isEqualTo(2);
    assertThat(stat("/b").links()).isEqualTo(2);
  }

  @Test
  void renamingOneNameLeavesTheOthers() {
    ns.mkdir(p("/d"), false, T0).orThrow();
    FileId id = create("/a");
    ChunkId c = write("/a", id, 0, 10, LeaseHolder.NONE);
    link("/a", "/b");
    ns.rename(p("/b"), p("/d/b2"), false, T2).orThrow();
    assertThat(stat("/a").fileId()).isEqualTo(id);
    assertThat(stat("/d/b2").fileId()).isEqualTo(id);
    assertThat(refusal(ns.stat(p("/b")))).isEqualTo(NOT_FOUND);
    ns.rename(p("/a"), p("/d/a2"), false, T2).orThrow();
    assertThat(ns.chunkOwner(c).orElseThrow().path()).isEqualTo(p("/d/a2"));
    ns.delete(p("/d/a2"), false, T2).orThrow();
    assertThat(ns.chunkOwner(c).orElseThrow().path()).isEqualTo(p("/d/b2"));
  }

  @Test
  void aRecursiveDeleteDropsOnlyTheNamesInItsTree() {
    ns.mkdir(p("/d/e"), true, T0).orThrow();
    FileId id = create("/d/e/f");
    write("/d/e/f", id, 0, 10, LeaseHolder.NONE);
    link("/d/e/f", "/g");
    link("/d/e/f", "/d/h");
    assertThat(ns.delete(p("/d"), true, T2).orThrow()).isEqualTo(Removed.NOTHING);
    assertThat(ns.deletionQueue(10)).isEmpty();
    assertThat(ns.fileCount()).isEqualTo(1);
    assertThat(ns.figures().files()).isEqualTo(1);
    assertThat(stat("/g").links()).isEqualTo(1);
    assertThat(stat("/g").length()).isEqualTo(10);
  }

  // ---------------------------------------------------------------- st_nlink of directories

  @Test
  void aDirectoryCountsItsSubdirectories() {
    assertThat(ns.mkdir(p("/d"), false, T0).orThrow().links()).isEqualTo(2);
    ns.mkdir(p("/d/a"), false, T0).orThrow();
    ns.mkdir(p("/d/b"), false, T0).orThrow();
    create("/d/f");
    assertThat(stat("/d").links()).isEqualTo(4);
    ns.delete(p("/d/a"), false, T1).orThrow();
    assertThat(stat("/d").links()).isEqualTo(3);
    ns.mkdir(p("/e"), false, T0).orThrow();
    ns.rename(p("/d/b"), p("/e/b"), false, T1).orThrow();
    assertThat(stat("/d").links()).isEqualTo(2);
    assertThat(stat("/e").links()).isEqualTo(3);
    assertThat(stat("/").links()).isEqualTo(4);
    Namespace loaded = NamespaceImages.load(NamespaceImages.imageOf(ns));
    assertThat(loaded.stat(p("/d")).orThrow().links()).isEqualTo(2);
    assertThat(loaded.stat(p("/e")).orThrow().links()).isEqualTo(3);
    assertThat(loaded.stat(p("/")).orThrow().links()).isEqualTo(4);
  }

  @Test
  void aSnapshotShowsTheDirectoryCountItSaw() {
    ns.mkdir(p("/s/a"), true, T0).orThrow();
    ns.allowSnapshots(p("/s"), T0).orThrow();
    ns.createSnapshot(p("/s"), "s1", T0).orThrow();
    ns.mkdir(p("/s/b"), false, T1).orThrow();
    ns.mkdir(p("/s/c"), false, T1).orThrow();
    assertThat(stat("/s").links()).isEqualTo(5);
    assertThat(stat("/s/.snapshot/s1").links()).isEqualTo(3);
    assertThat(stat("/s/.snapshot").links()).isEqualTo(3);
    ns.delete(p("/s/a"), false, T1).orThrow();
    assertThat(stat("/s/.snapshot/s1").links()).isEqualTo(3);
    assertThat(stat("/s/.snapshot/s1/a").links()).isEqualTo(2);
  }

  // ---------------------------------------------------------------- quotas

  @Test
  void quotasCountEachName() {
    ns.mkdir(p("/q"), false, T0).orThrow();
    ns.mkdir(p("/r"), false, T0).orThrow();
    create("/f");
    ns.truncate(p("/f"), 100, T0).orThrow();
    ns.setQuota(p("/q"), 10, 1000, T0).orThrow();
    ns.setQuota(p("/r"), 10, 10_000, T0).orThrow();
    link("/f", "/q/a");
    assertThat(ns.quota(p("/q")).orThrow().names()).isEqualTo(2);
    assertThat(ns.quota(p("/q")).orThrow().space()).isEqualTo(200);
    link("/f", "/q/b");
    assertThat(ns.quota(p("/q")).orThrow().space()).isEqualTo(400);
    link("/f", "/r/c");
    // Growing by 100 bytes (x2 replicas) costs /q 400 (two names), /r 200.
    ns.truncate(p("/f"), 200, T1).orThrow();
    assertThat(ns.quota(p("/q")).orThrow().space()).isEqualTo(800);
    assertThat(ns.quota(p("/r")).orThrow().space()).isEqualTo(400);
    assertThat(refusal(ns.truncate(p("/r/c"), 260, T1)))
        .as("60 more bytes cost /q 240 through its two names: past its 1000")
        .isEqualTo(QUOTA_EXCEEDED);
    ns.delete(p("/q/a"), false, T2).orThrow();
    assertThat(ns.quota(p("/q")).orThrow().names()).isEqualTo(2);
    assertThat(ns.quota(p("/q")).orThrow().space()).isEqualTo(400);
    assertThat(ns.quota(p("/r")).orThrow().space()).isEqualTo(400);
    ns.truncate(p("/r/c"), 260, T1).orThrow();
    for (String dir : List.of("/q", "/r")) {
      QuotaUsage kept = ns.quota(p(dir)).orThrow();
      ns.setQuota(p(dir), QuotaUsage.NONE, QuotaUsage.NONE, T2).orThrow();
      QuotaUsage counted = ns.quota(p(dir)).orThrow();
      assertThat(List.of(counted.names(), counted.space()))
          .as("the running usage of %s equals a recount", dir)
          .isEqualTo(List.of(kept.names(), kept.space()));
    }
  }

  // ---------------------------------------------------------------- snapshots

  @Test
  void aSnapshotKeepsTheNamesAndBytesItSaw() {
    ns.mkdir(p("/s"), false, T0).orThrow();
    FileId id = create("/s/a");
    ChunkId old = write("/s/a", id, 0, 100, LeaseHolder.NONE);
    ns.allowSnapshots(p("/s"), T0).orThrow();
    ns.createSnapshot(p("/s"), "S", T0).orThrow();
    link("/s/a", "/s/b");
    assertThat(refusal(ns.stat(p("/s/.snapshot/S/b")))).isEqualTo(NOT_FOUND);
    assertThat(ns.snapshotDiff(p("/s"), "S", null).orThrow())
        .contains(new SnapshotChange(SnapshotChange.Kind.CREATED, p("/s/b"), null))
        .noneMatch(c -> c.kind() == SnapshotChange.Kind.RENAMED);
    write("/s/b", id, 0, 200, LeaseHolder.NONE);
    assertThat(stat("/s/.snapshot/S/a").length()).isEqualTo(100);
    assertThat(ns.locate(p("/s/.snapshot/S/a"), 0, 0).orThrow().chunks().getFirst().chunk().id())
        .isEqualTo(old);
    ns.delete(p("/s/a"), false, T2).orThrow();
    assertThat(stat("/s/.snapshot/S/a").length()).isEqualTo(100);
    assertThat(stat("/s/b").length()).isEqualTo(200);
    write("/s/b", id, 1, 10, LeaseHolder.NONE);
    assertThat(stat("/s/.snapshot/S/a").length()).isEqualTo(100);
    // After ln a b; rm a the snapshot's a and the live b are one inode at another name: a rename.
    assertThat(ns.snapshotDiff(p("/s"), "S", null).orThrow())
        .containsExactlyInAnyOrder(
            new SnapshotChange(SnapshotChange.Kind.MODIFIED, p("/s"), null),
            new SnapshotChange(SnapshotChange.Kind.RENAMED, p("/s/a"), p("/s/b")),
            new SnapshotChange(SnapshotChange.Kind.MODIFIED, p("/s/b"), null));
    assertThat(NamespaceImages.imageOf(NamespaceImages.load(NamespaceImages.imageOf(ns))))
        .isEqualTo(NamespaceImages.imageOf(ns));
  }

  /** The example of the design (section 2.7): a name in a directory that moved in after S1. */
  @Test
  void aNameThroughADirectoryThatMovedInLaterStillProtectsTheSnapshot() {
    ns.mkdir(p("/s/x"), true, T0).orThrow();
    ns.mkdir(p("/t/y"), true, T0).orThrow();
    FileId id = create("/s/x/f");
    write("/s/x/f", id, 0, 100, LeaseHolder.NONE);
    ns.allowSnapshots(p("/s"), T0).orThrow();
    ns.createSnapshot(p("/s"), "S1", T0).orThrow();
    ns.rename(p("/t/y"), p("/s/y"), false, T1).orThrow();
    link("/s/x/f", "/s/y/g");
    ns.delete(p("/s/x/f"), false, T2).orThrow();
    write("/s/y/g", id, 0, 300, LeaseHolder.NONE);
    assertThat(stat("/s/.snapshot/S1/x/f").length()).isEqualTo(100);
    Namespace loaded = NamespaceImages.load(NamespaceImages.imageOf(ns));
    loaded
        .allocateChunk(p("/s/y/g"), id, 1, T2)
        .flatMap(a -> loaded.commitChunk(p("/s/y/g"), id, 1, a.chunkId(), a.version(), 5, T2))
        .orThrow();
    assertThat(loaded.stat(p("/s/.snapshot/S1/x/f")).orThrow().length()).isEqualTo(100);
  }

  @Test
  void aLinkAcrossSnapshotRootsKeepsBothSnapshots() {
    ns.mkdir(p("/s1"), false, T0).orThrow();
    ns.mkdir(p("/t"), false, T0).orThrow();
    FileId id = create("/s1/a");
    ChunkId old = write("/s1/a", id, 0, 100, LeaseHolder.NONE);
    ns.allowSnapshots(p("/s1"), T0).orThrow();
    ns.createSnapshot(p("/s1"), "S1", T0).orThrow();
    link("/s1/a", "/t/b");
    ns.delete(p("/s1/a"), false, T1).orThrow();
    write("/t/b", id, 0, 200, LeaseHolder.NONE);
    assertThat(stat("/s1/.snapshot/S1/a").length()).isEqualTo(100);
    Removed gone = ns.deleteSnapshot(p("/s1"), "S1", T2).orThrow();
    assertThat(gone.chunks()).containsExactly(old);
    assertThat(stat("/t/b").length()).isEqualTo(200);
  }

  @Test
  void aKeptDirectoryMayHoldALiveFile() {
    ns.mkdir(p("/s/d"), true, T0).orThrow();
    ns.mkdir(p("/x"), false, T0).orThrow();
    FileId id = create("/s/d/f");
    write("/s/d/f", id, 0, 100, LeaseHolder.NONE);
    ns.allowSnapshots(p("/s"), T0).orThrow();
    ns.createSnapshot(p("/s"), "S", T0).orThrow();
    link("/s/d/f", "/x/g");
    ns.delete(p("/s/d"), true, T1).orThrow();
    write("/x/g", id, 0, 300, LeaseHolder.NONE);
    assertThat(stat("/s/.snapshot/S/d/f").length()).isEqualTo(100);
    assertThat(stat("/x/g").length()).isEqualTo(300);
    List<Object> image = NamespaceImages.imageOf(ns);
    assertThat(image).anyMatch(NamespaceImage.Link.class::isInstance);
    assertThat(NamespaceImages.imageOf(NamespaceImages.load(image))).isEqualTo(image);
    ns.deleteSnapshot(p("/s"), "S", T2).orThrow();
    ns.delete(p("/x/g"), false, T2).orThrow();
    assertThat(ns.chunkSlots()).isEmpty();
    assertThat(ns.deletionQueue(10)).hasSize(2);
  }

  @Test
  void aRestoreKeepsTheLinksInsideTheRestoredTree() {
    ns.mkdir(p("/s/d"), true, T0).orThrow();
    FileId id = create("/s/d/a");
    write("/s/d/a", id, 0, 100, LeaseHolder.NONE);
    link("/s/d/a", "/s/d/b");
    ns.allowSnapshots(p("/s"), T0).orThrow();
    ns.createSnapshot(p("/s"), "S", T0).orThrow();
    ns.restore(p("/s/.snapshot/S/d"), p("/r"), T1).orThrow();
    FileStatus a = stat("/r/a");
    assertThat(a.fileId()).isNotEqualTo(id);
    assertThat(stat("/r/b").fileId()).isEqualTo(a.fileId());
    assertThat(a.links()).isEqualTo(2);
    assertThat(ns.fileCount()).isEqualTo(2);
  }

  // ---------------------------------------------------------------- images

  @Test
  void anImageKeepsEveryNameAndWhichOneIsNextPrimary() {
    ns.mkdir(p("/d"), false, T0).orThrow();
    FileId id = create("/z");
    ChunkId c = write("/z", id, 0, 10, LeaseHolder.NONE);
    link("/z", "/d/y");
    link("/z", "/a");
    List<Object> image = NamespaceImages.imageOf(ns);
    assertThat(image)
        .filteredOn(NamespaceImage.Link.class::isInstance)
        .extracting(r -> ((NamespaceImage.Link) r).name())
        .containsExactly("y", "a");
    Namespace loaded = NamespaceImages.load(image);
    assertThat(NamespaceImages.imageOf(loaded)).isEqualTo(image);
    assertThat(NamespaceImages.observe(loaded)).isEqualTo(NamespaceImages.observe(ns));
    loaded.delete(p("/z"), false, T2).orThrow();
    assertThat(loaded.chunkOwner(c).orElseThrow().path()).isEqualTo(p("/d/y"));
  }

  @Test
  void aDetachedKeptFileNamedByAKeptDirectoryRoundTrips() {
    ns.mkdir(p("/s/d"), true, T0).orThrow();
    FileId id = create("/s/g");
    write("/s/g", id, 0, 10, LeaseHolder.NONE);
    link("/s/g", "/s/d/f");
    ns.allowSnapshots(p("/s"), T0).orThrow();
    ns.createSnapshot(p("/s"), "S", T0).orThrow();
    ns.delete(p("/s/d"), true, T1).orThrow();
    ns.delete(p("/s/g"), false, T1).orThrow();
    assertThat(stat("/s/.snapshot/S/d/f").fileId()).isEqualTo(id);
    List<Object> image = NamespaceImages.imageOf(ns);
    Namespace loaded = NamespaceImages.load(image);
    assertThat(NamespaceImages.imageOf(loaded)).isEqualTo(image);
    assertThat(loaded.stat(p("/s/.snapshot/S/d/f")).orThrow())
        .isEqualTo(stat("/s/.snapshot/S/d/f"));
    assertThat(loaded.stat(p("/s/.snapshot/S/g")).orThrow()).isEqualTo(stat("/s/.snapshot/S/g"));
    loaded.deleteSnapshot(p("/s"), "S", T2).orThrow();
    assertThat(loaded.deletionQueue(10)).hasSize(1);
  }

  // ---------------------------------------------------------------- commands

  @Test
  void theCommandsDoWhatTheCallsDo() {
    Namespace other = Namespace.empty(T0);
    for (Namespace n : List.of(ns, other)) {
      n.createFile(p("/a"), false, 2, CHUNK, T0).orThrow();
      n.mkdir(p("/d"), false, T0).orThrow();
    }
    assertThat(new NamespaceCommand.Link(p("/a"), p("/b"), T1).applyTo(ns))
        .isEqualTo(other.link(p("/a"), p("/b"), T1));
    assertThat(new NamespaceCommand.ExchangeNames(p("/b"), p("/d"), T2).applyTo(ns))
        .isEqualTo(other.exchange(p("/b"), p("/d"), T2));
    assertThat(new NamespaceCommand.Link(p("/d"), p("/e"), T1).applyTo(ns))
        .isEqualTo(other.link(p("/d"), p("/e"), T1));
    assertThat(NamespaceImages.imageOf(ns)).isEqualTo(NamespaceImages.imageOf(other));
  }
}
