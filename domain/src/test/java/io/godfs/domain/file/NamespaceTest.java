package io.godfs.domain.file;

import static io.godfs.domain.Outcomes.ok;
import static io.godfs.domain.Outcomes.rejected;
import static io.godfs.domain.error.ErrorCode.ALREADY_EXISTS;
import static io.godfs.domain.error.ErrorCode.CONFLICT;
import static io.godfs.domain.error.ErrorCode.INVALID_ARGUMENT;
import static io.godfs.domain.error.ErrorCode.IS_A_DIRECTORY;
import static io.godfs.domain.error.ErrorCode.NOT_A_DIRECTORY;
import static io.godfs.domain.error.ErrorCode.NOT_EMPTY;
import static io.godfs.domain.error.ErrorCode.NOT_FOUND;
import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkLayout;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Directory-tree behaviour of {@link Namespace}: mkdir, create, stat, list, rename, delete. */
class NamespaceTest {
  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  static final Instant T1 = T0.plusSeconds(1);
  static final long CS = ChunkLayout.MIN_CHUNK_SIZE;

  private final Namespace ns = Namespace.empty(T0);

  static DfsPath p(String raw) {
    return DfsPath.of(raw);
  }

  private FileStatus create(String path) {
    return ok(ns.createFile(p(path), false, 3, CS, T0)).status();
  }

  /** Creates a file with {@code chunks} committed full chunks; returns their ids. */
  private List<ChunkId> fileWithChunks(String path, int chunks) {
    FileId id = create(path).fileId();
    List<ChunkId> ids = new ArrayList<>();
    for (int i = 0; i < chunks; i++) {
      ChunkAllocation a = ok(ns.allocateChunk(p(path), id, i, T0));
      ok(ns.commitChunk(p(path), id, i, a.chunkId(), a.version(), CS, T0));
      ids.add(a.chunkId());
    }
    return ids;
  }

  private List<String> names(String dir) {
    return ok(ns.list(p(dir), null, Listing.MAX_LIMIT)).entries().stream()
        .map(s -> s.path().name())
        .toList();
  }

  @Test
  void mkdirCreatesADirectoryUnderAnExistingParent() {
    FileStatus dir = ok(ns.mkdir(p("/a"), false, T1));
    assertThat(dir.isDirectory()).isTrue();
    assertThat(dir.path()).isEqualTo(p("/a"));
    assertThat(dir.creationTime()).isEqualTo(T1);
    assertThat(ok(ns.stat(p("/a")))).isEqualTo(dir);
    assertThat(ok(ns.stat(DfsPath.ROOT)).modificationTime()).isEqualTo(T1);
  }

  @Test
  void mkdirWithoutParentsNeedsTheParentAndRefusesExisting() {
    assertThat(rejected(ns.mkdir(p("/a/b"), false, T0), NOT_FOUND).message()).contains("/a");
    rejected(ns.stat(p("/a")), NOT_FOUND);
    ok(ns.mkdir(p("/a"), false, T0));
    rejected(ns.mkdir(p("/a"), false, T0), ALREADY_EXISTS);
    rejected(ns.mkdir(DfsPath.ROOT, false, T0), ALREADY_EXISTS);
  }

  @Test
  void mkdirWithParentsCreatesAncestorsAndAcceptsExisting() {
    ok(ns.mkdir(p("/a/b/c"), true, T0));
    assertThat(ok(ns.stat(p("/a/b"))).isDirectory()).isTrue();
    assertThat(ok(ns.mkdir(p("/a/b/c"), true, T1)).creationTime()).isEqualTo(T0);
    assertThat(ok(ns.mkdir(DfsPath.ROOT, true, T0)).isDirectory()).isTrue();
  }

  @Test
  void mkdirRefusesFilesInTheWay() {
    create("/f");
    rejected(ns.mkdir(p("/f"), false, T0), ALREADY_EXISTS);
    rejected(ns.mkdir(p("/f"), true, T0), ALREADY_EXISTS);
    rejected(ns.mkdir(p("/f/x"), false, T0), NOT_A_DIRECTORY);
    rejected(ns.mkdir(p("/f/x/y"), true, T0), NOT_A_DIRECTORY);
    assertThat(ok(ns.stat(p("/f"))).isDirectory()).isFalse();
  }

