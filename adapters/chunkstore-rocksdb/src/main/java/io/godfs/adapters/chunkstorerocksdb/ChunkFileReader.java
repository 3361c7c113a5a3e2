package io.godfs.adapters.chunkstorerocksdb;

import io.godfs.application.port.out.ChunkReader;
import io.godfs.application.port.out.ChunkStoreException;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkLayout;
import io.godfs.domain.chunk.ChunkPiece;
import io.godfs.domain.chunk.StoredChunk;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads the committed bytes of one chunk file with positional reads. The index entry (length and
 * CRCs) is the one seen when the reader opened: a later commit does not move its end. A read either
 * allocates its own buffer, so its piece can be handed to another thread without copying, or fills
 * the caller's (a direct one: no copy through the JDK's temporary native buffer).
 */
final class ChunkFileReader implements ChunkReader {
  private static final int BLOCK = ChunkLayout.BLOCK_SIZE;

  private final ChunkId id;
  private final IndexEntry entry;
  private final Path file;
  private final FileChannel channel;

  ChunkFileReader(ChunkId id, IndexEntry entry, Path file, FileChannel channel) {
    this.id = id;
    this.entry = entry;
    this.file = file;
    this.channel = channel;
  }

  @Override
  public StoredChunk chunk() {
    return entry.toStored(id);
  }

  @Override
  public ChunkPiece read(long offset, int maxBytes) {
    if (maxBytes <= 0 || maxBytes % BLOCK != 0) {
      throw new IllegalArgumentException(
          "maxBytes : " + maxBytes + " (expected: > 0 and a multiple of " + BLOCK + ")");
    }
    return read(offset, ByteBuffer.allocate(maxBytes));
  }

  @Override
  public ChunkPiece read(long offset, ByteBuffer into) {
    if (offset < 0 || offset % BLOCK != 0) {
      throw new IllegalArgumentException(
          "offset : " + offset + " (expected: >= 0 and a multiple of " + BLOCK + ")");
    }
    if (into.remaining() <= 0 || into.remaining() % BLOCK != 0) {
      throw new IllegalArgumentException(
          "into.remaining() : "
              + into.remaining()
              + " (expected: > 0 and a multiple of "
              + BLOCK
              + ")");
    }
    if (offset >= entry.length()) {
      return new ChunkPiece(offset, ByteBuffer.allocate(0), new int[0]);
    }
    int n = (int) Math.min(into.remaining(), entry.length() - offset);
    ByteBuffer data = into.slice(into.position(), n);
    try {
      while (data.hasRemaining()) {
        if (channel.read(data, offset + data.position()) < 0) {
          throw new IOException(
              "file ends at "
                  + (offset + data.position())
                  + " (expected: committed length "
                  + entry.length()
                  + ")");
        }
      }
    } catch (IOException e) {
      throw new ChunkStoreException(
          "read " + n + " bytes at offset " + offset + " of " + id + " from " + file, e);
    }
    int first = (int) (offset / BLOCK);
    int[] crcs = Arrays.copyOfRange(entry.crcs(), first, first + ChunkLayout.blockCount(n));
    return new ChunkPiece(offset, data.flip(), crcs);
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new ChunkStoreException("close reader of " + id + " at " + file, e);
    }
  }
}
