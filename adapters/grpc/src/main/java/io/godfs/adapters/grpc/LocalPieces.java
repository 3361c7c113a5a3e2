package io.godfs.adapters.grpc;

import io.godfs.domain.chunk.ChunkLayout;
import io.godfs.domain.chunk.ChunkPiece;
import io.godfs.domain.chunk.PieceIterator;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * A short-circuit read: pieces read straight from a replica's file on this machine into one reused
 * direct buffer (one copy from the page cache), each with the CRCs the chunkserver stored, so the
 * reader verifies them exactly as it verifies pieces that came over the network.
 *
 * <p>The file was opened by name after the chunkserver answered, so a rewrite committed in between
 * may have renamed its copy over it: new bytes, old CRCs. A piece that fails its CRCs is therefore
 * read again through the chunkserver, which opens index entry and file under one lock, and the rest
 * of the range follows from there ({@link #reread}).
 */
final class LocalPieces implements PieceIterator {
  /** Opens a read through the chunkserver of {@code length} bytes from the block-aligned offset. */
  interface NetworkRead {
    PieceIterator from(long offset, long length);
  }

  private final FileChannel file;
  private final NetworkRead network;
  private PieceIterator fallback;
  private final int[] crcs;
  private final long end;
  private final long chunkLength;
  private final String where;
  private final ByteBuffer buffer = ByteBuffer.allocateDirect(ChunkLayout.MAX_MESSAGE_BYTES);
  private long position;

  LocalPieces(
      FileChannel file,
      int[] crcs,
      long chunkLength,
      long offset,
      long length,
      String where,
      NetworkRead network) {
    this.file = file;
    this.network = network;
    this.crcs = crcs;
    this.chunkLength = chunkLength;
    this.end = Math.min(chunkLength, offset + length < 0 ? Long.MAX_VALUE : offset + length);
    this.position = ChunkLayout.blockStart(offset);
    this.where = where;
  }

  @Override
  public ChunkPiece next() {
    if (fallback != null) {
      return fallback.next();
    }
    if (position >= end) {
      return null;
    }
    // Whole blocks only (their CRCs cover whole blocks); the chunk's last block may be short.
    long limit = Math.min(ChunkLayout.blockStart(end - 1) + ChunkLayout.BLOCK_SIZE, chunkLength);
    int n = (int) Math.min(ChunkLayout.MAX_MESSAGE_BYTES, limit - position);
    buffer.clear().limit(n);
    try {
      while (buffer.hasRemaining()) {
        if (file.read(buffer, position + buffer.position()) < 0) {
          throw new DfsException(
              ErrorCode.UNAVAILABLE,
              where
                  + " is shorter than its index says ("
                  + (position + buffer.position())
                  + " bytes)");
        }
      }
    } catch (IOException e) {
      throw new DfsException(ErrorCode.UNAVAILABLE, "cannot read " + where + ": " + e.getMessage());
    }
    buffer.flip();
    int first = (int) (position / ChunkLayout.BLOCK_SIZE);
    int last = (int) ((position + n - 1) / ChunkLayout.BLOCK_SIZE);
    ChunkPiece piece = new ChunkPiece(position, buffer, Arrays.copyOfRange(crcs, first, last + 1));
    position += n;
    return piece;
  }

  @Override
  public ChunkPiece reread(ChunkPiece failed) {
    if (fallback != null) {
      return null; // it came through the chunkserver: a mismatch there is corruption
    }
    closeFile();
    fallback = network.from(failed.offset(), end - failed.offset());
    ChunkPiece again = fallback.next();
    if (again == null) {
      throw new DfsException(
          ErrorCode.UNAVAILABLE, where + " ended before offset " + failed.offset());
    }
    return again;
  }

  @Override
  public void close() {
    closeFile();
    if (fallback != null) {
      fallback.close();
    }
  }

  private void closeFile() {
    try {
      file.close();
    } catch (IOException ignored) {
      // Closing a read-only channel loses nothing.
    }
  }
}
