package io.godfs.adapters.chunkstorerocksdb;

import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkLayout;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.chunk.StoredChunk;
import java.util.Arrays;
import java.util.Objects;

/**
 * What the index holds about one committed replica. The CRC array is owned by the entry: callers
 * never change it after construction (the store hands out copies).
 */
record IndexEntry(ChunkVersion version, long length, int[] crcs) {
  IndexEntry {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(crcs, "crcs");
    if (length < 0 || length > ChunkLayout.MAX_CHUNK_SIZE) {
      throw new IllegalArgumentException(
          "length : " + length + " (expected: 0.." + ChunkLayout.MAX_CHUNK_SIZE + ")");
    }
    if (crcs.length != ChunkLayout.blockCount(length)) {
      throw new IllegalArgumentException(
          "crcs : "
              + crcs.length
              + " (expected: "
              + ChunkLayout.blockCount(length)
              + " for length "
              + length
              + ")");
    }
  }

  StoredChunk toStored(ChunkId id) {
    return new StoredChunk(id, version, length);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IndexEntry e
        && version.equals(e.version)
        && length == e.length
        && Arrays.equals(crcs, e.crcs);
  }

  @Override
  public int hashCode() {
    return Objects.hash(version, length, Arrays.hashCode(crcs));
  }

  @Override
  public String toString() {
    return "IndexEntry[" + version + ", length=" + length + ", blocks=" + crcs.length + "]";
  }
}
