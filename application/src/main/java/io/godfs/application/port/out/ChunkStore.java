package io.godfs.application.port.out;

import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.chunk.LocalReplica;
import io.godfs.domain.chunk.StoredChunk;
import java.util.List;
import java.util.Optional;

/**
 * A chunkserver's local replicas: chunk bytes plus an index of version, length and one CRC32C per
 * 64 KiB block. Thread-safe with no global lock: different chunks are written and read in parallel;
 * at most one writer per chunk at a time.
 *
 * @throws ChunkStoreException (from any method) when the disk or index fails
 */
public interface ChunkStore extends AutoCloseable {

  /**
   * Opens a writer on the chunk, creating it when absent. Nothing becomes visible to readers, and
   * the index keeps the previous version, length and CRCs, until {@link ChunkWriter#commit()}.
   *
   * @throws io.godfs.domain.error.DfsException CONFLICT when another writer has the chunk open
   */
  ChunkWriter openWriter(ChunkId id, ChunkVersion version);

  /**
   * Opens a reader on the committed state of the chunk.
   *
   * @throws io.godfs.domain.error.DfsException NOT_FOUND when the chunk is not stored here
   */
  ChunkReader openReader(ChunkId id);

  Optional<StoredChunk> describe(ChunkId id);

  /**
   * The committed replica's file and block CRCs, for a client on this machine to read directly.
   *
   * @throws io.godfs.domain.error.DfsException NOT_FOUND when the chunk is not stored here,
   *     UNAVAILABLE when this store keeps no plain files
   */
  LocalReplica localReplica(ChunkId id);

  /** Removes the chunk's bytes and index entry; false when it was not stored. */
  boolean delete(ChunkId id);

  /** Every committed replica (the chunk report). */
  List<StoredChunk> list();

  /** Bytes used by chunk files and the capacity available to them. */
  StoreUsage usage();

  /**
   * What the store can say about itself cheaply, for a scrape (ADR 0023): the disk's free space and
   * its index's figures. No scan: read at every scrape. A store without an index answers zeros.
   */
  default StoreFigures figures() {
    return StoreFigures.NONE;
  }

  @Override
  void close();

  record StoreUsage(long capacityBytes, long usedBytes, long chunkCount) {}

  /**
   * @param diskFreeBytes free space on the disk holding the chunk files, for this process
   * @param indexKeys the index's estimate of its keys (RocksDB: {@code rocksdb.estimate-num-keys})
   * @param indexSstBytes the index's table files ({@code rocksdb.total-sst-files-size})
   * @param indexMemtableBytes the index's memory tables ({@code rocksdb.cur-size-all-mem-tables})
   * @param indexPendingCompactionBytes what the index has left to compact ({@code
   *     rocksdb.estimate-pending-compaction-bytes})
   */
  record StoreFigures(
      long diskFreeBytes,
      long indexKeys,
      long indexSstBytes,
      long indexMemtableBytes,
      long indexPendingCompactionBytes) {
    public static final StoreFigures NONE = new StoreFigures(0, 0, 0, 0, 0);
  }
}
