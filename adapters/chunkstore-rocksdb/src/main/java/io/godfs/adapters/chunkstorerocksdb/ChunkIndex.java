package io.godfs.adapters.chunkstorerocksdb;

import io.godfs.application.port.out.ChunkStoreException;
import io.godfs.domain.chunk.ChunkId;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiConsumer;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteOptions;

/**
 * The RocksDB side of the store: typed get/put/delete/scan over {@link ChunkIndexSchema}. Owns
 * every native object it creates and frees them in {@link #close()}. RocksDB is thread-safe, so the
 * index needs no lock; writes are synced so a returned commit survives a power cut.
 */
final class ChunkIndex implements AutoCloseable {
  static {
    RocksDB.loadLibrary();
  }

  /** Calls share it; close takes it exclusively. */
  private final ReentrantReadWriteLock use = new ReentrantReadWriteLock();

  private boolean closed;
  private final Path dir;
  private final Options options;
  private final WriteOptions syncWrites;
  private final RocksDB db;

  private ChunkIndex(Path dir, Options options, WriteOptions syncWrites, RocksDB db) {
    this.dir = dir;
    this.options = options;
    this.syncWrites = syncWrites;
    this.db = db;
  }

  static ChunkIndex open(Path dir) {
    Options options = new Options().setCreateIfMissing(true).setKeepLogFileNum(3);
    WriteOptions syncWrites = new WriteOptions().setSync(true);
    try {
      return new ChunkIndex(dir, options, syncWrites, RocksDB.open(options, dir.toString()));
    } catch (RocksDBException e) {
      syncWrites.close();
      options.close();
      throw new ChunkStoreException("open chunk index in " + dir, e);
    }
  }

  Optional<IndexEntry> get(ChunkId id) {
    byte[] value;
    lockOpen();
    try {
      value = db.get(ChunkIndexSchema.key(id));
    } catch (RocksDBException e) {
      throw new ChunkStoreException("get " + id + " from chunk index in " + dir, e);
    } finally {
      use.readLock().unlock();
    }
    return value == null ? Optional.empty() : Optional.of(decode(id, value));
  }

  /** Durably records the entry (synced write-ahead log). */
  void put(ChunkId id, IndexEntry entry) {
    lockOpen();
    try {
      db.put(syncWrites, ChunkIndexSchema.key(id), IndexEntryCodec.encode(entry));
    } catch (RocksDBException e) {
      throw DiskErrors.wrap("put " + id + " " + entry + " in chunk index in " + dir, e);
    } finally {
      use.readLock().unlock();
    }
  }

  void delete(ChunkId id) {
    lockOpen();
    try {
      db.delete(syncWrites, ChunkIndexSchema.key(id));
    } catch (RocksDBException e) {
      throw DiskErrors.wrap("delete " + id + " from chunk index in " + dir, e);
    } finally {
      use.readLock().unlock();
    }
  }

  /** Visits every entry in id order. */
  void forEach(BiConsumer<ChunkId, IndexEntry> visitor) {
    lockOpen();
    try (RocksIterator it = db.newIterator()) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        ChunkId id = decodeKey(it.key());
        visitor.accept(id, decode(id, it.value()));
      }
      it.status();
    } catch (RocksDBException e) {
      throw new ChunkStoreException("scan chunk index in " + dir, e);
    } finally {
      use.readLock().unlock();
    }
  }

  /**
   * RocksDB's own estimate of an integer property ({@code rocksdb.estimate-num-keys}, ...): read
   * from memory, no scan (ADR 0023). RocksDB {@code Statistics} stay off: they cost on every call.
   */
  long property(String name) {
    lockOpen();
    try {
      return db.getLongProperty(name);
    } catch (RocksDBException e) {
      throw new ChunkStoreException("read " + name + " of chunk index in " + dir, e);
    } finally {
      use.readLock().unlock();
    }
  }

  /**
   * Waits for every call in progress, then closes RocksDB. A call racing a closing node (a request
   * handler still finishing) must fail cleanly: touching a closed RocksDB aborts the whole JVM.
   */
  @Override
  public void close() {
    use.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      db.close();
      syncWrites.close();
      options.close();
    } finally {
      use.writeLock().unlock();
    }
  }

  /** Takes the read lock of an open index; the caller unlocks it. */
  private void lockOpen() {
    use.readLock().lock();
    if (closed) {
      use.readLock().unlock();
      throw new IllegalStateException("chunk index : closed (expected: open) in " + dir);
    }
  }

  private ChunkId decodeKey(byte[] key) {
    try {
      return ChunkIndexSchema.id(key);
    } catch (IllegalArgumentException e) {
      throw new ChunkStoreException("decode key of chunk index in " + dir, e);
    }
  }

  private IndexEntry decode(ChunkId id, byte[] value) {
    try {
      return IndexEntryCodec.decode(value);
    } catch (IllegalArgumentException e) {
      throw new ChunkStoreException("decode index entry of " + id + " in " + dir, e);
    }
  }
}
