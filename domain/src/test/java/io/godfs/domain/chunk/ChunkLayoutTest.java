package io.godfs.domain.chunk;

import static io.godfs.domain.chunk.ChunkLayout.BLOCK_SIZE;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

class ChunkLayoutTest {

  /** CRC32C of {@code data[from, to)}, computed independently of the code under test. */
  static int crc32c(byte[] data, int from, int to) {
    CRC32C crc = new CRC32C();
    crc.update(data, from, to - from);
    return (int) crc.getValue();
  }

  /** Expected CRCs: cut {@code data} (which starts at {@code offset}) at multiples of 64 KiB. */
  static int[] expectedCrcs(byte[] data, long offset) {
    List<Integer> out = new ArrayList<>();
    int from = 0;
    while (from < data.length) {
      long absolute = offset + from;
      long nextBoundary = (absolute / BLOCK_SIZE + 1) * BLOCK_SIZE;
      int to = (int) Math.min(data.length, nextBoundary - offset);
      out.add(crc32c(data, from, to));
      from = to;
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  @Test
  void blockCountRoundsUp() {
    assertThat(ChunkLayout.blockCount(0)).isZero();
    assertThat(ChunkLayout.blockCount(1)).isEqualTo(1);
    assertThat(ChunkLayout.blockCount(BLOCK_SIZE)).isEqualTo(1);
    assertThat(ChunkLayout.blockCount(BLOCK_SIZE + 1)).isEqualTo(2);
    assertThat(ChunkLayout.blockCount(ChunkLayout.MAX_CHUNK_SIZE)).isEqualTo(16384);
  }

  @Test
  void blockStartIsTheAlignedOffsetAtOrBelow() {
    assertThat(ChunkLayout.blockStart(0)).isZero();
    assertThat(ChunkLayout.blockStart(BLOCK_SIZE - 1)).isZero();
    assertThat(ChunkLayout.blockStart(BLOCK_SIZE)).isEqualTo(BLOCK_SIZE);
    assertThat(ChunkLayout.blockStart(3L * BLOCK_SIZE + 17)).isEqualTo(3L * BLOCK_SIZE);
  }

  @Test
  void crcsOfEmptyDataIsEmpty() {
    assertThat(ChunkLayout.crcs(ByteBuffer.allocate(0), 12345)).isEmpty();
  }

  @Test
  void unalignedWriteIsCutAtAbsoluteBlockBoundaries() {
    byte[] data = new byte[BLOCK_SIZE + 100];
    new Random(7).nextBytes(data);
    long offset = BLOCK_SIZE - 10; // 10 bytes finish block 0, a whole block 1, 90 bytes of block 2
    int[] crcs = ChunkLayout.crcs(ByteBuffer.wrap(data), offset);
    assertThat(crcs)
        .containsExactly(
            crc32c(data, 0, 10),
            crc32c(data, 10, 10 + BLOCK_SIZE),
            crc32c(data, 10 + BLOCK_SIZE, data.length));
  }

  @Test
  void alignedWholeBlockMatchesPlainCrc() {
    byte[] data = new byte[BLOCK_SIZE];
    new Random(8).nextBytes(data);
    ByteBuffer buffer = ByteBuffer.wrap(data);
    assertThat(ChunkLayout.crcs(buffer, 2L * BLOCK_SIZE)).containsExactly(ChunkLayout.crc(buffer));
    assertThat(ChunkLayout.crc(buffer)).isEqualTo(crc32c(data, 0, data.length));
  }

  @Test
  void crcsMatchAnIndependentCutForRandomOffsetsAndBuffers() {
    long seed = 64_1024L;
    Random random = new Random(seed);
    for (int c = 0; c < 600; c++) {
      long offset =
          random.nextInt(3) == 0
              ? (long) random.nextInt(20) * BLOCK_SIZE
              : random.nextLong(20L * BLOCK_SIZE);
      int length =
          switch (random.nextInt(4)) {
            case 0 -> random.nextInt(16);
            case 1 -> BLOCK_SIZE - (int) (offset % BLOCK_SIZE) + random.nextInt(3) - 1;
            default -> random.nextInt(3 * BLOCK_SIZE + 1);
          };
      length = Math.max(0, length);
      byte[] data = new byte[length];
      random.nextBytes(data);
      int prefix = random.nextInt(5);
      ByteBuffer buffer =
          random.nextBoolean()
              ? ByteBuffer.allocate(prefix + length)
              : ByteBuffer.allocateDirect(prefix + length);
      buffer.position(prefix);
      buffer.put(data);
      buffer.position(prefix);
      String ctx =
          "seed "
              + seed
              + " case "
              + c
              + " offset "
              + offset
              + " length "
              + length
              + " prefix "
              + prefix;

      int[] crcs = ChunkLayout.crcs(buffer, offset);

      assertThat(crcs).as(ctx).containsExactly(expectedCrcs(data, offset));
      assertThat(buffer.position()).as(ctx + ": position moved").isEqualTo(prefix);
      assertThat(buffer.remaining()).as(ctx).isEqualTo(length);
      long firstBlock = offset / BLOCK_SIZE;
      long lastBlock = length == 0 ? firstBlock - 1 : (offset + length - 1) / BLOCK_SIZE;
      assertThat(crcs.length).as(ctx).isEqualTo((int) (lastBlock - firstBlock + 1));
    }
  }

  @Test
  void chunkSizeMustBeABlockMultipleWithinLimits() {
    assertThat(ChunkLayout.chunkSizeProblem(ChunkLayout.MIN_CHUNK_SIZE)).isNull();
    assertThat(ChunkLayout.chunkSizeProblem(64L << 20)).isNull();
    assertThat(ChunkLayout.chunkSizeProblem(ChunkLayout.MAX_CHUNK_SIZE)).isNull();
    for (long bad :
        new long[] {
          0,
          -BLOCK_SIZE,
          1,
          BLOCK_SIZE - 1,
          BLOCK_SIZE + 1,
          100_000,
          ChunkLayout.MAX_CHUNK_SIZE + BLOCK_SIZE,
          Long.MAX_VALUE
        }) {
      assertThat(ChunkLayout.chunkSizeProblem(bad))
          .as("chunk size %d", bad)
          .startsWith("chunk size : " + bad + " (expected: a multiple of 65536");
    }
  }
}
