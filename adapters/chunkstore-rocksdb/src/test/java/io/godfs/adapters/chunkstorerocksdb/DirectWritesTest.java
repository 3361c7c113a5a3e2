package io.godfs.adapters.chunkstorerocksdb;

import static io.godfs.application.contract.ChunkBytes.piece;
import static io.godfs.application.contract.ChunkBytes.random;
import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.contract.ChunkBytes;
import io.godfs.application.port.out.ChunkWriter;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkLayout;
import io.godfs.domain.chunk.ChunkVersion;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Appends around the page cache (ADR 0034) on this machine's real file system: whatever a writer
 * does between its appends (syncs, overwrites, cuts, reads of a block for its CRC), the committed
 * chunk holds exactly the bytes written, with their CRCs, and most of them went out directly.
 */
class DirectWritesTest {
  private static final int MIB = 1 << 20;
  private static final ChunkVersion V1 = ChunkVersion.FIRST;

  @TempDir Path dir;
  private RocksDbChunkStore store;

  @BeforeEach
  void open() {
    store = RocksDbChunkStore.open(dir, 1L << 30, true);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void aChunkAppendedInPiecesOfEveryShapeGoesOutDirectlyAndReadsBackExactly() throws IOException {
    byte[] data = random(1, 10 * MIB + 12_345);
    int[] sizes = {MIB, 300_000, 4097, 1, 65_536, 2 * MIB + 7, 999_999};
    try (ChunkWriter writer = store.openWriter(id(1), V1)) {
      int position = 0;
      for (int i = 0; position < data.length; i++) {
        int size = Math.min(sizes[i % sizes.length], data.length - position);
        writer.write(piece(position, data, position, size));
        position += size;
        if (i == 3) {
          writer.sync(); // a flush with an unaligned tail, then appending goes on
        }
      }
      writer.commit();
    }

    assertCommitted(id(1), data);
    assertThat(store.directStages().directBytes()).isGreaterThan(9L * MIB);
    Path file = dir.resolve("chunks").resolve("01").resolve("0000000000000001.chunk");
    assertThat(Files.size(file)).isEqualTo(data.length);
  }

  @Test
  void anAppendIsInTheFileWhenTheWriteReturnsAllButATailShorterThanABlock() throws IOException {
    byte[] data = random(8, 2 * MIB + 100);
    Path file = dir.resolve("chunks").resolve("05").resolve("0000000000000005.chunk");
    try (ChunkWriter writer = store.openWriter(id(5), V1)) {
      writer.write(piece(0, data, 0, MIB));
      assertThat(Files.size(file)).isEqualTo(MIB);
      writer.write(piece(MIB, data, MIB, MIB + 100));
      assertThat(Files.size(file)).isEqualTo(2 * MIB); // 100 bytes wait for more, or the sync
      writer.sync();
      assertThat(Files.size(file)).isEqualTo(data.length);
      writer.commit();
    }

    assertCommitted(id(5), data);
  }

  @Test
  void appendingToACommittedChunkWithAnUnalignedEndKeepsItsBytes() {
    byte[] first = random(2, 5000);
    ChunkBytes.write(store, id(2), V1, first, first.length);
    byte[] more = random(3, 6 * MIB);

    try (ChunkWriter writer = store.openWriter(id(2), V1.next())) {
      for (int at = 0; at < more.length; at += MIB) {
        writer.write(piece(first.length + at, more, at, MIB));
      }
      writer.commit();
    }

    assertCommitted(id(2), concat(first, more));
  }

  @Test
  void anOverwriteOfTheFlushedTailAndACutBetweenAppendsAreNotUndoneByLaterDirectWrites() {
    byte[] data = random(4, 6 * MIB);
    byte[] expected = data.clone();
    byte[] patch = random(5, 500);
    try (ChunkWriter writer = store.openWriter(id(3), V1)) {
      writer.write(piece(0, data, 0, 10_000));
      writer.sync(); // 8 KiB go out directly, the last 1,808 bytes through the page cache
      writer.write(piece(9_000, patch, 0, patch.length)); // inside that tail's block
      System.arraycopy(patch, 0, expected, 9_000, patch.length);
      writer.write(piece(10_000, data, 10_000, 3 * MIB));
      writer.truncate(MIB + 100);
      writer.write(piece(MIB + 100, data, MIB + 100, 5 * MIB - 100));
      writer.commit();
    }

    assertCommitted(id(3), Arrays.copyOf(expected, 6 * MIB));
  }

  @Test
  void anAbandonedAppendLeavesTheCommittedChunkAsItWas() {
    byte[] first = random(6, 3 * ChunkLayout.BLOCK_SIZE + 11);
    ChunkBytes.write(store, id(4), V1, first, first.length);

    try (ChunkWriter writer = store.openWriter(id(4), V1.next())) {
      byte[] more = random(7, 9 * MIB);
      writer.write(piece(first.length, more, 0, more.length)); // two stages went out directly
      // closed without a commit
    }

    assertCommitted(id(4), first);
  }

  @Test
  void writersBeyondTheStagesGoThroughThePageCacheAndLoseNothing() {
    List<ChunkWriter> writers = new ArrayList<>();
    List<byte[]> datas = new ArrayList<>();
    try {
      for (int i = 0; i < DirectStages.DEFAULT_LIMIT + 2; i++) {
        writers.add(store.openWriter(id(100 + i), V1));
        datas.add(random(100 + i, 5 * MIB + i));
      }
      for (int at = 0; at < 5 * MIB + DirectStages.DEFAULT_LIMIT + 2; at += MIB) {
        for (int i = 0; i < writers.size(); i++) {
          byte[] data = datas.get(i);
          if (at < data.length) {
            writers.get(i).write(piece(at, data, at, Math.min(MIB, data.length - at)));
          }
        }
      }
      writers.forEach(ChunkWriter::commit);
    } finally {
      writers.forEach(ChunkWriter::close);
    }

    for (int i = 0; i < datas.size(); i++) {
      assertCommitted(id(100 + i), datas.get(i));
    }
    // Eight writers' aligned 5 MiB went out directly (their few tail bytes through the page cache
    // at the commit); the two writers that found no stage left wrote everything through it.
    assertThat(store.directStages().directBytes()).isEqualTo(DirectStages.DEFAULT_LIMIT * 5L * MIB);
  }

  private void assertCommitted(ChunkId id, byte[] expected) {
    assertThat(ChunkBytes.readAll(store, id, MIB)).isEqualTo(expected);
    assertThat(ChunkBytes.storedCrcs(store, id))
        .containsExactly(ChunkLayout.crcs(ByteBuffer.wrap(expected), 0));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private static ChunkId id(long value) {
    return new ChunkId(value);
  }
}
