package io.godfs.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.port.out.ChunkReader;
import io.godfs.application.port.out.ChunkStore;
import io.godfs.application.port.out.ChunkWriter;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkLayout;
import io.godfs.domain.chunk.ChunkPiece;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.chunk.StoredChunk;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Random;

/** Test data and the write/read loops shared by the chunk store contracts and service tests. */
public final class ChunkBytes {
  private ChunkBytes() {}

  /** Reproducible pseudo-random bytes. */
  public static byte[] random(long seed, int length) {
    byte[] bytes = new byte[length];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  /** A piece of {@code data[from, from+length)} placed at {@code offset}, with correct CRCs. */
  public static ChunkPiece piece(long offset, byte[] data, int from, int length) {
    return ChunkPiece.of(offset, ByteBuffer.wrap(data, from, length).slice());
  }

  /**
   * Writes {@code data} from offset 0 in pieces of the given sizes (the last size repeats; none
   * means no write at all), commits and closes the writer.
   */
  public static StoredChunk write(
      ChunkStore store, ChunkId id, ChunkVersion version, byte[] data, int... pieceSizes) {
    try (ChunkWriter writer = store.openWriter(id, version)) {
      int position = 0;
      for (int i = 0; pieceSizes.length > 0 && position < data.length; i++) {
        int size = Math.min(pieceSizes[Math.min(i, pieceSizes.length - 1)], data.length - position);
        writer.write(piece(position, data, position, size));
        position += size;
      }
      return writer.commit();
    }
  }

  /**
   * Reads the whole committed chunk with reads of {@code maxBytes}, checking that every piece
   * starts where asked, is as long as {@code maxBytes} allows, carries the CRCs of its own bytes,
   * and that a read at the next block boundary past the end is empty.
   */
  public static byte[] readAll(ChunkStore store, ChunkId id, int maxBytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ChunkReader reader = store.openReader(id)) {
      long length = reader.chunk().length();
      for (long offset = 0; offset < length; ) {
        ChunkPiece piece = reader.read(offset, maxBytes);
        assertThat(piece.offset()).isEqualTo(offset);
        assertThat(piece.length()).isEqualTo((int) Math.min(maxBytes, length - offset));
        assertThat(piece.crcs()).containsExactly(ChunkLayout.crcs(piece.data(), offset));
        byte[] bytes = new byte[piece.length()];
        piece.data().duplicate().get(bytes);
        out.writeBytes(bytes);
        offset += bytes.length;
      }
      long pastEnd = ChunkLayout.blockStart(length + ChunkLayout.BLOCK_SIZE - 1);
      assertThat(reader.read(pastEnd, maxBytes).length()).isZero();
    }
    return out.toByteArray();
  }

  /** The stored CRCs of the whole chunk, read in one go. */
  public static int[] storedCrcs(ChunkStore store, ChunkId id) {
    try (ChunkReader reader = store.openReader(id)) {
      long length = reader.chunk().length();
      return reader.read(0, (int) ChunkLayout.blockStart(length) + ChunkLayout.BLOCK_SIZE).crcs();
    }
  }
}
