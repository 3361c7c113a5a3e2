package io.godfs.domain.chunk;

/**
 * The version of a chunk, bumped by the master each time a writer is given the chunk (GFS). A
 * replica holding an older version than the master's is stale and must not be read.
 */
public record ChunkVersion(long value) implements Comparable<ChunkVersion> {
  public static final ChunkVersion FIRST = new ChunkVersion(1);

  public ChunkVersion {
    if (value < 1) {
      throw new IllegalArgumentException("version : " + value + " (expected: >= 1)");
    }
  }

  public ChunkVersion next() {
    return new ChunkVersion(value + 1);
  }

  @Override
  public int compareTo(ChunkVersion o) {
    return Long.compare(value, o.value);
  }

  @Override
  public String toString() {
    return "v" + value;
  }
}
