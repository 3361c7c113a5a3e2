package io.godfs.domain.file;

/**
 * A chunk as the healing loop sees it: which file slot holds it, its versions and length, the
 * file's replication, and whether a writer holds the file (its pending chunks are left alone).
 */
public record ChunkSlot(
    FileId fileId, int index, ChunkRef chunk, int replication, boolean beingWritten) {

  /**
   * A write of this chunk is in flight: granted but not committed, by a writer that still holds the
   * file.
   */
  public boolean underConstruction() {
    return beingWritten && chunk.grantedVersion().compareTo(chunk.committedVersion()) > 0;
  }
}
