package io.godfs.adapters.chunkstorerocksdb;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.LongAdder;

/**
 * The aligned buffers a store lends its writers for appends around the page cache (ADR 0034). At
 * most {@code limit} exist per store; a writer that finds none left writes through the page cache
 * as before, so memory stays bounded however many chunks are open. Once the file system refuses
 * O_DIRECT (some do), the store stops asking.
 */
final class DirectStages {
  /**
   * A pipeline's piece (1 MiB) and an unaligned tail fit; larger appends go out a stage at a time.
   */
  static final int STAGE_BYTES = 2 << 20;

  /** Per store: a chunkserver rarely has more chunks open for writing than this at once. */
  static final int DEFAULT_LIMIT = 8;

  private final int alignment;
  private final int limit;
  private final ArrayDeque<ByteBuffer> spares = new ArrayDeque<>();
  private final LongAdder directBytes = new LongAdder();
  private int created;
  private volatile boolean refused;

  private DirectStages(int alignment, int limit) {
    this.alignment = alignment;
    this.limit = limit;
  }

  /**
   * Stages aligned to the block size of the file system that holds {@code dir} (what the JDK
   * requires of a direct channel's buffers, positions and sizes).
   */
  static DirectStages forDirectory(Path dir, int limit) throws IOException {
    long blockSize = Files.getFileStore(dir).getBlockSize();
    boolean usable = blockSize > 0 && blockSize <= 64 * 1024 && Long.bitCount(blockSize) == 1;
    return new DirectStages(usable ? (int) blockSize : 1, usable ? limit : 0);
  }

  /** No direct writes at all: every writer goes through the page cache. */
  static DirectStages none() {
    return new DirectStages(1, 0);
  }

  int alignment() {
    return alignment;
  }

  /** A cleared stage, or null when all are lent out or the file system refused direct writes. */
  synchronized ByteBuffer borrow() {
    if (refused) {
      return null;
    }
    ByteBuffer spare = spares.poll();
    if (spare != null) {
      return spare.clear();
    }
    if (created >= limit) {
      return null;
    }
    created++;
    return ByteBuffer.allocateDirect(STAGE_BYTES + alignment)
        .alignedSlice(alignment)
        .limit(STAGE_BYTES)
        .slice();
  }

  synchronized void giveBack(ByteBuffer stage) {
    spares.push(stage);
  }

  /** The file system refused to open a file for direct I/O: stop trying on this store. */
  void refuse() {
    refused = true;
  }

  /** Counts bytes a writer put in a file around the page cache. */
  void wroteDirectly(long bytes) {
    directBytes.add(bytes);
  }

  /** Bytes this store's writers put in files around the page cache so far. */
  long directBytes() {
    return directBytes.sum();
  }
}
