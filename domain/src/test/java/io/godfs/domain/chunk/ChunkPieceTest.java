package io.godfs.domain.chunk;

import static io.godfs.domain.chunk.ChunkLayout.BLOCK_SIZE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChunkPieceTest {

  private static byte[] randomBytes(Random random, int length) {
    byte[] data = new byte[length];
    random.nextBytes(data);
    return data;
  }

  @Test
  void pieceBuiltWithOfVerifies() {
    ChunkPiece piece =
        ChunkPiece.of(100, ByteBuffer.wrap(randomBytes(new Random(1), 2 * BLOCK_SIZE)));
    assertThat(piece.verify()).isTrue();
    assertThat(piece.firstBadBlockOffset()).isEqualTo(-1);
    assertThat(piece.length()).isEqualTo(2 * BLOCK_SIZE);
    assertThat(piece.end()).isEqualTo(100 + 2L * BLOCK_SIZE);
    assertThat(piece.crcs()).hasSize(3);
  }

  @Test
  void getCopiesAnyRangeFromPiecesSplitOverPartsWithoutMovingThem() {
    byte[] data = randomBytes(new Random(5), 1000);
    ByteBuffer[] parts = {
      ByteBuffer.wrap(data, 0, 10).slice(),
      ByteBuffer.wrap(data, 10, 0).slice(),
      ByteBuffer.wrap(data, 10, 500).slice(),
      ByteBuffer.wrap(data, 510, 490).slice()
    };
    ChunkPiece piece = new ChunkPiece(0, parts, ChunkLayout.crcs(ByteBuffer.wrap(data), 0));
    for (int[] range : new int[][] {{0, 1000}, {5, 10}, {10, 500}, {509, 2}, {999, 1}, {300, 0}}) {
      byte[] out = new byte[range[1] + 3];
      piece.get(range[0], out, 3, range[1]);
      assertThat(Arrays.copyOfRange(out, 3, out.length))
          .isEqualTo(Arrays.copyOfRange(data, range[0], range[0] + range[1]));
    }
    assertThat(parts[2].position()).isZero();
    assertThat(piece.verify()).isTrue();
    assertThatThrownBy(() -> piece.get(990, new byte[20], 0, 11))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void flippedByteIsDetectedAtTheStartOfItsBlock() {
    byte[] data = randomBytes(new Random(2), 3 * BLOCK_SIZE);
    ChunkPiece piece = ChunkPiece.of(BLOCK_SIZE, ByteBuffer.wrap(data));
    data[BLOCK_SIZE + 5] ^= 0x01; // the piece's second block: chunk offset 2*BLOCK_SIZE + 5
    assertThat(piece.verify()).isFalse();
    assertThat(piece.firstBadBlockOffset()).isEqualTo(2L * BLOCK_SIZE);
  }

  @Test
  void flippedByteInAnUnalignedFirstBlockReportsThePieceOffset() {
    byte[] data = randomBytes(new Random(3), 1000);
    ChunkPiece piece = ChunkPiece.of(BLOCK_SIZE - 10, ByteBuffer.wrap(data));
    data[3] ^= (byte) 0x80;
    assertThat(piece.verify()).isFalse();
    assertThat(piece.firstBadBlockOffset()).isEqualTo(BLOCK_SIZE - 10);
  }

  @Test
  void wrongCrcCountIsBadFromTheFirstByte() {
    ByteBuffer data = ByteBuffer.wrap(randomBytes(new Random(4), 2 * BLOCK_SIZE));
    int[] good = ChunkLayout.crcs(data, 0);
    ChunkPiece missing = new ChunkPiece(0, data, Arrays.copyOf(good, 1));
    assertThat(missing.verify()).isFalse();
    assertThat(missing.firstBadBlockOffset()).isZero();
    ChunkPiece extra = new ChunkPiece(0, data, Arrays.copyOf(good, 3));
    assertThat(extra.verify()).isFalse();
    assertThat(extra.firstBadBlockOffset()).isZero();
  }

  @Test
  void verifyingDoesNotConsumeTheData() {
    ByteBuffer data = ByteBuffer.wrap(randomBytes(new Random(5), 5000));
    ChunkPiece piece = ChunkPiece.of(0, data);
    assertThat(piece.verify()).isTrue();
    assertThat(piece.firstBadBlockOffset()).isEqualTo(-1);
    assertThat(data.remaining()).isEqualTo(5000);
    assertThat(piece.length()).isEqualTo(5000);
  }

  @Test
  void refusesNegativeOffsetsAndNulls() {
    assertThatThrownBy(() -> new ChunkPiece(-1, ByteBuffer.allocate(1), new int[1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("offset : -1 (expected: >= 0)");
    assertThatThrownBy(() -> new ChunkPiece(0, (ByteBuffer) null, new int[0]))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new ChunkPiece(0, ByteBuffer.allocate(0), null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void aPieceInManyPartsHasTheCrcsAndBytesOfTheSamePieceInOne() {
    Random random = new Random(7);
    for (int c = 0; c < 200; c++) {
      long offset = random.nextLong(4L * BLOCK_SIZE);
      byte[] data = randomBytes(random, 1 + random.nextInt(3 * BLOCK_SIZE));
      ChunkPiece whole = ChunkPiece.of(offset, ByteBuffer.wrap(data));
      ChunkPiece split = new ChunkPiece(offset, cut(data, random), whole.crcs());

      assertThat(ChunkLayout.crcs(split.parts(), offset)).containsExactly(whole.crcs());
      assertThat(split.verify()).isTrue();
      assertThat(split.length()).isEqualTo(data.length);
      assertThat(split.end()).isEqualTo(offset + data.length);
      assertThat(split.data()).isEqualTo(ByteBuffer.wrap(data));
    }
  }

  @Test
  void aFlipInABlockThatSpansTwoPartsIsFoundInThatBlock() {
    byte[] data = randomBytes(new Random(8), 2 * BLOCK_SIZE);
    ByteBuffer[] parts = {
      ByteBuffer.wrap(data, 0, BLOCK_SIZE + 100).slice(),
      ByteBuffer.wrap(data, BLOCK_SIZE + 100, BLOCK_SIZE - 100).slice()
    };
    ChunkPiece piece = new ChunkPiece(0, parts, ChunkLayout.crcs(ByteBuffer.wrap(data), 0));
    data[BLOCK_SIZE + 150] ^= 0x10; // in the second block, after the cut between the parts
    assertThat(piece.firstBadBlockOffset()).isEqualTo(BLOCK_SIZE);
  }

  /** {@code data} cut at random places into direct buffers, some of them empty. */
  private static ByteBuffer[] cut(byte[] data, Random random) {
    List<ByteBuffer> parts = new ArrayList<>();
    int at = 0;
    while (at < data.length) {
      int n = Math.min(data.length - at, random.nextInt(20_000));
      parts.add(ByteBuffer.allocateDirect(n).put(data, at, n).flip());
      at += n;
    }
    return parts.toArray(ByteBuffer[]::new);
  }

  @Test
  void anySingleFlipIsFoundInItsBlock() {
    long seed = 0xC0FFEEL;
    Random random = new Random(seed);
    for (int c = 0; c < 800; c++) {
      long offset = random.nextLong(8L * BLOCK_SIZE);
      int length = 1 + random.nextInt(3 * BLOCK_SIZE);
      byte[] data = randomBytes(random, length);
      ChunkPiece piece = ChunkPiece.of(offset, ByteBuffer.wrap(data));
      String ctx = "seed " + seed + " case " + c + " offset " + offset + " length " + length;
      assertThat(piece.verify()).as(ctx).isTrue();

      int flip = random.nextInt(length);
      data[flip] ^= (byte) (1 << random.nextInt(8));
      long expected = Math.max(offset, ChunkLayout.blockStart(offset + flip));
      assertThat(piece.verify()).as(ctx + " flip " + flip).isFalse();
      assertThat(piece.firstBadBlockOffset()).as(ctx + " flip " + flip).isEqualTo(expected);
    }
  }
}