  @Test
  void createMakesAnEmptyFile() {
    ok(ns.mkdir(p("/d"), false, T0));
    CreatedFile created = ok(ns.createFile(p("/d/f"), false, 2, 2 * CS, T1));
    FileStatus s = created.status();
    assertThat(s.type()).isEqualTo(FileType.FILE);
    assertThat(s.length()).isZero();
    assertThat(s.replication()).isEqualTo(2);
    assertThat(s.chunkSize()).isEqualTo(2 * CS);
    assertThat(s.chunkCount()).isZero();
    assertThat(created.replaced()).isEqualTo(Removed.NOTHING);
    assertThat(ok(ns.stat(p("/d/f")))).isEqualTo(s);
    assertThat(ns.fileCount()).isEqualTo(1);
  }

  @Test
  void createNeedsADirectoryParent() {
    rejected(ns.createFile(p("/missing/f"), false, 3, CS, T0), NOT_FOUND);
    create("/f");
    rejected(ns.createFile(p("/f/g"), false, 3, CS, T0), NOT_A_DIRECTORY);
  }

  @Test
  void createRefusesAnExistingFileWithoutOverwrite() {
    FileId id = create("/f").fileId();
    rejected(ns.createFile(p("/f"), false, 3, CS, T0), ALREADY_EXISTS);
    assertThat(ok(ns.stat(p("/f"))).fileId()).isEqualTo(id);
  }

  @Test
  void overwriteReplacesTheFileAndReleasesItsChunks() {
    List<ChunkId> old = fileWithChunks("/f", 3);
    FileId oldId = ok(ns.stat(p("/f"))).fileId();
    CreatedFile created = ok(ns.createFile(p("/f"), true, 1, CS, T1));
    assertThat(created.status().fileId()).isNotEqualTo(oldId);
    assertThat(created.status().length()).isZero();
    assertThat(created.replaced().files()).isEqualTo(1);
    assertThat(created.replaced().chunks()).containsExactlyInAnyOrderElementsOf(old);
    assertThat(ns.chunkCount()).isZero();
    assertThat(ns.fileCount()).isEqualTo(1);
    old.forEach(c -> assertThat(ns.chunkOwner(c)).isEmpty());
  }

  @Test
  void createRefusesDirectoriesAndBadSettings() {
    ok(ns.mkdir(p("/d"), false, T0));
    rejected(ns.createFile(p("/d"), true, 3, CS, T0), IS_A_DIRECTORY);
    rejected(ns.createFile(DfsPath.ROOT, true, 3, CS, T0), IS_A_DIRECTORY);
    assertThat(rejected(ns.createFile(p("/f"), false, 0, CS, T0), INVALID_ARGUMENT).message())
        .contains("replication");
    rejected(ns.createFile(p("/f"), false, 17, CS, T0), INVALID_ARGUMENT);
    assertThat(rejected(ns.createFile(p("/f"), false, 3, 1000, T0), INVALID_ARGUMENT).message())
        .contains("chunk size");
    rejected(ns.createFile(p("/f"), false, 3, 0, T0), INVALID_ARGUMENT);
    rejected(ns.stat(p("/f")), NOT_FOUND);
  }

  @Test
  void statReportsMissingAndFilesInThePath() {
    assertThat(ok(ns.stat(DfsPath.ROOT)).isDirectory()).isTrue();
    rejected(ns.stat(p("/nope")), NOT_FOUND);
    create("/f");
    rejected(ns.stat(p("/f/x")), NOT_A_DIRECTORY);
  }

  @Test
  void listIsSortedByNameWithFullPaths() {
    for (String name : List.of("b", "a", "c", "a-b", "a.b")) {
      create("/" + name);
    }
    ok(ns.mkdir(p("/aa"), false, T0));
    Listing listing = ok(ns.list(DfsPath.ROOT, null, 100));
    assertThat(listing.entries())
        .extracting(s -> s.path().value())
        .containsExactly("/a", "/a-b", "/a.b", "/aa", "/b", "/c");
    assertThat(listing.hasMore()).isFalse();
    assertThat(listing.entries().get(3).isDirectory()).isTrue();
  }

  @Test
  void listPaginatesWithStartAfterAndLimit() {
    ok(ns.mkdir(p("/d"), false, T0));
    for (String name : List.of("e", "d", "c", "b", "a")) {
      create("/d/" + name);
    }
    Listing first = ok(ns.list(p("/d"), null, 2));
    assertThat(first.entries()).extracting(s -> s.path().name()).containsExactly("a", "b");
    assertThat(first.hasMore()).isTrue();
    Listing second = ok(ns.list(p("/d"), "b", 2));
    assertThat(second.entries()).extracting(s -> s.path().name()).containsExactly("c", "d");
    assertThat(second.hasMore()).isTrue();
    Listing last = ok(ns.list(p("/d"), "d", 2));
    assertThat(last.entries()).extracting(s -> s.path().name()).containsExactly("e");
    assertThat(last.hasMore()).isFalse();
    assertThat(ok(ns.list(p("/d"), "", 5)).hasMore()).isFalse();
    assertThat(ok(ns.list(p("/d"), "bb", 1)).entries())
        .extracting(s -> s.path().name())
        .containsExactly("c");
    assertThat(ok(ns.list(p("/d"), "e", 1)).entries()).isEmpty();
  }

