package io.godfs.domain.file;

import static io.godfs.domain.Outcomes.ok;
import static io.godfs.domain.file.NamespaceImages.feed;
import static io.godfs.domain.file.NamespaceImages.imageOf;
import static io.godfs.domain.file.NamespaceImages.load;
import static io.godfs.domain.file.NamespaceImages.observe;
import static io.godfs.domain.file.NamespaceImages.plainImageOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkLayout;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.NamespaceImage.DirectoryEntry;
import io.godfs.domain.file.NamespaceImage.FileEntry;
import io.godfs.domain.file.NamespaceImage.Header;
import io.godfs.domain.file.NamespaceImage.QueuedDeletion;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Writing a namespace as an image and loading it back; what the loader refuses. */
class NamespaceImageTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private static final long CS = ChunkLayout.MIN_CHUNK_SIZE;
  private static final ChunkVersion V1 = ChunkVersion.FIRST;
  private static final ChunkVersion V2 = V1.next();

  private static Instant t(int n) {
    return T0.plusSeconds(n);
  }

  private static ChunkId chunk(long id) {
    return new ChunkId(id);
  }

  @Test
  void anEmptyNamespaceIsItsHeaderAndLoadsAsAnEmptyNamespace() {
    Namespace ns = Namespace.empty(T0);

    List<Object> image = imageOf(ns);

    assertThat(plainImageOf(ns)).containsExactly(new Header(2, 1, T0, T0));
    Namespace loaded = load(image);
    assertThat(imageOf(loaded)).isEqualTo(image);
    assertThat(observe(loaded)).isEqualTo(observe(ns));
    assertThat(ok(loaded.mkdir(DfsPath.of("/a"), false, t(1))).fileId()).isEqualTo(new FileId(2));
  }

  /**
   * /d/e, /d/f (chunks 0 and 2, a hole at 1), /g open by alice with a pending chunk, /i truncated
   * to nothing; /h deleted. Its image, in the documented order, and a copy that carries on alike.
   */
  @Test
  void dirsFilesHolesOpenFilesAndQueuedDeletionsSurviveAnImage() {
    Namespace ns = Namespace.empty(T0);
    ok(ns.mkdir(DfsPath.of("/d/e"), true, t(1)));
    DfsPath f = DfsPath.of("/d/f");
    FileId fid = ok(ns.createFile(f, false, 3, CS, t(2))).status().fileId();
    commitNewChunk(ns, f, fid, 0, CS, t(2));
    commitNewChunk(ns, f, fid, 2, 10, t(2));
    DfsPath g = DfsPath.of("/g");
    FileId gid =
        ok(ns.createFile(g, false, 2, CS, LeaseHolder.client("alice"), t(3))).status().fileId();
    ok(ns.allocateChunk(g, gid, 0, LeaseHolder.client("alice"), t(3)));
    DfsPath h = DfsPath.of("/h");
    commitNewChunk(ns, h, ok(ns.createFile(h, false, 1, CS, t(4))).status().fileId(), 0, 5, t(4));
    ok(ns.delete(h, false, t(5)));
    DfsPath i = DfsPath.of("/i");
    commitNewChunk(ns, i, ok(ns.createFile(i, false, 1, CS, t(6))).status().fileId(), 0, 7, t(6));
    ok(ns.truncate(i, 0, t(7)));

    List<Object> image = imageOf(ns);

    assertThat(plainImageOf(ns))
        .containsExactly(
            new Header(8, 6, T0, t(6)),
            new DirectoryEntry(2, 1, "d", t(1), t(2)),
            new DirectoryEntry(3, 2, "e", t(1), t(1)),
            new FileEntry(
                4,
                2,
                "f",
                t(2),
                t(2),
                3,
                CS,
                2 * CS + 10,
                LeaseHolder.NONE,
                List.of(
                    new IndexedChunk(0, new ChunkRef(chunk(1), V2, V2, CS)),
                    new IndexedChunk(2, new ChunkRef(chunk(2), V2, V2, 10)))),
            new FileEntry(
                5,
                1,
                "g",
                t(3),
                t(3),
                2,
                CS,
                0,
                LeaseHolder.client("alice"),
                List.of(new IndexedChunk(0, new ChunkRef(chunk(3), V2, V1, 0)))),
            new FileEntry(7, 1, "i", t(6), t(7), 1, CS, 0, LeaseHolder.NONE, List.of()),
            new QueuedDeletion(chunk(4), t(5)),
            new QueuedDeletion(chunk(5), t(7)));

    Namespace copy = load(image);
    assertThat(imageOf(copy)).isEqualTo(image);
    assertThat(observe(copy)).isEqualTo(observe(ns));
    assertThat(copy.writers()).containsExactly(LeaseHolder.client("alice"));

    List<Function<Namespace, Outcome<?>>> later =
        List.of(
            n -> n.commitChunk(g, gid, 0, chunk(3), V2, 100, LeaseHolder.client("alice"), t(8)),
            n -> n.allocateChunk(f, fid, 1, t(8)),
            n -> n.mkdir(DfsPath.of("/x"), false, t(8)),
            n -> n.createFile(DfsPath.of("/d/f"), true, 1, CS, LeaseHolder.client("bob"), t(9)),
            n -> n.openForWrite(g, LeaseHolder.client("bob"), t(9)),
            n -> n.recoverLease(gid, t(9)),
            n -> n.openForWrite(g, LeaseHolder.client("bob"), t(9)),
            n -> n.forgetDeleted(List.of(chunk(4)), t(10)),
            n -> n.delete(DfsPath.of("/d"), true, t(10)));
    for (var command : later) {
      assertThat((Object) command.apply(copy)).isEqualTo(command.apply(ns));
      assertThat(observe(copy)).isEqualTo(observe(ns));
    }
    assertThat(imageOf(copy)).isEqualTo(imageOf(ns));
  }

  private static void commitNewChunk(
      Namespace ns, DfsPath path, FileId fileId, int index, long length, Instant at) {
    ChunkAllocation a = ok(ns.allocateChunk(path, fileId, index, at));
    ok(ns.commitChunk(path, fileId, index, a.chunkId(), a.version(), length, at));
  }

  // ---------------------------------------------------------------- what the loader refuses

  private static final Header HEADER = new Header(10, 10, T0, T0);

  private static DirectoryEntry dir(long id, long parentId, String name) {
    return new DirectoryEntry(id, parentId, name, T0, T0);
  }

  private static FileEntry file(long id, long parentId, String name, IndexedChunk... chunks) {
    return new FileEntry(
        id, parentId, name, T0, T0, 3, CS, CS * chunks.length, LeaseHolder.NONE, List.of(chunks));
  }

  private static IndexedChunk slot(int index, long chunkId) {
    return new IndexedChunk(index, new ChunkRef(chunk(chunkId), V2, V2, 1));
  }

  private static void assertRefused(String problem, Object... records) {
    NamespaceImageLoader loader = NamespaceImage.loader();
    assertThatThrownBy(
            () -> {
              feed(loader, List.of(records));
              loader.finish();
            })
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(problem);
    assertThatThrownBy(loader::finish)
        .as("a loader that refused its image")
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void theHeaderComesFirstAndOnce() {
    assertRefused("entry 2 before the header", dir(2, 1, "a"));
    assertRefused("queued deletion of chunk-1 before the header", new QueuedDeletion(chunk(1), T0));
    assertRefused("the image has no header");
    assertRefused("a second header", HEADER, dir(2, 1, "a"), HEADER);
    assertRefused("nextInodeId : 1 (expected: > 1)", new Header(1, 1, T0, T0));
    assertRefused("nextChunkId : 0 (expected: >= 1)", new Header(2, 0, T0, T0));
  }

  @Test
  void entriesNeedAKnownDirectoryAsParentAndAFreeValidName() {
    assertRefused("directory 3 'b': unknown parent id 2", HEADER, dir(3, 2, "b"), dir(2, 1, "a"));
    assertRefused(
        "file 3 'b': parent 2 is a file, not a directory",
        HEADER,
        file(2, 1, "a"),
        file(3, 2, "b"));
    assertRefused(
        "file 3 'a': duplicate name 'a' in directory 1", HEADER, dir(2, 1, "a"), file(3, 1, "a"));
    assertRefused(
        "directory 2 'x': inode id 2 appears twice", HEADER, file(2, 1, "a"), dir(2, 1, "x"));
    assertRefused("directory 1 'a': id : 1 (expected: 2 to 9", HEADER, dir(1, 1, "a"));
    assertRefused(
        "file 10 'a': id : 10 (expected: 2 to 9, below the header's nextInodeId)",
        HEADER,
        file(10, 1, "a"));
    assertRefused("directory 2 '': the name is empty", HEADER, dir(2, 1, ""));
    assertRefused(
        "directory 2 'a/b': name : 'a/b' (expected: one segment without /)",
        HEADER,
        dir(2, 1, "a/b"));
    assertRefused("directory 2 '..': path '/..' has a '..' segment", HEADER, dir(2, 1, ".."));
  }

  @Test
  void twoFilesMayShareAChunkAsARestoreLeavesThem() {
    Namespace ns =
        NamespaceImages.load(
            List.of(HEADER, file(2, 1, "a", slot(0, 5)), file(3, 1, "b", slot(0, 5))));
    assertThat(ns.chunkCount()).isEqualTo(1);
    // Shared, so frozen: a write to either file copies the chunk first (ADR 0025).
    FileStatus b = ns.stat(DfsPath.of("/b")).orThrow();
    ChunkAllocation write = ns.allocateChunk(DfsPath.of("/b"), b.fileId(), 0, T0).orThrow();
    assertThat(write.copyOf()).isNotNull();
    assertThat(write.copyOf().source()).isEqualTo(chunk(5));
    assertThat(write.chunkId()).isNotEqualTo(chunk(5));
  }

  @Test
  void eachChunkLivesOnceInAFileUnderTheCounter() {
    assertRefused(
        "file 2 'a': chunk-5 appears twice", HEADER, file(2, 1, "a", slot(0, 5), slot(1, 5)));
    assertRefused(
        "chunk-5 is queued for deletion but file 2 holds it",
        HEADER,
        file(2, 1, "a", slot(0, 5)),
        new QueuedDeletion(chunk(5), T0));
    assertRefused(
        "chunk-5 is queued for deletion twice",
        HEADER,
        new QueuedDeletion(chunk(5), T0),
        new QueuedDeletion(chunk(5), T0));
    assertRefused(
        "file 2 'a': chunk-10 is not below the header's nextChunkId 10",
        HEADER,
        file(2, 1, "a", slot(0, 10)));
    assertRefused(
        "queued deletion: chunk-12 is not below the header's nextChunkId 10",
        HEADER,
        new QueuedDeletion(chunk(12), T0));
    assertRefused(
        "file 2 'a': chunk index 1 after 3 (expected: ascending)",
        HEADER,
        file(2, 1, "a", slot(3, 5), slot(1, 6)));
    assertRefused(
        "file 2 'a': chunk slot 0 holds no chunk",
        HEADER,
        file(2, 1, "a", new IndexedChunk(0, null)));
  }

  @Test
  void fileValuesMustBeOnesATransitionCouldHaveProduced() {
    assertRefused(
        "file 2 'a': replication : 0 (expected: 1-16)",
        HEADER,
        new FileEntry(2, 1, "a", T0, T0, 0, CS, 0, LeaseHolder.NONE, List.of()));
    assertRefused(
        "file 2 'a': chunk size : 1000",
        HEADER,
        new FileEntry(2, 1, "a", T0, T0, 3, 1000, 0, LeaseHolder.NONE, List.of()));
    assertRefused(
        "file 2 'a': length : -1",
        HEADER,
        new FileEntry(2, 1, "a", T0, T0, 3, CS, -1, LeaseHolder.NONE, List.of()));
    assertRefused(
        "file 2 'a': chunk 0 length : " + (CS + 1),
        HEADER,
        new FileEntry(
            2,
            1,
            "a",
            T0,
            T0,
            3,
            CS,
            CS,
            LeaseHolder.NONE,
            List.of(new IndexedChunk(0, new ChunkRef(chunk(5), V2, V2, CS + 1)))));
    assertRefused(
        "file 2 'a': chunk index : -1",
        HEADER,
        new FileEntry(2, 1, "a", T0, T0, 3, CS, CS, LeaseHolder.NONE, List.of(slot(-1, 5))));
    assertRefused(
        "entry 3 after the deletion queue",
        HEADER,
        file(2, 1, "a", slot(0, 5)),
        new QueuedDeletion(chunk(6), T0),
        file(3, 1, "b"));
  }

  @Test
  void aFinishedLoaderRefusesFurtherUseAndNullsAreNamed() {
    NamespaceImageLoader loader = NamespaceImage.loader();
    loader.header(HEADER);
    loader.finish();

    assertThatThrownBy(() -> loader.entry(dir(2, 1, "a")))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(loader::finish).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> NamespaceImage.loader().entry(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("entry");
    assertThatThrownBy(() -> new DirectoryEntry(2, 1, null, T0, T0))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("name");
    assertThatThrownBy(() -> new FileEntry(2, 1, "a", T0, T0, 3, CS, 0, null, List.of()))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("writer");
    assertThatThrownBy(() -> new FileEntry(2, 1, "a", T0, T0, 3, CS, 0, LeaseHolder.NONE, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("chunks");
  }

  @Test
  void entriesNeedOnlyParentsFirstAndTheQueueInAnyOrder() {
    Namespace loaded =
        load(
            List.of(
                HEADER,
                dir(3, 1, "z"),
                dir(2, 1, "a"),
                file(4, 3, "f", slot(0, 2)),
                new QueuedDeletion(chunk(7), t(1)),
                new QueuedDeletion(chunk(3), t(2))));

    assertThat(plainImageOf(loaded))
        .containsExactly(
            HEADER,
            dir(2, 1, "a"),
            dir(3, 1, "z"),
            file(4, 3, "f", slot(0, 2)),
            new QueuedDeletion(chunk(3), t(2)),
            new QueuedDeletion(chunk(7), t(1)));
    assertThat(loaded.chunkOwner(chunk(2)).orElseThrow().path()).isEqualTo(DfsPath.of("/z/f"));
  }
}
