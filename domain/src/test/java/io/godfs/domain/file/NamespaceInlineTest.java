package io.godfs.domain.file;

import static io.godfs.domain.Outcomes.ok;
import static io.godfs.domain.Outcomes.rejected;
import static io.godfs.domain.error.ErrorCode.BUSY;
import static io.godfs.domain.error.ErrorCode.CONFLICT;
import static io.godfs.domain.error.ErrorCode.INVALID_ARGUMENT;
import static io.godfs.domain.file.NamespaceImages.imageOf;
import static io.godfs.domain.file.NamespaceImages.load;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.domain.chunk.ChunkLayout;
import io.godfs.domain.error.ErrorCode;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Small files whose bytes the namespace holds itself: storing, overlaying, truncating, moving to
 * chunks.
 */
class NamespaceInlineTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private static final Instant T1 = T0.plusSeconds(1);
  private static final DfsPath F = DfsPath.of("/f");
  private static final int MAX = Namespace.MAX_INLINE_LENGTH;

  private final Namespace ns = Namespace.empty(T0);
  private final FileId fileId =
      ok(ns.createFile(F, false, 3, ChunkLayout.MIN_CHUNK_SIZE, LeaseHolder.client("w"), T0))
          .status()
          .fileId();

  private byte[] content() {
    return ok(ns.locate(F, 0, 0)).inline();
  }

  @Test
  void aStoredSmallFileReadsBackWholeAndItsCloseReleasesTheLease() {
    FileStatus stored =
        ok(
            ns.storeInline(
                F, fileId, 0, "hello".getBytes(UTF_8), LeaseHolder.client("w"), true, T1));

    assertThat(stored.inline()).isTrue();
    assertThat(stored.length()).isEqualTo(5);
    assertThat(stored.chunkCount()).isZero();
    assertThat(stored.modificationTime()).isEqualTo(T1);
    assertThat(content()).isEqualTo("hello".getBytes(UTF_8));
    assertThat(ns.isOpenForWrite(fileId)).isFalse();
  }

  @Test
  void aWriteAtAnOffsetOverlaysTheBytesAndFillsAGapWithZeros() {
    ok(
        ns.storeInline(
            F, fileId, 0, "hello world".getBytes(UTF_8), LeaseHolder.client("w"), false, T1));
    ok(ns.storeInline(F, fileId, 0, "HELLO".getBytes(UTF_8), LeaseHolder.client("w"), false, T1));
    assertThat(new String(content(), UTF_8)).isEqualTo("HELLO world");

    ok(ns.storeInline(F, fileId, 13, "!".getBytes(UTF_8), LeaseHolder.client("w"), false, T1));
    assertThat(content()).isEqualTo("HELLO world\0\0!".getBytes(UTF_8));
    assertThat(ok(ns.stat(F)).length()).isEqualTo(14);
  }

  @Test
  void aFileThatWouldOutgrowTheLimitIsRefusedAndKeepsItsBytes() {
    ok(ns.storeInline(F, fileId, 0, new byte[] {1, 2, 3}, LeaseHolder.client("w"), false, T1));

    assertThat(
            rejected(
                    ns.storeInline(
                        F, fileId, 0, new byte[MAX + 1], LeaseHolder.client("w"), false, T1),
                    INVALID_ARGUMENT)
                .message())
        .contains("at most " + MAX);
    rejected(
        ns.storeInline(F, fileId, MAX, new byte[1], LeaseHolder.client("w"), false, T1),
        INVALID_ARGUMENT);
    rejected(
        ns.storeInline(F, fileId, -1, new byte[1], LeaseHolder.client("w"), false, T1),
        INVALID_ARGUMENT);
    assertThat(content()).containsExactly(1, 2, 3);
    assertThat(
            ok(ns.storeInline(F, fileId, 3, new byte[MAX - 3], LeaseHolder.client("w"), false, T1))
                .length())
        .isEqualTo(MAX);
  }

  @Test
  void onlyTheLeaseHolderStoresAndAFileWithChunksNeverTakesInlineBytes() {
    rejected(
        ns.storeInline(F, fileId, 0, new byte[1], LeaseHolder.client("intruder"), false, T1), BUSY);

    ChunkAllocation a = ok(ns.allocateChunk(F, fileId, 0, LeaseHolder.client("w"), T0));
    ok(ns.commitChunk(F, fileId, 0, a.chunkId(), a.version(), 10, LeaseHolder.client("w"), T1));
    assertThat(
            rejected(
                    ns.storeInline(F, fileId, 0, new byte[1], LeaseHolder.client("w"), false, T1),
                    CONFLICT)
                .message())
        .contains("chunks");
  }

  @Test
  void aTruncateKeepsTheFileInlineCuttingOrPaddingItsBytes() {
    ok(ns.storeInline(F, fileId, 0, "abcdef".getBytes(UTF_8), LeaseHolder.client("w"), false, T1));

    ok(ns.truncate(F, 3, LeaseHolder.client("w"), T1));
    assertThat(new String(content(), UTF_8)).isEqualTo("abc");
    ok(ns.truncate(F, 5, LeaseHolder.client("w"), T1));
    assertThat(content()).isEqualTo("abc\0\0".getBytes(UTF_8));
    assertThat(rejected(ns.truncate(F, MAX + 1L, LeaseHolder.client("w"), T1), CONFLICT).message())
        .contains("stored inline");
    assertThat(ok(ns.stat(F)).length()).isEqualTo(5);

    FileStatus emptied = ok(ns.truncate(F, 0, LeaseHolder.client("w"), T1)).status();
    assertThat(emptied.inline()).isFalse();
    assertThat(content()).isNull();
  }

  @Test
  void theBytesMoveToChunkZeroOnlyWhenItsCommitHoldsThemAll() {
    ok(
        ns.storeInline(
            F, fileId, 0, "0123456789".getBytes(UTF_8), LeaseHolder.client("w"), false, T1));
    rejected(ns.allocateChunk(F, fileId, 1, LeaseHolder.client("w"), T1), CONFLICT);

    ChunkAllocation a = ok(ns.allocateChunk(F, fileId, 0, LeaseHolder.client("w"), T1));
    assertThat(content()).as("readers see the inline bytes until chunk 0 is committed").hasSize(10);
    rejected(
        ns.commitChunk(F, fileId, 0, a.chunkId(), a.version(), 9, LeaseHolder.client("w"), T1),
        CONFLICT);
    assertThat(content()).hasSize(10);

    assertThat(
            ok(
                ns.commitChunk(
                    F, fileId, 0, a.chunkId(), a.version(), 20, LeaseHolder.client("w"), T1)))
        .isEqualTo(20);
    assertThat(content()).isNull();
    FileStatus status = ok(ns.stat(F));
    assertThat(status.inline()).isFalse();
    assertThat(status.chunkCount()).isEqualTo(1);
  }

  @Test
  void aWholeSmallFileIsCreatedClosedWithItsContentInOneMutation() {
    DfsPath g = DfsPath.of("/g");
    CreatedFile created =
        ok(
            ns.createWithContent(
                g, false, 3, ChunkLayout.MIN_CHUNK_SIZE, "abc".getBytes(UTF_8), T1));

    assertThat(created.status().inline()).isTrue();
    assertThat(created.status().length()).isEqualTo(3);
    assertThat(ns.isOpenForWrite(created.status().fileId())).isFalse();
    assertThat(ok(ns.locate(g, 0, 0)).inline()).isEqualTo("abc".getBytes(UTF_8));

    rejected(
        ns.createWithContent(g, false, 3, ChunkLayout.MIN_CHUNK_SIZE, new byte[1], T1),
        ErrorCode.ALREADY_EXISTS);
    FileStatus replaced =
        ok(ns.createWithContent(g, true, 3, ChunkLayout.MIN_CHUNK_SIZE, new byte[0], T1)).status();
    assertThat(replaced.inline()).isFalse();
    assertThat(replaced.length()).isZero();
  }

  @Test
  void aWholeSmallFileNeverReplacesOneAnotherClientWritesNorExceedsTheLimit() {
    rejected(ns.createWithContent(F, true, 3, ChunkLayout.MIN_CHUNK_SIZE, new byte[1], T1), BUSY);
    assertThat(
            rejected(
                    ns.createWithContent(
                        DfsPath.of("/big"),
                        true,
                        3,
                        ChunkLayout.MIN_CHUNK_SIZE,
                        new byte[MAX + 1],
                        T1),
                    INVALID_ARGUMENT)
                .message())
        .contains("at most " + MAX);
    rejected(ns.stat(DfsPath.of("/big")), ErrorCode.NOT_FOUND);
  }

  @Test
  void aSnapshotImageCarriesTheInlineBytes() {
    byte[] bytes = new byte[MAX];
    Arrays.fill(bytes, (byte) 7);
    ok(ns.storeInline(F, fileId, 0, bytes, LeaseHolder.client("w"), true, T1));

    Namespace restored = load(imageOf(ns));

    assertThat(ok(restored.locate(F, 0, 0)).inline()).isEqualTo(bytes);
    assertThat(ok(restored.stat(F))).isEqualTo(ok(ns.stat(F)));
    assertThat(imageOf(restored)).isEqualTo(imageOf(ns));
  }
}
