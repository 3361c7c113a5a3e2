package io.godfs.domain.chunk;

/** A chunk's cluster-wide identity, handed out by the master; never reused. */
public record ChunkId(long value) implements Comparable<ChunkId> {
  public ChunkId {
    if (value <= 0) {
      throw new IllegalArgumentException("chunkId : " + value + " (expected: > 0)");
    }
  }

  @Override
  public int compareTo(ChunkId o) {
    return Long.compare(value, o.value);
  }

  /** Fixed-width hex, used for on-disk names so listings sort by id. */
  public String hex() {
    return String.format("%016x", value);
  }

  @Override
  public String toString() {
    return "chunk-" + value;
  }
}
