package io.godfs.domain.file;

import static io.godfs.domain.Outcomes.ok;
import static io.godfs.domain.Outcomes.rejected;
import static io.godfs.domain.error.ErrorCode.CONFLICT;
import static io.godfs.domain.error.ErrorCode.INVALID_ARGUMENT;
import static io.godfs.domain.error.ErrorCode.IS_A_DIRECTORY;
import static io.godfs.domain.error.ErrorCode.NOT_FOUND;
import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkLayout;
import io.godfs.domain.chunk.ChunkVersion;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Chunk slots of {@link Namespace}: allocate, commit, locate and chunk ownership. */
class NamespaceChunkTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private static final Instant T1 = T0.plusSeconds(1);
  private static final long CS = ChunkLayout.MIN_CHUNK_SIZE;
  private static final DfsPath F = DfsPath.of("/f");

  private final Namespace ns = Namespace.empty(T0);
  private final FileId fileId = ok(ns.createFile(F, false, 3, CS, T0)).status().fileId();

  private ChunkAllocation allocate(int index) {
    return ok(ns.allocateChunk(F, fileId, index, T0));
  }

  private long commit(int index, ChunkAllocation a, long length) {
    return ok(ns.commitChunk(F, fileId, index, a.chunkId(), a.version(), length, T1));
  }

  @Test
  void firstAllocationGrantsVersionTwoOverAnEmptyCommittedVersionOne() {
    ChunkAllocation a = allocate(0);
    assertThat(a.fresh()).isTrue();
    assertThat(a.version()).isEqualTo(new ChunkVersion(2));
    assertThat(a.committedVersion()).isEqualTo(ChunkVersion.FIRST);
    assertThat(a.committedLength()).isZero();
    assertThat(a.replication()).isEqualTo(3);
    assertThat(a.chunkSize()).isEqualTo(CS);
    assertThat(ok(ns.stat(F)).chunkCount()).isEqualTo(1);
    assertThat(ns.chunkCount()).isEqualTo(1);
    ChunkOwner owner = ns.chunkOwner(a.chunkId()).orElseThrow();
    assertThat(owner)
        .isEqualTo(
            new ChunkOwner(
                fileId, F, 0, new ChunkRef(a.chunkId(), a.version(), ChunkVersion.FIRST, 0)));
  }

  @Test
  void reallocationGrantsTheNextVersionOfTheSameChunk() {
    ChunkAllocation first = allocate(0);
    commit(0, first, 100);
    ChunkAllocation second = allocate(0);
    assertThat(second.fresh()).isFalse();
    assertThat(second.chunkId()).isEqualTo(first.chunkId());
    assertThat(second.version()).isEqualTo(new ChunkVersion(3));
    assertThat(second.committedLength()).isEqualTo(100);
    assertThat(allocate(0).version()).isEqualTo(new ChunkVersion(4));
    assertThat(ns.chunkCount()).isEqualTo(1);
    ChunkRef ref = ns.chunkOwner(first.chunkId()).orElseThrow().chunk();
    assertThat(ref.grantedVersion()).isEqualTo(new ChunkVersion(4));
    assertThat(ref.committedVersion()).isEqualTo(new ChunkVersion(2));
  }

  @Test
  void differentSlotsAndFilesGetDistinctChunks() {
    ChunkId a = allocate(0).chunkId();
    ChunkId b = allocate(5).chunkId();
    FileId other = ok(ns.createFile(DfsPath.of("/g"), false, 1, CS, T0)).status().fileId();
    ChunkId c = ok(ns.allocateChunk(DfsPath.of("/g"), other, 0, T0)).chunkId();
    assertThat(a).isNotEqualTo(b).isNotEqualTo(c);
    assertThat(b).isNotEqualTo(c);
    assertThat(ns.chunkCount()).isEqualTo(3);
  }

  @Test
  void allocationRefusesStaleFilesAndBadIndexes() {
    rejected(ns.allocateChunk(F, new FileId(fileId.value() + 100), 0, T0), CONFLICT);
    FileId newId = ok(ns.createFile(F, true, 3, CS, T0)).status().fileId();
    assertThat(rejected(ns.allocateChunk(F, fileId, 0, T0), CONFLICT).message())
        .contains("replaced");
    rejected(ns.allocateChunk(F, newId, -1, T0), INVALID_ARGUMENT);
    DfsPath big = DfsPath.of("/big");
    FileId bigId =
        ok(ns.createFile(big, false, 1, ChunkLayout.MAX_CHUNK_SIZE, T0)).status().fileId();
    int tooFar = (int) (Namespace.MAX_FILE_LENGTH / ChunkLayout.MAX_CHUNK_SIZE);
    rejected(ns.allocateChunk(big, bigId, tooFar, T0), INVALID_ARGUMENT);
    ok(ns.allocateChunk(big, bigId, tooFar - 1, T0));
    // Writers address the file by id: a rename while writing does not disturb them.
    ok(ns.rename(F, DfsPath.of("/moved"), false, T0));
    ok(ns.allocateChunk(F, newId, 0, T0));
  }

  @Test
  void commitGrowsTheFileToTheEndOfTheFurthestChunk() {
    ChunkAllocation c1 = allocate(1);
    assertThat(commit(1, c1, 10)).isEqualTo(CS + 10);
    ChunkAllocation c0 = allocate(0);
    assertThat(commit(0, c0, CS)).isEqualTo(CS + 10); // never shrinks
    FileStatus s = ok(ns.stat(F));
    assertThat(s.length()).isEqualTo(CS + 10);
    assertThat(s.modificationTime()).isEqualTo(T1);
    assertThat(s.chunkCount()).isEqualTo(2);
    ChunkAllocation again = allocate(1);
    assertThat(commit(1, again, 5))
        .isEqualTo(CS + 10); // a shorter rewrite keeps the committed bytes
    ChunkRef ref = ns.chunkOwner(c1.chunkId()).orElseThrow().chunk();
    assertThat(ref).isEqualTo(new ChunkRef(c1.chunkId(), again.version(), again.version(), 10));
  }

  @Test
  void commitWithAnOutdatedVersionConflicts() {
    ChunkAllocation old = allocate(0);
    ChunkAllocation newer = allocate(0);
    assertThat(
            rejected(ns.commitChunk(F, fileId, 0, old.chunkId(), old.version(), 10, T0), CONFLICT)
                .message())
        .contains("another writer");
    assertThat(ok(ns.stat(F)).length()).isZero();
    assertThat(commit(0, newer, 10)).isEqualTo(10);
  }

  @Test
  void commitRefusesWrongChunksLengthsAndFiles() {
    ChunkAllocation a = allocate(0);
    ChunkId other = allocate(1).chunkId();
    rejected(ns.commitChunk(F, fileId, 0, other, a.version(), 10, T0), CONFLICT);
    rejected(ns.commitChunk(F, fileId, 2, a.chunkId(), a.version(), 10, T0), CONFLICT);
    assertThat(
            rejected(
                    ns.commitChunk(F, fileId, 0, a.chunkId(), a.version(), CS + 1, T0),
                    INVALID_ARGUMENT)
                .message())
        .contains("chunk length");
    rejected(ns.commitChunk(F, fileId, 0, a.chunkId(), a.version(), -1, T0), INVALID_ARGUMENT);
    rejected(
        ns.commitChunk(F, new FileId(fileId.value() + 1), 0, a.chunkId(), a.version(), 10, T0),
        CONFLICT);
    assertThat(ok(ns.stat(F)).length()).isZero();
    assertThat(commit(0, a, CS)).isEqualTo(CS);
  }

  @Test
  void commitAfterTheFileWasOverwrittenConflicts() {
    ChunkAllocation a = allocate(0);
    ok(ns.createFile(F, true, 3, CS, T0));
    rejected(ns.commitChunk(F, fileId, 0, a.chunkId(), a.version(), 10, T0), CONFLICT);
  }

  /** File with chunks 0, 1 and 3 (2 is a hole); 3*CS + 100 bytes long. */
  private void fileWithHole() {
    commit(0, allocate(0), CS);
    commit(1, allocate(1), CS);
    commit(3, allocate(3), 100);
  }

  private List<Integer> located(long offset, long length) {
    return ok(ns.locate(F, offset, length)).chunks().stream().map(IndexedChunk::index).toList();
  }

  @Test
  void locateReturnsChunksOverlappingTheRangeAndOmitsHoles() {
    fileWithHole();
    assertThat(located(0, 0)).containsExactly(0, 1, 3);
    assertThat(located(0, 1)).containsExactly(0);
    assertThat(located(CS - 1, 2)).containsExactly(0, 1);
    assertThat(located(CS, CS)).containsExactly(1);
    assertThat(located(2 * CS, CS)).isEmpty();
    assertThat(located(2 * CS, 0)).containsExactly(3);
    assertThat(located(2 * CS + 5, Long.MAX_VALUE)).containsExactly(3);
    assertThat(located(3 * CS + 100, 0)).isEmpty();
    assertThat(located(10 * CS, 10)).isEmpty();
    FileChunks chunks = ok(ns.locate(F, 0, 0));
    assertThat(chunks.status()).isEqualTo(ok(ns.stat(F)));
    assertThat(chunks.chunks().get(2).chunk().length()).isEqualTo(100);
  }

  @Test
  void locateRefusesBadRangesAndDirectories() {
    rejected(ns.locate(F, -1, 0), INVALID_ARGUMENT);
    rejected(ns.locate(F, 0, -1), INVALID_ARGUMENT);
    rejected(ns.locate(DfsPath.ROOT, 0, 0), IS_A_DIRECTORY);
    rejected(ns.locate(DfsPath.of("/nope"), 0, 0), NOT_FOUND);
    assertThat(ok(ns.locate(F, 0, 0)).chunks()).isEmpty();
  }

  @Test
  void chunkOwnerFollowsRenamesAndForgetsDeletedChunks() {
    ChunkAllocation a = allocate(2);
    ok(ns.mkdir(DfsPath.of("/d"), false, T0));
    ok(ns.rename(F, DfsPath.of("/d/moved"), false, T1));
    ChunkOwner owner = ns.chunkOwner(a.chunkId()).orElseThrow();
    assertThat(owner.path()).isEqualTo(DfsPath.of("/d/moved"));
    assertThat(owner.fileId()).isEqualTo(fileId);
    assertThat(owner.index()).isEqualTo(2);
    // The writer keeps writing under the new path with the same file id.
    ok(ns.commitChunk(DfsPath.of("/d/moved"), fileId, 2, a.chunkId(), a.version(), 1, T1));
    ok(ns.rename(DfsPath.of("/d"), DfsPath.of("/e"), false, T1));
    assertThat(ns.chunkOwner(a.chunkId()).orElseThrow().path()).isEqualTo(DfsPath.of("/e/moved"));
    ok(ns.delete(DfsPath.of("/e"), true, T1));
    assertThat(ns.chunkOwner(a.chunkId())).isEmpty();
    assertThat(ns.chunkOwner(new ChunkId(999))).isEmpty();
    assertThat(new NamespaceQuery.OwnerOfChunk(a.chunkId()).readFrom(ns).isOk()).isFalse();
  }

  @Test
  void truncateShrinksDropsWholeChunksAndShortensTheBoundaryChunk() {
    ChunkAllocation c0 = allocate(0);
    commit(0, c0, CS);
    ChunkAllocation c1 = allocate(1);
    commit(1, c1, CS);
    ChunkAllocation c2 = allocate(2);
    commit(2, c2, 10);

    Truncated t = ok(ns.truncate(F, CS + 5, T1));

    assertThat(t.status().length()).isEqualTo(CS + 5);
    assertThat(t.status().modificationTime()).isEqualTo(T1);
    assertThat(t.released().chunks()).containsExactly(c2.chunkId());
    assertThat(ns.chunkOwner(c2.chunkId())).isEmpty();
    FileChunks located = ok(ns.locate(F, 0, 0));
    assertThat(located.chunks()).extracting(IndexedChunk::index).containsExactly(0, 1);
    assertThat(located.chunks().get(1).chunk().length()).isEqualTo(5);
    assertThat(located.chunks().get(1).chunk().committedVersion()).isEqualTo(c1.version());
  }

  @Test
  void truncateOnAChunkBoundaryDropsTheChunkThatStartsThere() {
    commit(0, allocate(0), CS);
    ChunkAllocation c1 = allocate(1);
    commit(1, c1, 100);

    assertThat(ok(ns.truncate(F, CS, T1)).released().chunks()).containsExactly(c1.chunkId());
    assertThat(ok(ns.truncate(F, 0, T1)).released().chunks()).hasSize(1);
    assertThat(ok(ns.stat(F)).chunkCount()).isZero();
    assertThat(ns.chunkCount()).isZero();
  }

  @Test
  void truncateGrowsWithAHoleAndKeepsChunks() {
    ChunkAllocation c0 = allocate(0);
    commit(0, c0, 100);

    Truncated t = ok(ns.truncate(F, 3 * CS + 7, T1));

    assertThat(t.released().chunks()).isEmpty();
    assertThat(t.status().length()).isEqualTo(3 * CS + 7);
    assertThat(ok(ns.locate(F, 0, 0)).chunks()).hasSize(1);
    assertThat(ok(ns.locate(F, 0, 0)).chunks().getFirst().chunk().length()).isEqualTo(100);
  }

  @Test
  void truncateRefusesBadLengthsDirectoriesAndMissingFiles() {
    rejected(ns.truncate(F, -1, T1), INVALID_ARGUMENT);
    rejected(ns.truncate(F, Namespace.MAX_FILE_LENGTH + 1, T1), INVALID_ARGUMENT);
    rejected(ns.truncate(DfsPath.ROOT, 0, T1), IS_A_DIRECTORY);
    rejected(ns.truncate(DfsPath.of("/nope"), 0, T1), NOT_FOUND);
  }
}
