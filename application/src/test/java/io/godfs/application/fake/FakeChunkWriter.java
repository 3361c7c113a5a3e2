package io.godfs.application.fake;

import io.godfs.application.port.out.ChunkWriter;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkLayout;
import io.godfs.domain.chunk.ChunkPiece;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.chunk.StoredChunk;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * The fake's writer: works on a private copy of the committed bytes and CRCs and publishes both at
 * commit. Keeps CRCs the way the real store does: a block the piece covers to the chunk's end takes
 * the piece's CRC (so wrong CRCs from a caller are stored, as on disk); any other block the piece
 * or a gap touches is recomputed from the bytes.
 */
final class FakeChunkWriter implements ChunkWriter {
  private static final int BLOCK = ChunkLayout.BLOCK_SIZE;

  private final FakeChunkStore store;
  private final ChunkId id;
  private ChunkVersion version;
  private byte[] bytes;
  private int[] crcs;
  private int length;
  private boolean committed;
  private boolean closed;

  FakeChunkWriter(
      FakeChunkStore store, ChunkId id, ChunkVersion version, FakeChunkStore.Replica previous) {
    this.store = store;
    this.id = id;
    this.version = version;
    this.bytes = previous == null ? new byte[0] : previous.data().clone();
    this.crcs = previous == null ? new int[0] : previous.crcs().clone();
    this.length = bytes.length;
  }

  @Override
  public void write(ChunkPiece piece) {
    requireOpen("write");
    long offset = piece.offset();
    int n = piece.length();
    if (piece.end() > ChunkLayout.MAX_CHUNK_SIZE) {
      throw new IllegalArgumentException(
          "piece end : "
              + piece.end()
              + " of "
              + id
              + " (expected: <= "
              + ChunkLayout.MAX_CHUNK_SIZE
              + ")");
    }
    int expected = n == 0 ? 0 : (int) ((piece.end() - 1) / BLOCK - offset / BLOCK + 1);
    if (piece.crcs().length != expected) {
      throw new IllegalArgumentException(
          "piece crcs : "
              + piece.crcs().length
              + " (expected: "
              + expected
              + " for "
              + n
              + " bytes at offset "
              + offset
              + ")");
    }
    if (n == 0) {
      return;
    }
    int start = Math.toIntExact(offset);
    int oldLength = length;
    store.requireRoom(id, offset, n, Math.max(0, start + n - oldLength));
    length = Math.max(length, start + n);
    if (bytes.length < length) {
      bytes = Arrays.copyOf(bytes, Math.max(length, 2 * bytes.length));
    }
    piece.data().duplicate().get(bytes, start, n);
    crcs = Arrays.copyOf(crcs, Math.max(crcs.length, ChunkLayout.blockCount(length)));
    for (int b = oldLength / BLOCK; b < start / BLOCK; b++) {
      crcs[b] = crcOf(b); // the gap: zeros, perhaps after old bytes
    }
    for (int i = 0; i < piece.crcs().length; i++) {
      int block = start / BLOCK + i;
      long blockStart = (long) block * BLOCK;
      boolean covered = offset <= blockStart && piece.end() >= Math.min(blockStart + BLOCK, length);
      crcs[block] = covered ? piece.crcs()[i] : crcOf(block);
    }
  }

  @Override
  public void truncate(long newLength) {
    requireOpen("truncate");
    if (newLength < 0) {
      throw new IllegalArgumentException("truncate length : " + newLength + " (expected: >= 0)");
    }
    if (newLength >= length) {
      return;
    }
    length = (int) newLength;
    Arrays.fill(bytes, length, bytes.length, (byte) 0); // later gaps must read as zeros again
    crcs = Arrays.copyOf(crcs, ChunkLayout.blockCount(length));
    if (length % BLOCK != 0) {
      crcs[crcs.length - 1] = crcOf(crcs.length - 1);
    }
  }

  @Override
  public void reversion(ChunkVersion newVersion) {
    requireOpen("reversion");
    version = Objects.requireNonNull(newVersion, "version");
  }

  @Override
  public void sync() {
    requireOpen("sync"); // memory has nothing to force
  }

  @Override
  public StoredChunk commit() {
    requireOpen("commit");
    byte[] data = Arrays.copyOf(bytes, length);
    store.commit(
        id,
        new FakeChunkStore.Replica(
            version, data, Arrays.copyOf(crcs, ChunkLayout.blockCount(length))));
    committed = true;
    return new StoredChunk(id, version, length);
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      store.release(id);
    }
  }

  private int crcOf(int block) {
    int start = block * BLOCK;
    return ChunkLayout.crc(ByteBuffer.wrap(bytes, start, Math.min(BLOCK, length - start)));
  }

  private void requireOpen(String operation) {
    if (closed || committed) {
      throw new IllegalStateException(
          operation
              + " on writer of "
              + id
              + " : "
              + (closed ? "closed" : "committed")
              + " (expected: open)");
    }
  }
}
