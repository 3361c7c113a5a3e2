package io.godfs.domain.file;

import static io.godfs.domain.Outcomes.ok;
import static io.godfs.domain.file.NamespaceImages.imageOf;
import static io.godfs.domain.file.NamespaceImages.load;
import static io.godfs.domain.file.NamespaceImages.recount;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.domain.chunk.ChunkLayout;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The namespace's running counts (ADR 0023): every transition keeps them equal to a recount of the
 * whole namespace, and a namespace loaded from an image counts what the image holds.
 */
class NamespaceFiguresTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private static final long CHUNK = ChunkLayout.MIN_CHUNK_SIZE;
  private static final LeaseHolder.Client W = LeaseHolder.client("w");

  private final Namespace ns = Namespace.empty(T0);

  private NamespaceFigures figures() {
    NamespaceFigures f = ns.figures();
    assertThat(f).as("running counts against a recount").isEqualTo(recount(ns));
    return f;
  }

  @Test
  void anEmptyNamespaceCountsNothingNotEvenItsRoot() {
    assertThat(figures()).isEqualTo(NamespaceFigures.EMPTY);
  }

  @Test
  void directoriesFilesAndInlineBytesAreCountedAndUncountedByTheirTransitions() {
    ok(ns.mkdir(DfsPath.of("/a/b/c"), true, T0));
    ok(ns.mkdir(DfsPath.of("/d"), false, T0));
    ok(ns.createWithContent(DfsPath.of("/a/small"), false, 3, CHUNK, "hello".getBytes(UTF_8), T0));
    ok(ns.createWithContent(DfsPath.of("/a/b/tiny"), false, 3, CHUNK, new byte[100], T0));
    ok(ns.createFile(DfsPath.of("/d/empty"), false, 3, CHUNK, T0));
    assertThat(figures()).isEqualTo(new NamespaceFigures(3, 4, 105, 2, 105, 0));

    ok(ns.truncate(DfsPath.of("/a/small"), 2, T0));
    assertThat(figures()).isEqualTo(new NamespaceFigures(3, 4, 102, 2, 102, 0));
    ok(ns.truncate(DfsPath.of("/a/small"), 0, T0)); // an empty file keeps no inline bytes
    assertThat(figures()).isEqualTo(new NamespaceFigures(3, 4, 100, 1, 100, 0));

    ok(ns.rename(DfsPath.of("/a/b"), DfsPath.of("/d/b"), false, T0));
    assertThat(figures()).isEqualTo(new NamespaceFigures(3, 4, 100, 1, 100, 0));

    ok(ns.delete(DfsPath.of("/d"), true, T0)); // d, b, c and two files
    assertThat(figures()).isEqualTo(new NamespaceFigures(1, 1, 0, 0, 0, 0));
  }

  @Test
  void chunkedFilesCountTheirLengthAndLeasesTheirWriters() {
    DfsPath f = DfsPath.of("/big");
    FileId id = ok(ns.createFile(f, false, 3, CHUNK, W, T0)).status().fileId();
    assertThat(figures().leasesHeld()).isEqualTo(1);

    ok(ns.storeInline(f, id, 0, new byte[10], W, false, T0));
    assertThat(figures()).isEqualTo(new NamespaceFigures(1, 0, 10, 1, 10, 1));

    ChunkAllocation a = ok(ns.allocateChunk(f, id, 0, W, T0));
    ok(ns.commitChunk(f, id, 0, a.chunkId(), a.version(), CHUNK, W, T0));
    ChunkAllocation b = ok(ns.allocateChunk(f, id, 1, W, T0));
    ok(ns.commitChunk(f, id, 1, b.chunkId(), b.version(), 7, W, T0));
    // Chunk 0 took over the inline bytes.
    assertThat(figures()).isEqualTo(new NamespaceFigures(1, 0, CHUNK + 7, 0, 0, 1));

    ok(ns.truncate(f, 5, W, T0));
    assertThat(figures()).isEqualTo(new NamespaceFigures(1, 0, 5, 0, 0, 1));
    ok(ns.truncate(f, 3 * CHUNK, W, T0)); // a hole counts as length
    assertThat(figures().logicalBytes()).isEqualTo(3 * CHUNK);

    ok(ns.closeFile(id, W, T0));
    assertThat(figures().leasesHeld()).isZero();
    ok(ns.openForWrite(f, W, T0));
    ok(ns.recoverLease(id, T0));
    assertThat(figures().leasesHeld()).isZero();

    ok(ns.createFile(f, true, 3, CHUNK, W, T0)); // replaced: the old file's length goes
    assertThat(figures()).isEqualTo(new NamespaceFigures(1, 0, 0, 0, 0, 1));
  }

  @Test
  void aNamespaceLoadedFromAnImageCountsWhatTheImageHolds() {
    ok(ns.mkdir(DfsPath.of("/x/y"), true, T0));
    ok(ns.createWithContent(DfsPath.of("/x/s"), false, 3, CHUNK, new byte[42], T0));
    ok(ns.createFile(DfsPath.of("/x/y/open"), false, 3, CHUNK, W, T0));
    NamespaceFigures before = figures();

    Namespace loaded = load(imageOf(ns));

    assertThat(loaded.figures())
        .isEqualTo(before)
        .isEqualTo(new NamespaceFigures(2, 2, 42, 1, 42, 1));
  }
}
