package io.godfs.application.port.out;

import io.godfs.domain.chunk.ChunkPiece;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.chunk.StoredChunk;

/**
 * One writer on one chunk. Not thread-safe (one pipeline stream drives it). {@link #close()}
 * without {@link #commit()} abandons the write: the index keeps the previous committed state.
 */
public interface ChunkWriter extends AutoCloseable {

  /**
   * Writes a piece whose CRCs the caller already verified; bytes between the current end and the
   * piece's offset read as zeros. Maintains the per-block CRCs, recomputing blocks written
   * partially.
   */
  void write(ChunkPiece piece);

  /**
   * Drops the bytes at and past {@code length} (nothing when the chunk is not longer); the last
   * block's CRC is recomputed. Like a write, visible to readers only after {@link #commit()}.
   */
  void truncate(long length);

  /**
   * Commits the bytes written so far, and any written later, as {@code version} instead of the
   * version the writer was opened with: a recovered pipeline continues an interrupted write under
   * the new version the master granted, so the replica left out of it is recognisably stale.
   */
  void reversion(ChunkVersion version);

  /**
   * Forces the bytes written so far to disk without making them visible: readers still see the
   * previous committed state. Lets every replica of a pipeline fsync in parallel before the commits
   * run from the tail of the pipeline upward.
   */
  void sync();

  /** Forces bytes to disk, then durably records the version, length and CRCs; returns them. */
  StoredChunk commit();

  @Override
  void close();
}
