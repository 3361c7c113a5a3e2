package io.godfs.adapters.chunkstorerocksdb;

import io.godfs.application.contract.ChunkStoreContract;
import io.godfs.application.port.out.ChunkStore;
import java.nio.file.Path;

/**
 * The port contract on a store whose writers append around the page cache (ADR 0034), on this
 * machine's real file system: every case the page-cache store passes, the direct one passes too.
 */
class DirectChunkStoreTest extends ChunkStoreContract {
  private static final long CAPACITY = 1L << 30;

  @Override
  protected ChunkStore newStore(Path dir) {
    return RocksDbChunkStore.open(dir, CAPACITY, true);
  }

  @Override
  protected ChunkStore reopen(ChunkStore closed, Path dir) {
    return RocksDbChunkStore.open(dir, CAPACITY, true);
  }
}
