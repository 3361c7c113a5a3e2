package io.godfs.domain.file;

import static io.godfs.domain.Outcomes.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkLayout;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every way a chunk is released puts it in the replicated deletion queue until the master forgets
 * it.
 */
class NamespaceDeletionQueueTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private static final long CS = ChunkLayout.MIN_CHUNK_SIZE;

  private final Namespace ns = Namespace.empty(T0);

  private ChunkId fileWithChunk(String path) {
    DfsPath p = DfsPath.of(path);
    FileId id = ok(ns.createFile(p, false, 3, CS, T0)).status().fileId();
    ChunkAllocation a = ok(ns.allocateChunk(p, id, 0, T0));
    ok(ns.commitChunk(p, id, 0, a.chunkId(), a.version(), 10, T0));
    return a.chunkId();
  }

  @Test
  void deleteOverwriteReplacingRenameAndTruncateQueueTheirChunks() {
    ChunkId deleted = fileWithChunk("/a");
    ChunkId overwritten = fileWithChunk("/b");
    ChunkId replaced = fileWithChunk("/c");
    fileWithChunk("/d");
    ChunkId truncated = fileWithChunk("/e");
    ChunkId kept = fileWithChunk("/f");

    ok(ns.delete(DfsPath.of("/a"), false, T0));
    ok(ns.createFile(DfsPath.of("/b"), true, 3, CS, T0));
    ok(ns.rename(DfsPath.of("/d"), DfsPath.of("/c"), true, T0));
    ok(ns.truncate(DfsPath.of("/e"), 0, T0));

    assertThat(ns.deletionQueue(100)).containsExactly(deleted, overwritten, replaced, truncated);
    assertThat(ns.isQueuedForDeletion(kept)).isFalse();
    assertThat(ok(ns.forgetDeleted(List.of(deleted, overwritten, kept), T0))).isEqualTo(2);
    assertThat(ns.deletionQueue(1)).containsExactly(replaced);
  }
}
