package io.godfs.domain.file;

import static io.godfs.domain.Outcomes.ok;
import static io.godfs.domain.Outcomes.rejected;
import static io.godfs.domain.error.ErrorCode.BUSY;
import static io.godfs.domain.error.ErrorCode.CONFLICT;
import static io.godfs.domain.error.ErrorCode.NOT_FOUND;
import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.domain.chunk.ChunkLayout;
import io.godfs.domain.chunk.ChunkVersion;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Single-writer leases in {@link Namespace}: who may write, close, truncate, and what recovery
 * adopts.
 */
class NamespaceLeaseTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private static final long CS = ChunkLayout.MIN_CHUNK_SIZE;
  private static final DfsPath F = DfsPath.of("/f");

  private final Namespace ns = Namespace.empty(T0);

  private FileId createdBy(String writer) {
    return ok(ns.createFile(F, false, 3, CS, LeaseHolder.client(writer), T0)).status().fileId();
  }

  @Test
  void aSecondWriterIsRefusedNamingTheHolderUntilTheFirstCloses() {
    FileId id = createdBy("alice");

    assertThat(rejected(ns.openForWrite(F, LeaseHolder.client("bob"), T0), BUSY).message())
        .isEqualTo("file /f is being written by another client");
    rejected(ns.createFile(F, true, 3, CS, LeaseHolder.client("bob"), T0), BUSY);
    rejected(ns.truncate(F, 0, LeaseHolder.client("bob"), T0), BUSY);
    rejected(ns.allocateChunk(F, id, 0, LeaseHolder.client("bob"), T0), BUSY);
    ok(ns.openForWrite(F, LeaseHolder.client("alice"), T0)); // the holder may reopen

    ok(ns.closeFile(id, LeaseHolder.client("alice"), T0));
    ok(ns.openForWrite(F, LeaseHolder.client("bob"), T0));
    assertThat(ns.writers()).containsExactly(LeaseHolder.client("bob"));
  }

  @Test
  void onlyTheHolderAllocatesCommitsAndCloses() {
    FileId id = createdBy("alice");
    ChunkAllocation a = ok(ns.allocateChunk(F, id, 0, LeaseHolder.client("alice"), T0));

    rejected(
        ns.commitChunk(F, id, 0, a.chunkId(), a.version(), 10, LeaseHolder.client("bob"), T0),
        BUSY);
    rejected(ns.closeFile(id, LeaseHolder.client("bob"), T0), BUSY);
    assertThat(
            ok(
                ns.commitChunk(
                    F, id, 0, a.chunkId(), a.version(), 10, LeaseHolder.client("alice"), T0)))
        .isEqualTo(10);
    ok(ns.truncate(F, 5, LeaseHolder.client("alice"), T0)); // the holder may truncate its own file
    ok(ns.closeFile(id, LeaseHolder.client("alice"), T0));
    ok(ns.closeFile(id, LeaseHolder.client("alice"), T0)); // closing twice is harmless
    ok(ns.truncate(F, 1, LeaseHolder.NONE, T0)); // a closed file is anyone's to truncate
  }

  @Test
  void afterRecoveryTheOldWritersLateCallsAreRefused() {
    FileId id = createdBy("alice");
    ChunkAllocation a = ok(ns.allocateChunk(F, id, 0, LeaseHolder.client("alice"), T0));

    ok(ns.recoverLease(id, T0));

    assertThat(
            rejected(
                    ns.commitChunk(
                        F, id, 0, a.chunkId(), a.version(), 10, LeaseHolder.client("alice"), T0),
                    CONFLICT)
                .message())
        .contains("not open for writing by alice");
    assertThat(ns.writers()).isEmpty();
    rejected(ns.recoverLease(new FileId(id.value() + 99), T0), NOT_FOUND);
  }

  @Test
  void openFilesListChunksWhoseGrantIsNotCommittedAndRecoveryAdoptsThem() {
    FileId id = createdBy("alice");
    ChunkAllocation done = ok(ns.allocateChunk(F, id, 0, LeaseHolder.client("alice"), T0));
    ok(
        ns.commitChunk(
            F, id, 0, done.chunkId(), done.version(), CS, LeaseHolder.client("alice"), T0));
    ChunkAllocation pending = ok(ns.allocateChunk(F, id, 1, LeaseHolder.client("alice"), T0));

    var open = ns.openFiles(LeaseHolder.client("alice"));
    assertThat(open).hasSize(1);
    assertThat(open.getFirst().fileId()).isEqualTo(id);
    assertThat(open.getFirst().pendingChunks()).extracting(IndexedChunk::index).containsExactly(1);

    rejected(ns.adoptChunk(id, 1, pending.chunkId(), new ChunkVersion(9), 7, T0), CONFLICT);
    assertThat(ok(ns.adoptChunk(id, 1, pending.chunkId(), pending.version(), 7, T0)))
        .isEqualTo(CS + 7);
    rejected(
        ns.adoptChunk(id, 1, pending.chunkId(), pending.version(), 7, T0),
        CONFLICT); // nothing pending now
    assertThat(ns.openFiles(LeaseHolder.client("alice")).getFirst().pendingChunks()).isEmpty();
    assertThat(ok(ns.stat(F)).length()).isEqualTo(CS + 7);
  }

  @Test
  void deletingOrReplacingAFileDropsItsLease() {
    createdBy("alice");
    ok(ns.delete(F, false, T0));
    assertThat(ns.writers()).isEmpty();
    assertThat(ns.openFiles(LeaseHolder.client("alice"))).isEmpty();

    createdBy("alice");
    ok(
        ns.createFile(
            F, true, 3, CS, LeaseHolder.client("alice"), T0)); // the holder replaces its own file
    assertThat(ns.openFiles(LeaseHolder.client("alice"))).hasSize(1);
  }

  @Test
  void aRenameWhileWritingKeepsTheLeaseOnTheFile() {
    FileId id = createdBy("alice");
    ok(ns.rename(F, DfsPath.of("/g"), false, T0));
    ok(ns.allocateChunk(DfsPath.of("/g"), id, 0, LeaseHolder.client("alice"), T0));
    assertThat(ns.openFiles(LeaseHolder.client("alice")).getFirst().path())
        .isEqualTo(DfsPath.of("/g"));
    rejected(ns.openForWrite(DfsPath.of("/g"), LeaseHolder.client("bob"), T0), BUSY);
  }
}
