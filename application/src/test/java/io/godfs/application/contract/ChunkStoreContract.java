package io.godfs.application.contract;

import static io.godfs.application.contract.ChunkBytes.piece;
import static io.godfs.application.contract.ChunkBytes.random;
import static io.godfs.application.contract.ChunkBytes.readAll;
import static io.godfs.application.contract.ChunkBytes.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.application.port.out.ChunkReader;
import io.godfs.application.port.out.ChunkStore;
import io.godfs.application.port.out.ChunkWriter;
import io.godfs.domain.chunk.ChunkLayout;
import io.godfs.domain.chunk.ChunkPiece;
import io.godfs.domain.chunk.StoredChunk;
import io.godfs.domain.error.ErrorCode;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The {@link ChunkStore} port contract, run against every implementation (the fake and the RocksDB
 * adapter): what a writer makes visible, the CRC bookkeeping, conflicts, delete, list and usage. A
 * subclass supplies {@link ChunkStoreFixture#newStore} and {@link ChunkStoreFixture#reopen}; it
 * also inherits the restart and parallel-use cases of {@link ChunkStoreDurabilityContract}.
 */
public abstract class ChunkStoreContract extends ChunkStoreDurabilityContract {

  @Test
  void roundTripsAMultiBlockChunkWrittenInUnalignedPieces() {
    byte[] data = random(1, 3 * BLOCK + 12_345);
    StoredChunk stored = write(store, id(1), V1, data, 1000, 70_001, BLOCK, 5);

    assertThat(stored).isEqualTo(new StoredChunk(id(1), V1, data.length));
    assertThat(store.describe(id(1))).contains(stored);
    assertThat(readAll(store, id(1), BLOCK)).isEqualTo(data);
    assertThat(readAll(store, id(1), 2 * BLOCK)).isEqualTo(data);
  }

  @Test
  void readReturnsTheStoredCrcsOfWholeBlocksAndStopsAtTheLength() {
    byte[] data = random(2, 2 * BLOCK + 100);
    write(store, id(2), V1, data, data.length);

    try (ChunkReader reader = store.openReader(id(2))) {
      assertThat(reader.chunk()).isEqualTo(new StoredChunk(id(2), V1, data.length));
      ChunkPiece first = reader.read(0, 4 * BLOCK);
      assertThat(first.offset()).isZero();
      assertThat(first.length()).isEqualTo(data.length);
      assertThat(first.crcs()).containsExactly(ChunkLayout.crcs(ByteBuffer.wrap(data), 0));
      ChunkPiece tail = reader.read(2 * BLOCK, BLOCK);
      assertThat(tail.length()).isEqualTo(100);
      assertThat(tail.crcs())
          .containsExactly(ChunkLayout.crc(ByteBuffer.wrap(data, 2 * BLOCK, 100)));
      ChunkPiece end = reader.read(3 * BLOCK, BLOCK);
      assertThat(end.length()).isZero();
      assertThat(end.crcs()).isEmpty();
      assertThat(reader.read(30 * BLOCK, BLOCK).length()).isZero();
    }
  }

  @Test
  void aReadIntoTheCallersDirectBufferFillsItFromItsPositionAndReturnsAViewOfIt() {
    byte[] data = random(21, 3 * BLOCK + 100);
    write(store, id(21), V1, data, data.length);

    try (ChunkReader reader = store.openReader(id(21))) {
      ByteBuffer buffer = ByteBuffer.allocateDirect(5 * BLOCK);
      ChunkPiece piece = reader.read(BLOCK, buffer.position(BLOCK).limit(3 * BLOCK));
      assertThat(piece.offset()).isEqualTo(BLOCK);
      assertThat(piece.length()).isEqualTo(2 * BLOCK);
      assertThat(piece.verify()).isTrue();
      byte[] got = new byte[2 * BLOCK];
      piece.get(0, got, 0, got.length);
      assertThat(got).isEqualTo(Arrays.copyOfRange(data, BLOCK, 3 * BLOCK));
      byte[] inBuffer = new byte[2 * BLOCK];
      buffer.get(BLOCK, inBuffer);
      assertThat(inBuffer).as("the bytes lie in the caller's buffer").isEqualTo(got);

      ChunkPiece tail = reader.read(3 * BLOCK, buffer.clear().limit(2 * BLOCK));
      assertThat(tail.length()).isEqualTo(100);
      assertThat(tail.verify()).isTrue();
      assertThat(reader.read(4 * BLOCK, buffer.clear()).length()).isZero();
      assertThatIllegalArgumentException()
          .isThrownBy(() -> reader.read(0, buffer.clear().limit(1000)));
    }
  }

  @Test
  void readRejectsUnalignedOffsetsAndSizes() {
    write(store, id(3), V1, random(3, BLOCK), BLOCK);
    try (ChunkReader reader = store.openReader(id(3))) {
      assertThatIllegalArgumentException().isThrownBy(() -> reader.read(100, BLOCK));
      assertThatIllegalArgumentException().isThrownBy(() -> reader.read(-BLOCK, BLOCK));
      assertThatIllegalArgumentException().isThrownBy(() -> reader.read(0, 1000));
      assertThatIllegalArgumentException().isThrownBy(() -> reader.read(0, 0));
    }
  }

  @Test
  void partialOverwriteInsideBlocksKeepsEveryCrcCorrect() {
    byte[] data = random(4, 3 * BLOCK);
    write(store, id(4), V1, data, data.length);
    byte[] patch = random(5, BLOCK);
    System.arraycopy(patch, 0, data, BLOCK + 1000, patch.length);

    try (ChunkWriter writer = store.openWriter(id(4), V2)) {
      writer.write(piece(BLOCK + 1000, patch, 0, 500)); // inside block 1
      writer.write(piece(BLOCK + 1500, patch, 500, patch.length - 500)); // rest of 1, into 2
      assertThat(writer.commit()).isEqualTo(new StoredChunk(id(4), V2, 3 * BLOCK));
    }

    assertThat(readAll(store, id(4), BLOCK)).isEqualTo(data);
  }

  @Test
  void extendingFromAnUnalignedEndRecomputesTheSharedBlock() {
    byte[] data = random(6, 2 * BLOCK + 10);
    write(store, id(5), V1, data, BLOCK + 3);
    byte[] more = random(7, BLOCK);
    byte[] all = Arrays.copyOf(data, data.length + more.length);
    System.arraycopy(more, 0, all, data.length, more.length);
    try (ChunkWriter writer = store.openWriter(id(5), V2)) {
      writer.write(piece(data.length, more, 0, more.length));
      writer.commit();
    }
    assertThat(readAll(store, id(5), 2 * BLOCK)).isEqualTo(all);
  }

  @Test
  void sparseWritesLeaveZerosWithCorrectCrcs() {
    byte[] head = random(8, 10);
    byte[] tail = random(9, 1000);
    long tailOffset = 3L * BLOCK + 500;
    try (ChunkWriter writer = store.openWriter(id(6), V1)) {
      writer.write(piece(0, head, 0, head.length));
      writer.write(piece(tailOffset, tail, 0, tail.length));
      assertThat(writer.commit().length()).isEqualTo(tailOffset + tail.length);
    }
    byte[] expected = new byte[(int) tailOffset + tail.length];
    System.arraycopy(head, 0, expected, 0, head.length);
    System.arraycopy(tail, 0, expected, (int) tailOffset, tail.length);

    assertThat(readAll(store, id(6), BLOCK)).isEqualTo(expected);
  }

  @Test
  void aNewChunkMayStartWithAGap() {
    byte[] tail = random(10, BLOCK);
    try (ChunkWriter writer = store.openWriter(id(7), V1)) {
      writer.write(piece(2 * BLOCK, tail, 0, tail.length));
      writer.commit();
    }
    byte[] expected = new byte[3 * BLOCK];
    System.arraycopy(tail, 0, expected, 2 * BLOCK, tail.length);
    assertThat(readAll(store, id(7), 2 * BLOCK)).isEqualTo(expected);
  }

  @Test
  void anAbandonedExtensionLeavesNoBytesBehindTheCommittedEnd() {
    byte[] data = random(11, BLOCK + 7);
    write(store, id(8), V1, data, data.length);
    try (ChunkWriter abandoned = store.openWriter(id(8), V2)) {
      abandoned.write(piece(data.length, random(12, BLOCK), 0, BLOCK));
    }
    try (ChunkWriter writer = store.openWriter(id(8), V2)) {
      writer.write(piece(3 * BLOCK, new byte[] {42}, 0, 1));
      writer.commit();
    }
    byte[] expected = Arrays.copyOf(data, 3 * BLOCK + 1);
    expected[3 * BLOCK] = 42;
    assertThat(readAll(store, id(8), BLOCK)).isEqualTo(expected);
  }

  @Test
  void truncateBelowTheCommittedLengthIsInvisibleUntilCommitAndThenExact() {
    byte[] data = random(21, 3 * BLOCK + 500);
    write(store, id(21), V1, data, data.length);
    try (ChunkWriter writer = store.openWriter(id(21), V2)) {
      writer.truncate(BLOCK + 10);
      assertThat(readAll(store, id(21), BLOCK)).isEqualTo(data); // readers keep the committed bytes
      assertThat(writer.commit()).isEqualTo(new StoredChunk(id(21), V2, BLOCK + 10));
    }
    assertThat(readAll(store, id(21), BLOCK)).isEqualTo(Arrays.copyOf(data, BLOCK + 10));
  }

  @Test
  void aGapAfterATruncateReadsAsZerosNotAsTheCutBytes() {
    byte[] data = random(22, 2 * BLOCK);
    write(store, id(22), V1, data, data.length);
    try (ChunkWriter writer = store.openWriter(id(22), V2)) {
      writer.truncate(100);
      writer.write(piece(BLOCK + 5, new byte[] {7}, 0, 1));
      writer.commit();
    }
    byte[] expected = new byte[BLOCK + 6];
    System.arraycopy(data, 0, expected, 0, 100);
    expected[BLOCK + 5] = 7;
    assertThat(readAll(store, id(22), BLOCK)).isEqualTo(expected);
  }

  @Test
  void truncateOfAppendedBytesAndAnAbandonedTruncateKeepCommittedBytes() {
    byte[] data = random(23, BLOCK + 3);
    write(store, id(23), V1, data, data.length);
    try (ChunkWriter abandoned = store.openWriter(id(23), V2)) {
      abandoned.truncate(1);
    }
    assertThat(readAll(store, id(23), BLOCK)).isEqualTo(data);
    try (ChunkWriter writer = store.openWriter(id(23), V2)) {
      writer.write(piece(data.length, random(24, BLOCK), 0, BLOCK));
      writer.truncate(data.length + 10);
      writer.truncate(data.length + 50); // never grows
      writer.commit();
    }
    byte[] appended = random(24, BLOCK);
    byte[] expected = Arrays.copyOf(data, data.length + 10);
    System.arraycopy(appended, 0, expected, data.length, 10);
    assertThat(readAll(store, id(23), BLOCK)).isEqualTo(expected);
  }

  @Test
  void uncommittedWritesAreInvisible() {
    byte[] data = random(13, BLOCK + 1);
    StoredChunk committed = write(store, id(9), V1, data, data.length);

    try (ChunkWriter writer = store.openWriter(id(9), V2)) {
      writer.write(piece(data.length, random(14, 2 * BLOCK), 0, 2 * BLOCK));
      assertThat(store.describe(id(9))).contains(committed);
      assertThat(store.list()).containsExactly(committed);
      try (ChunkReader reader = store.openReader(id(9))) {
        assertThat(reader.chunk()).isEqualTo(committed);
        assertThat(reader.read(BLOCK, 4 * BLOCK).length()).isEqualTo(1);
      }
    }

    assertThat(store.describe(id(9))).contains(committed);
    assertThat(readAll(store, id(9), BLOCK)).hasSize(data.length);
  }

  @Test
  void anAbandonedNewChunkVanishes() {
    try (ChunkWriter writer = store.openWriter(id(10), V1)) {
      writer.write(piece(0, random(15, BLOCK), 0, BLOCK));
      assertThat(store.describe(id(10))).isEmpty();
      assertThat(store.list()).isEmpty();
      assertNotFound(() -> store.openReader(id(10)));
    }

    assertThat(store.describe(id(10))).isEmpty();
    assertNotFound(() -> store.openReader(id(10)));
    assertThat(store.usage().chunkCount()).isZero();
    assertThat(store.usage().usedBytes()).isZero();
    assertThat(store.delete(id(10))).isFalse();
  }

  @Test
  void aSecondWriterOnTheSameChunkConflictsWhileOtherChunksStayWritable() {
    try (ChunkWriter first = store.openWriter(id(11), V1)) {
      first.write(piece(0, random(16, 100), 0, 100));
      assertRefused(ErrorCode.CONFLICT, () -> store.openWriter(id(11), V2))
          .hasMessageContaining(id(11).toString());
      assertRefused(ErrorCode.CONFLICT, () -> store.delete(id(11)));

      byte[] other = random(17, BLOCK + 5);
      assertThat(write(store, id(12), V1, other, 9000))
          .isEqualTo(new StoredChunk(id(12), V1, other.length));
      assertThat(readAll(store, id(12), BLOCK)).isEqualTo(other);
      first.commit();
    }
    try (ChunkWriter next = store.openWriter(id(11), V2)) {
      assertThat(next.commit()).isEqualTo(new StoredChunk(id(11), V2, 100));
    }
  }

  @Test
  void aWriterIsUsableOnceAndRefusesUseAfterCommitOrClose() {
    ChunkWriter writer = store.openWriter(id(13), V1);
    writer.write(piece(0, random(18, 10), 0, 10));
    writer.commit();
    assertThatThrownBy(() -> writer.write(piece(10, new byte[1], 0, 1)))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(writer::commit).isInstanceOf(IllegalStateException.class);
    writer.close();
    writer.close();
    assertThatThrownBy(() -> writer.write(piece(10, new byte[1], 0, 1)))
        .isInstanceOf(IllegalStateException.class);
    assertThat(store.describe(id(13))).contains(new StoredChunk(id(13), V1, 10));
  }

  @Test
  void writesPastTheLargestChunkOrWithWrongCrcCountsAreRejected() {
    try (ChunkWriter writer = store.openWriter(id(14), V1)) {
      ByteBuffer bytes = ByteBuffer.allocate(100);
      long offset = ChunkLayout.MAX_CHUNK_SIZE - 10;
      assertThatThrownBy(() -> writer.write(ChunkPiece.of(offset, bytes)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(String.valueOf(ChunkLayout.MAX_CHUNK_SIZE));
      assertThatThrownBy(() -> writer.write(new ChunkPiece(0, bytes, new int[2])))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(store.describe(id(14))).isEmpty();
  }

  @Test
  void anEmptyCommitStoresAnEmptyChunk() {
    try (ChunkWriter writer = store.openWriter(id(15), V1)) {
      assertThat(writer.commit()).isEqualTo(new StoredChunk(id(15), V1, 0));
    }
    try (ChunkReader reader = store.openReader(id(15))) {
      assertThat(reader.read(0, BLOCK).length()).isZero();
    }
  }

  @Test
  void openReaderOfAnAbsentChunkIsNotFound() {
    assertNotFound(() -> store.openReader(id(16)));
    assertThat(store.describe(id(16))).isEmpty();
  }

  @Test
  void deleteRemovesTheChunkAndItsUsage() {
    write(store, id(17), V1, random(19, BLOCK), BLOCK);
    StoredChunk kept = write(store, id(18), V1, random(20, 300), 300);

    assertThat(store.delete(id(17))).isTrue();
    assertThat(store.delete(id(17))).isFalse();
    assertThat(store.describe(id(17))).isEmpty();
    assertNotFound(() -> store.openReader(id(17)));
    assertThat(store.list()).containsExactly(kept);
    assertThat(store.usage().usedBytes()).isEqualTo(300);
    assertThat(store.usage().chunkCount()).isEqualTo(1);

    write(store, id(17), V2, random(21, 5), 5); // a deleted chunk can be stored again
    assertThat(store.describe(id(17))).contains(new StoredChunk(id(17), V2, 5));
  }

  @Test
  void listReportsEveryCommittedReplica() {
    StoredChunk a = write(store, id(19), V1, random(22, 10), 10);
    StoredChunk b = write(store, id(300), V2, random(23, BLOCK + 1), BLOCK + 1);
    StoredChunk c = write(store, id(Long.MAX_VALUE), V1, new byte[0]);
    try (ChunkWriter open = store.openWriter(id(20), V1)) {
      open.write(piece(0, random(24, 10), 0, 10));
      assertThat(store.list()).containsExactlyInAnyOrder(a, b, c);
    }
  }

  @Test
  void usageSumsCommittedLengths() {
    assertThat(store.usage().usedBytes()).isZero();
    write(store, id(21), V1, random(25, 1000), 1000);
    write(store, id(22), V1, random(26, BLOCK), BLOCK);
    try (ChunkWriter writer = store.openWriter(id(21), V2)) {
      writer.write(piece(1000, random(27, 500), 0, 500));
      assertThat(store.usage().usedBytes()).isEqualTo(1000 + BLOCK);
      writer.commit();
    }
    ChunkStore.StoreUsage usage = store.usage();
    assertThat(usage.usedBytes()).isEqualTo(1500 + BLOCK);
    assertThat(usage.chunkCount()).isEqualTo(2);
    assertThat(usage.capacityBytes()).isGreaterThanOrEqualTo(usage.usedBytes()).isPositive();
  }
}