  @Test
  void listOfAFileReturnsTheFile() {
    FileStatus f = create("/f");
    assertThat(ok(ns.list(p("/f"), null, 10))).isEqualTo(new Listing(List.of(f), false));
  }

  @Test
  void listRefusesBadLimitsAndMissingPaths() {
    rejected(ns.list(DfsPath.ROOT, null, 0), INVALID_ARGUMENT);
    rejected(ns.list(DfsPath.ROOT, null, Listing.MAX_LIMIT + 1), INVALID_ARGUMENT);
    rejected(ns.list(p("/nope"), null, 10), NOT_FOUND);
  }

  @Test
  void renameMovesAFile() {
    FileId id = create("/f").fileId();
    ok(ns.mkdir(p("/d"), false, T0));
    assertThat(ok(ns.rename(p("/f"), p("/d/g"), false, T1))).isEqualTo(Removed.NOTHING);
    rejected(ns.stat(p("/f")), NOT_FOUND);
    assertThat(ok(ns.stat(p("/d/g"))).fileId()).isEqualTo(id);
    assertThat(names("/")).containsExactly("d");
  }

  @Test
  void renameMovesAWholeSubtree() {
    ok(ns.mkdir(p("/a/b"), true, T0));
    List<ChunkId> chunks = fileWithChunks("/a/b/f", 2);
    FileId id = ok(ns.stat(p("/a/b/f"))).fileId();
    ok(ns.rename(p("/a"), p("/x"), false, T1));
    rejected(ns.stat(p("/a")), NOT_FOUND);
    rejected(ns.stat(p("/a/b/f")), NOT_FOUND);
    assertThat(ok(ns.stat(p("/x/b/f"))).fileId()).isEqualTo(id);
    assertThat(names("/x/b")).containsExactly("f");
    assertThat(ns.chunkOwner(chunks.get(1)).orElseThrow().path()).isEqualTo(p("/x/b/f"));
  }

  @Test
  void renameRefusesMovingADirectoryIntoItsOwnSubtree() {
    ok(ns.mkdir(p("/a/b"), true, T0));
    rejected(ns.rename(p("/a"), p("/a/b/c"), false, T0), INVALID_ARGUMENT);
    rejected(ns.rename(p("/a"), p("/a/c"), false, T0), INVALID_ARGUMENT);
    assertThat(names("/a")).containsExactly("b");
    ok(ns.mkdir(p("/ab"), false, T0));
    ok(ns.rename(p("/a"), p("/ab/a"), false, T0)); // /ab is not inside /a
    assertThat(ok(ns.stat(p("/ab/a/b"))).isDirectory()).isTrue();
  }

  @Test
  void renameRefusesAnExistingTargetUnlessReplacingFileWithFile() {
    FileId f = create("/f").fileId();
    FileId g = create("/g").fileId();
    ok(ns.mkdir(p("/d"), false, T0));
    ok(ns.mkdir(p("/e"), false, T0));
    rejected(ns.rename(p("/f"), p("/g"), false, T0), ALREADY_EXISTS);
    rejected(ns.rename(p("/f"), p("/d"), true, T0), IS_A_DIRECTORY);
    rejected(ns.rename(p("/d"), p("/e"), true, T0), IS_A_DIRECTORY);
    rejected(ns.rename(p("/d"), p("/g"), true, T0), NOT_A_DIRECTORY);
    assertThat(ok(ns.stat(p("/f"))).fileId()).isEqualTo(f);
    assertThat(ok(ns.stat(p("/g"))).fileId()).isEqualTo(g);
    assertThat(names("/")).containsExactly("d", "e", "f", "g");
  }

  @Test
  void renameOverReplacesOnlyTheExpectedTargetFile() {
    FileId approved = create("/t").fileId();
    FileId upload = create("/upload").fileId();
    ok(ns.rename(p("/t"), p("/old-t"), false, T0)); // another client moves it away ...
    FileId intruder = create("/t").fileId(); // ... and puts a different file there

    rejected(ns.renameOver(p("/upload"), p("/t"), approved, T1), CONFLICT);
    assertThat(ok(ns.stat(p("/t"))).fileId()).isEqualTo(intruder);
    assertThat(ok(ns.stat(p("/upload"))).fileId()).isEqualTo(upload);

    ok(ns.renameOver(p("/upload"), p("/t"), intruder, T1));
    assertThat(ok(ns.stat(p("/t"))).fileId()).isEqualTo(upload);
    assertThat(names("/")).containsExactly("old-t", "t");
    assertThat(ok(ns.stat(p("/old-t"))).fileId()).isEqualTo(approved);
  }

