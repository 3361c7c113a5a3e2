package io.godfs.domain.chunk;

import java.util.Objects;

/** A replica on a chunkserver: what its index says about it. */
public record StoredChunk(ChunkId id, ChunkVersion version, long length) {
  public StoredChunk {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(version, "version");
    if (length < 0) {
      throw new IllegalArgumentException("length : " + length + " (expected: >= 0)");
    }
  }
}
