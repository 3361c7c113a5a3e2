package io.godfs.domain.chunk;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** What a chunk access token lets its holder do to one chunk on a chunkserver (ADR 0022). */
public enum ChunkOperation {
  /** ReadChunk and the short-circuit OpenLocal. */
  READ,
  /** WriteChunk on every node of a pipeline, truncation included. */
  WRITE,
  /** Reading a source replica to copy it, as the master ordered. */
  REPLICATE,
  /** Dropping a replica, as the master ordered. */
  DELETE;

  /** The operations as one byte, one bit each in declaration order (the token's wire form). */
  public static int toBits(Set<ChunkOperation> operations) {
    int bits = 0;
    for (ChunkOperation op : operations) {
      bits |= 1 << op.ordinal();
    }
    return bits;
  }

  /** The operations of {@link #toBits}; bits of no known operation are refused. */
  public static Set<ChunkOperation> fromBits(int bits) {
    ChunkOperation[] all = values();
    if ((bits & ~((1 << all.length) - 1)) != 0) {
      throw new IllegalArgumentException("operation bits : " + bits + " (unknown operation)");
    }
    Set<ChunkOperation> out = EnumSet.noneOf(ChunkOperation.class);
    for (ChunkOperation op : all) {
      if ((bits & (1 << op.ordinal())) != 0) {
        out.add(op);
      }
    }
    return out;
  }

  /** The name used in refusals: {@code read}, {@code write}, ... */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