  @Test
  void renameOverAMissingTargetIsAConflict() {
    FileId upload = create("/upload").fileId();
    rejected(ns.renameOver(p("/upload"), p("/gone"), new FileId(12345), T1), CONFLICT);
    assertThat(ok(ns.stat(p("/upload"))).fileId()).isEqualTo(upload);
  }

  @Test
  void replacingRenameReleasesTheReplacedFilesChunks() {
    List<ChunkId> kept = fileWithChunks("/f", 1);
    List<ChunkId> replaced = fileWithChunks("/g", 2);
    FileId f = ok(ns.stat(p("/f"))).fileId();
    Removed removed = ok(ns.rename(p("/f"), p("/g"), true, T1));
    assertThat(removed.files()).isEqualTo(1);
    assertThat(removed.chunks()).containsExactlyInAnyOrderElementsOf(replaced);
    assertThat(ok(ns.stat(p("/g"))).fileId()).isEqualTo(f);
    rejected(ns.stat(p("/f")), NOT_FOUND);
    assertThat(ns.fileCount()).isEqualTo(1);
    assertThat(ns.chunkCount()).isEqualTo(1);
    assertThat(ns.chunkOwner(kept.get(0)).orElseThrow().path()).isEqualTo(p("/g"));
    replaced.forEach(c -> assertThat(ns.chunkOwner(c)).isEmpty());
  }

  @Test
  void renameEdgeCases() {
    FileStatus f = create("/f");
    assertThat(ok(ns.rename(p("/f"), p("/f"), false, T1))).isEqualTo(Removed.NOTHING);
    assertThat(ok(ns.stat(p("/f")))).isEqualTo(f);
    rejected(ns.rename(DfsPath.ROOT, p("/x"), false, T0), INVALID_ARGUMENT);
    rejected(ns.rename(p("/f"), DfsPath.ROOT, true, T0), ALREADY_EXISTS);
    rejected(ns.rename(p("/nope"), p("/x"), false, T0), NOT_FOUND);
    rejected(ns.rename(p("/f"), p("/no/x"), false, T0), NOT_FOUND);
    assertThat(ok(ns.stat(p("/f")))).isEqualTo(f);
  }

  @Test
  void deleteRefusesNonEmptyDirectoriesUnlessRecursive() {
    ok(ns.mkdir(p("/d/e"), true, T0));
    rejected(ns.delete(p("/d"), false, T0), NOT_EMPTY);
    assertThat(names("/d")).containsExactly("e");
    assertThat(ok(ns.delete(p("/d/e"), false, T0))).isEqualTo(new Removed(0, List.of()));
    rejected(ns.stat(p("/d/e")), NOT_FOUND);
  }

  @Test
  void recursiveDeleteReturnsEveryFileAndChunkOfTheSubtree() {
    ok(ns.mkdir(p("/d/sub/deeper"), true, T0));
    List<ChunkId> all = new ArrayList<>(fileWithChunks("/d/f1", 2));
    all.addAll(fileWithChunks("/d/sub/f2", 1));
    all.addAll(fileWithChunks("/d/sub/deeper/f3", 3));
    fileWithChunks("/d/sub/empty", 0);
    List<ChunkId> outside = fileWithChunks("/dd", 1);
    Removed removed = ok(ns.delete(p("/d"), true, T1));
    assertThat(removed.files()).isEqualTo(4);
    assertThat(removed.chunks()).containsExactlyInAnyOrderElementsOf(all);
    assertThat(ns.fileCount()).isEqualTo(1);
    assertThat(ns.chunkCount()).isEqualTo(1);
    all.forEach(c -> assertThat(ns.chunkOwner(c)).isEmpty());
    assertThat(ns.chunkOwner(outside.get(0))).isPresent();
    assertThat(names("/")).containsExactly("dd");
  }

  @Test
  void deleteOfAFileReleasesItsChunks() {
    List<ChunkId> chunks = fileWithChunks("/f", 2);
    assertThat(ok(ns.delete(p("/f"), false, T0))).isEqualTo(new Removed(1, chunks));
    rejected(ns.delete(p("/f"), false, T0), NOT_FOUND);
    rejected(ns.delete(DfsPath.ROOT, true, T0), INVALID_ARGUMENT);
    assertThat(ns.fileCount()).isZero();
  }
}
