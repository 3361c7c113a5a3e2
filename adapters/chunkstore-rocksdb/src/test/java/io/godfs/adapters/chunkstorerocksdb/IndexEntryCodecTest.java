package io.godfs.adapters.chunkstorerocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkLayout;
import io.godfs.domain.chunk.ChunkVersion;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class IndexEntryCodecTest {

  @Test
  void roundTripsEntriesOfAnyLength() {
    for (long length : new long[] {0, 1, ChunkLayout.BLOCK_SIZE, 3L * ChunkLayout.BLOCK_SIZE + 7}) {
      int[] crcs = new int[ChunkLayout.blockCount(length)];
      Arrays.setAll(crcs, i -> -i * 7919);
      IndexEntry entry = new IndexEntry(new ChunkVersion(42), length, crcs);
      assertThat(IndexEntryCodec.decode(IndexEntryCodec.encode(entry))).isEqualTo(entry);
    }
  }

  @Test
  void layoutIsFormatVersionLengthThenBigEndianCrcs() {
    int[] crcs = {0xA0B0C0D0, 5};
    byte[] bytes =
        IndexEntryCodec.encode(
            new IndexEntry(new ChunkVersion(0x0102), ChunkLayout.BLOCK_SIZE + 1, crcs));

    ByteBuffer in = ByteBuffer.wrap(bytes);
    assertThat(bytes).hasSize(1 + 8 + 8 + 2 * 4);
    assertThat(in.get()).isEqualTo(IndexEntryCodec.FORMAT_V1);
    assertThat(in.getLong()).isEqualTo(0x0102);
    assertThat(in.getLong()).isEqualTo(ChunkLayout.BLOCK_SIZE + 1);
    assertThat(in.getInt()).isEqualTo(0xA0B0C0D0);
    assertThat(in.getInt()).isEqualTo(5);
  }

  @Test
  void rejectsAnUnknownFormatATruncatedValueAndAWrongCrcCount() {
    byte[] valid = IndexEntryCodec.encode(new IndexEntry(ChunkVersion.FIRST, 10, new int[] {1}));
    byte[] unknownFormat = valid.clone();
    unknownFormat[0] = 2;

    assertThatThrownBy(() -> IndexEntryCodec.decode(unknownFormat))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("format : 2");
    assertThatThrownBy(() -> IndexEntryCodec.decode(Arrays.copyOf(valid, 5)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> IndexEntryCodec.decode(Arrays.copyOf(valid, valid.length + 4)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CRC bytes");
    assertThatThrownBy(() -> new IndexEntry(ChunkVersion.FIRST, 10, new int[2]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void keysAreBigEndianIdsSoTheySortById() {
    byte[] small = ChunkIndexSchema.key(new ChunkId(255));
    byte[] large = ChunkIndexSchema.key(new ChunkId(256));

    assertThat(small).containsExactly(0, 0, 0, 0, 0, 0, 0, 0xFF);
    assertThat(Arrays.compareUnsigned(small, large)).isNegative();
    assertThat(ChunkIndexSchema.id(large)).isEqualTo(new ChunkId(256));
    assertThatThrownBy(() -> ChunkIndexSchema.id(new byte[4]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
