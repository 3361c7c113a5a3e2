package io.godfs.domain.file;

import static io.godfs.domain.error.ErrorCode.INVALID_ARGUMENT;
import static io.godfs.domain.error.ErrorCode.NOT_FOUND;
import static io.godfs.domain.error.ErrorCode.QUOTA_EXCEEDED;
import static io.godfs.domain.error.ErrorCode.READ_ONLY;
import static io.godfs.domain.file.HardLinksTest.p;
import static io.godfs.domain.file.HardLinksTest.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkVersion;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** renameat2(RENAME_EXCHANGE) (ADR 0028), and what the image loader refuses of hard links. */
class ExchangeTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant T1 = T0.plusSeconds(1);
  private static final long CHUNK = 65536;

  private final Namespace ns = Namespace.empty(T0);

  private FileId create(String path) {
    return ns.createFile(p(path), false, 1, CHUNK, T0).orThrow().status().fileId();
  }

  private FileStatus stat(String path) {
    return ns.stat(p(path)).orThrow();
  }

  @Test
  void twoFilesSwapTheirNames() {
    ns.mkdir(p("/d"), false, T0).orThrow();
    FileId a = create("/a");
    FileId b = create("/d/b");
    assertThat(ns.exchange(p("/a"), p("/d/b"), T1).orThrow()).isEqualTo(Removed.NOTHING);
    assertThat(stat("/a").fileId()).isEqualTo(b);
    assertThat(stat("/d/b").fileId()).isEqualTo(a);
    assertThat(stat("/a").attributes().changed()).isEqualTo(T1);
    assertThat(stat("/d").modificationTime()).isEqualTo(T1);
    assertThat(stat("/").modificationTime()).isEqualTo(T1);
    assertThat(NamespaceImages.imageOf(NamespaceImages.load(NamespaceImages.imageOf(ns))))
        .isEqualTo(NamespaceImages.imageOf(ns));
  }

  @Test
  void aFileAndADirectorySwapAndTheLinkCountsFollow() {
    ns.mkdir(p("/x/sub"), true, T0).orThrow();
    ns.mkdir(p("/y"), false, T0).orThrow();
    FileId f = create("/y/f");
    assertThat(stat("/y").links()).isEqualTo(2);
    ns.exchange(p("/x/sub"), p("/y/f"), T1).orThrow();
    assertThat(stat("/x/sub").fileId()).isEqualTo(f);
    assertThat(stat("/y/f").isDirectory()).isTrue();
    assertThat(stat("/x").links()).isEqualTo(2);
    assertThat(stat("/y").links()).isEqualTo(3);
    ns.mkdir(p("/y/f/inner"), false, T1).orThrow();
    assertThat(stat("/y/f").links()).isEqualTo(3);
  }

  @Test
  void refusalsAndNoOps() {
    ns.mkdir(p("/d/e"), true, T0).orThrow();
    create("/f");
    ns.link(p("/f"), p("/g"), T0).orThrow();
    assertThat(refusal(ns.exchange(p("/f"), p("/missing"), T1))).isEqualTo(NOT_FOUND);
    assertThat(refusal(ns.exchange(p("/missing"), p("/f"), T1))).isEqualTo(NOT_FOUND);
    assertThat(refusal(ns.exchange(p("/d"), p("/d/e"), T1))).isEqualTo(INVALID_ARGUMENT);
    assertThat(refusal(ns.exchange(p("/d/e"), p("/d"), T1))).isEqualTo(INVALID_ARGUMENT);
    assertThat(refusal(ns.exchange(p("/"), p("/d"), T1))).isEqualTo(INVALID_ARGUMENT);
    List<Object> before = NamespaceImages.imageOf(ns);
    assertThat(ns.exchange(p("/f"), p("/f"), T1).orThrow()).isEqualTo(Removed.NOTHING);
    assertThat(ns.exchange(p("/f"), p("/g"), T1).orThrow()).isEqualTo(Removed.NOTHING);
    assertThat(NamespaceImages.imageOf(ns)).isEqualTo(before);
    ns.allowSnapshots(p("/d"), T0).orThrow();
    ns.createSnapshot(p("/d"), "s", T0).orThrow();
    assertThat(refusal(ns.exchange(p("/d/.snapshot/s/e"), p("/f"), T1))).isEqualTo(READ_ONLY);
    assertThat(refusal(ns.exchange(p("/f"), p("/d/.snapshot/s/e"), T1))).isEqualTo(READ_ONLY);
  }

  @Test
  void aSwapMustFitTheQuotas() {
    ns.mkdir(p("/q"), false, T0).orThrow();
    ns.mkdir(p("/big/a/b"), true, T0).orThrow();
    create("/q/f");
    ns.setQuota(p("/q"), 3, QuotaUsage.NONE, T0).orThrow();
    assertThat(refusal(ns.exchange(p("/q/f"), p("/big"), T1))).isEqualTo(QUOTA_EXCEEDED);
    ns.exchange(p("/q/f"), p("/big/a/b"), T1).orThrow();
    assertThat(ns.quota(p("/q")).orThrow().names()).isEqualTo(2);
    QuotaUsage kept = ns.quota(p("/q")).orThrow();
    ns.setQuota(p("/q"), QuotaUsage.NONE, QuotaUsage.NONE, T1).orThrow();
    assertThat(ns.quota(p("/q")).orThrow().names()).isEqualTo(kept.names());
  }

  @Test
  void aSnapshotKeepsBothNamesAsTheyWere() {
    ns.mkdir(p("/s"), false, T0).orThrow();
    FileId a = create("/s/a");
    FileId b = create("/s/b");
    ns.allowSnapshots(p("/s"), T0).orThrow();
    ns.createSnapshot(p("/s"), "S", T0).orThrow();
    ns.exchange(p("/s/a"), p("/s/b"), T1).orThrow();
    assertThat(stat("/s/.snapshot/S/a").fileId()).isEqualTo(a);
    assertThat(stat("/s/.snapshot/S/b").fileId()).isEqualTo(b);
    assertThat(stat("/s/a").fileId()).isEqualTo(b);
    assertThat(NamespaceImages.imageOf(NamespaceImages.load(NamespaceImages.imageOf(ns))))
        .isEqualTo(NamespaceImages.imageOf(ns));
  }

  // ---------------------------------------------------------------- the loader's checks

  private static final NamespaceImage.Header HEADER = new NamespaceImage.Header(10, 10, T0, T0);

  private static NamespaceImage.DirectoryEntry dir(long id, long parentId, String name) {
    return new NamespaceImage.DirectoryEntry(id, parentId, name, T0, T0);
  }

  private static NamespaceImage.FileEntry file(long id, long parentId, String name) {
    ChunkRef c = new ChunkRef(new ChunkId(id), ChunkVersion.FIRST, ChunkVersion.FIRST, 1);
    return new NamespaceImage.FileEntry(
        id, parentId, name, T0, T0, 1, CHUNK, 1, LeaseHolder.NONE, List.of(new IndexedChunk(0, c)));
  }

  private static void assertRefused(String problem, Object... records) {
    NamespaceImageLoader loader = NamespaceImage.loader();
    assertThatThrownBy(
            () -> {
              NamespaceImages.feed(loader, List.of(records));
              loader.finish();
            })
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(problem);
  }

  @Test
  void theLoaderChecksEveryLink() {
    var d = dir(2, 1, "d");
    var f = file(3, 1, "f");
    assertRefused("unknown inode 7", HEADER, d, f, new NamespaceImage.Link(2, "g", 7));
    assertRefused("a hard link to a directory", HEADER, d, f, new NamespaceImage.Link(1, "g", 2));
    assertRefused("9 is not a directory", HEADER, d, f, new NamespaceImage.Link(9, "g", 3));
    assertRefused("3 is not a directory", HEADER, d, f, new NamespaceImage.Link(3, "g", 3));
    assertRefused("duplicate name", HEADER, d, f, new NamespaceImage.Link(1, "d", 3));
    assertRefused("duplicate name", HEADER, d, f, new NamespaceImage.Link(1, "f", 3));
    assertRefused(
        "after the DIFFS records", HEADER, d, f, diff(3), new NamespaceImage.Link(2, "g", 3));
    var kept =
        new SnapshotImage.Kept(
            new NamespaceImage.FileEntry(
                4, 1, "k", T0, T0, 1, CHUNK, 0, LeaseHolder.NONE, List.of()),
            true);
    assertRefused(
        "a live directory cannot hold a kept inode",
        HEADER,
        d,
        f,
        kept,
        new NamespaceImage.Link(2, "g", 4));
    Namespace loaded =
        NamespaceImages.load(List.of(HEADER, d, f, new NamespaceImage.Link(2, "g", 3)));
    assertThat(loaded.stat(p("/d/g")).orThrow().links()).isEqualTo(2);
    assertThat(loaded.stat(p("/f")).orThrow().fileId()).isEqualTo(new FileId(3));
  }

  private static SnapshotImage.Diff diff(long inodeId) {
    return new SnapshotImage.Marks(inodeId, new TreeMap<>(), 0, new TreeMap<>());
  }
}
