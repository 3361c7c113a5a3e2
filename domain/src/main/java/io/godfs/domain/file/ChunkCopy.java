package io.godfs.domain.file;

import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkVersion;
import java.util.Objects;

/**
 * The chunk a write must start from when a snapshot holds the slot's chunk (ADR 0025): the writer
 * copies its first {@code length} bytes at {@code version} into the new chunk, then writes over
 * them. The copy replaces the slot's chunk when it commits; until then readers read the old one.
 */
public record ChunkCopy(ChunkId source, ChunkVersion version, long length) {
  public ChunkCopy {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(version, "version");
    if (length <= 0) {
      throw new IllegalArgumentException("length : " + length + " (expected: > 0)");
    }
  }
}
