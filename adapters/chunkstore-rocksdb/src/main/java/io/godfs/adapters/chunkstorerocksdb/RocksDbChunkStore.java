package io.godfs.adapters.chunkstorerocksdb;

import io.godfs.application.port.out.ChunkReader;
import io.godfs.application.port.out.ChunkStore;
import io.godfs.application.port.out.ChunkStoreException;
import io.godfs.application.port.out.ChunkWriter;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkLayout;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.chunk.LocalReplica;
import io.godfs.domain.chunk.StoredChunk;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A chunkserver's replicas on one local disk: one file per chunk (see {@link ChunkFileLayout}) and
 * a RocksDB index of version, length and block CRCs (see {@link ChunkIndexSchema}). Bulk bytes go
 * to plain files because RocksDB would copy each 64 MiB chunk through its log and compactions; the
 * index only holds what must change atomically at commit.
 *
 * <p>A commit fsyncs the file, then writes the index entry with a synced write: the entry is the
 * commit point, so a crash before it leaves the previous committed state. There is no global lock:
 * a per-chunk claim in a {@link ConcurrentHashMap} admits one writer (or one delete) per chunk, and
 * everything else runs in parallel. {@link #close()} must come after every reader and writer of the
 * store is closed.
 */
public final class RocksDbChunkStore implements ChunkStore {
  /** Who holds a chunk: a writer, or a delete in progress. */
  private enum Claim {
    WRITER("a writer is open"),
    DELETE("a delete is in progress");

    private final String description;

    Claim(String description) {
      this.description = description;
    }
  }

  private final Path dataDir;
  private final long configuredCapacity;
  private final ChunkFileLayout files;
  private final ChunkIndex index;
  private final DirectStages directStages;
  private final ConcurrentHashMap<ChunkId, Claim> claims = new ConcurrentHashMap<>();

  private final Object[] publishLocks = newLocks(64);
  private final AtomicLong usedBytes = new AtomicLong();
  private final AtomicLong chunkCount = new AtomicLong();
  private final AtomicBoolean closed = new AtomicBoolean();

  private RocksDbChunkStore(
      Path dataDir,
      long capacityBytes,
      ChunkFileLayout files,
      ChunkIndex index,
      DirectStages directStages) {
    this.dataDir = dataDir;
    this.configuredCapacity = capacityBytes;
    this.files = files;
    this.index = index;
    this.directStages = directStages;
  }

  /**
   * Opens (creating when absent) the store in {@code dataDir}: loads usage from the index and
   * deletes chunk files that no index entry names (writes that never committed before a crash).
   *
   * @param capacityBytes the space offered to chunks; {@code <= 0} measures it from the file system
   *     as its usable space plus the bytes already used by chunks
   * @throws ChunkStoreException when the directory or the index cannot be opened
   */
  public static RocksDbChunkStore open(Path dataDir, long capacityBytes) {
    return open(dataDir, capacityBytes, false);
  }

  /**
   * As {@link #open(Path, long)}; with {@code directWrites} writers append around the page cache
   * where the file system allows it (ADR 0034), else every write goes through the page cache.
   */
  public static RocksDbChunkStore open(Path dataDir, long capacityBytes, boolean directWrites) {
    Objects.requireNonNull(dataDir, "dataDir");
    ChunkFileLayout files = new ChunkFileLayout(dataDir);
    DirectStages stages;
    try {
      files.createShards();
      stages =
          directWrites
              ? DirectStages.forDirectory(dataDir, DirectStages.DEFAULT_LIMIT)
              : DirectStages.none();
    } catch (IOException e) {
      throw new ChunkStoreException("create chunk directories in " + dataDir, e);
    }
    ChunkIndex index = ChunkIndex.open(dataDir.resolve("index"));
    RocksDbChunkStore store = new RocksDbChunkStore(dataDir, capacityBytes, files, index, stages);
    try {
      index.forEach(
          (id, entry) -> {
            store.usedBytes.addAndGet(entry.length());
            store.chunkCount.incrementAndGet();
          });
      store.deleteUncommittedFiles();
    } catch (RuntimeException e) {
      index.close();
      throw e;
    }
    return store;
  }

  @Override
  public ChunkWriter openWriter(ChunkId id, ChunkVersion version) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(version, "version");
    requireOpen();
    claim(id, Claim.WRITER);
    try {
      return ChunkFileWriter.open(this, id, version, files.file(id), index.get(id).orElse(null));
    } catch (RuntimeException e) {
      release(id);
      throw e;
    }
  }

  @Override
  public ChunkReader openReader(ChunkId id) {
    requireOpen();
    IndexEntry entry;
    FileChannel channel;
    Path file = files.file(id);
    try {
      synchronized (publishLock(id)) { // not between a rewrite's index entry and its rename
        entry = index.get(id).orElseThrow(() -> notFound(id));
        channel = FileChannel.open(file, StandardOpenOption.READ);
      }
      return new ChunkFileReader(id, entry, file, channel);
    } catch (NoSuchFileException e) {
      if (index.get(id).isEmpty()) {
        throw notFound(id); // deleted between the index lookup and the open
      }
      throw new ChunkStoreException("open reader on " + id + " : " + file + " is missing", e);
    } catch (IOException e) {
      throw new ChunkStoreException("open reader on " + id + " at " + file, e);
    }
  }

  @Override
  public LocalReplica localReplica(ChunkId id) {
    requireOpen();
    IndexEntry entry = index.get(id).orElseThrow(() -> notFound(id));
    return new LocalReplica(
        entry.toStored(id), files.file(id).toAbsolutePath().toString(), entry.crcs().clone());
  }

  @Override
  public Optional<StoredChunk> describe(ChunkId id) {
    requireOpen();
    return index.get(id).map(entry -> entry.toStored(id));
  }

  /**
   * {@inheritDoc}
   *
   * @throws DfsException CONFLICT when a writer has the chunk open
   */
  @Override
  public boolean delete(ChunkId id) {
    requireOpen();
    claim(id, Claim.DELETE);
    try {
      Optional<IndexEntry> entry = index.get(id);
      if (entry.isEmpty()) {
        return false;
      }
      index.delete(id); // first: a crash now leaves a file that the next open sweeps away
      Path file = files.file(id);
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        throw new ChunkStoreException("delete " + id + " at " + file, e);
      } finally {
        usedBytes.addAndGet(-entry.get().length());
        chunkCount.decrementAndGet();
      }
      return true;
    } finally {
      release(id);
    }
  }

  @Override
  public List<StoredChunk> list() {
    requireOpen();
    List<StoredChunk> chunks = new ArrayList<>();
    index.forEach((id, entry) -> chunks.add(entry.toStored(id)));
    return chunks;
  }

  @Override
  public StoreUsage usage() {
    requireOpen();
    long used = usedBytes.get();
    long capacity = configuredCapacity;
    if (capacity <= 0) {
      try {
        capacity = Files.getFileStore(dataDir).getUsableSpace() + used;
      } catch (IOException e) {
        throw new ChunkStoreException("measure usable space of " + dataDir, e);
      }
    }
    return new StoreUsage(capacity, used, chunkCount.get());
  }

  /** The disk's free space and the index's estimates, read from memory (ADR 0023). */
  @Override
  public StoreFigures figures() {
    requireOpen();
    long free;
    try {
      free = Files.getFileStore(dataDir).getUsableSpace();
    } catch (IOException e) {
      throw new ChunkStoreException("measure usable space of " + dataDir, e);
    }
    return new StoreFigures(
        free,
        index.property("rocksdb.estimate-num-keys"),
        index.property("rocksdb.total-sst-files-size"),
        index.property("rocksdb.cur-size-all-mem-tables"),
        index.property("rocksdb.estimate-pending-compaction-bytes"));
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      index.close();
    }
  }

  @Override
  public String toString() {
    return "RocksDbChunkStore[" + dataDir + "]";
  }

  /** Called by a writer once its file is forced: the index entry is the commit point. */
  void recordCommit(ChunkId id, IndexEntry previous, IndexEntry entry) {
    requireOpen();
    index.put(id, entry);
    usedBytes.addAndGet(entry.length() - (previous == null ? 0 : previous.length()));
    if (previous == null) {
      chunkCount.incrementAndGet();
    }
  }

  /** The aligned buffers this store's writers may borrow to append around the page cache. */
  DirectStages directStages() {
    return directStages;
  }

  boolean isClosed() {
    return closed.get();
  }

  /** Held while a rewrite publishes (index entry, then rename) and while a reader opens. */
  Object publishLock(ChunkId id) {
    return publishLocks[Math.floorMod(Long.hashCode(id.value()), publishLocks.length)];
  }

  /** Called once by the holder of a claim (writer close, end of a delete). */
  void release(ChunkId id) {
    claims.remove(id);
  }

  private void claim(ChunkId id, Claim claim) {
    Claim holder = claims.putIfAbsent(id, claim);
    if (holder != null) {
      throw new DfsException(
          ErrorCode.CONFLICT,
          id + " is busy : " + holder.description + " (expected: no writer or delete in progress)");
    }
  }

  private void deleteUncommittedFiles() {
    try {
      for (ChunkId id : files.scan()) {
        if (index.get(id).isEmpty()) {
          Files.delete(files.file(id));
        }
      }
      for (Path shadow : files.shadows()) {
        finishOrDeleteShadow(shadow);
      }
    } catch (IOException e) {
      throw new ChunkStoreException("delete uncommitted chunk files in " + files.root(), e);
    }
  }

  /**
   * A shadow whose bytes match its chunk's index entry was committed and the crash came before its
   * rename: the rename is finished now. Any other shadow is a rewrite that never committed.
   */
  private void finishOrDeleteShadow(Path shadow) throws IOException {
    String name = shadow.getFileName().toString();
    String chunkName = name.substring(0, name.length() - ChunkFileLayout.SHADOW_SUFFIX.length());
    Optional<IndexEntry> entry = Optional.empty();
    ChunkId id = null;
    if (chunkName.matches("[0-9a-f]{16}\\.chunk")) {
      long value = Long.parseUnsignedLong(chunkName.substring(0, 16), 16);
      if (value > 0) {
        id = new ChunkId(value);
        entry = index.get(id);
      }
    }
    if (entry.isPresent() && matches(shadow, entry.get())) {
      Path file = files.file(id);
      Files.move(shadow, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      ChunkFileLayout.syncDirectory(file.getParent());
    } else {
      Files.delete(shadow);
    }
  }

  private static boolean matches(Path shadow, IndexEntry entry) throws IOException {
    try (FileChannel channel = FileChannel.open(shadow, StandardOpenOption.READ)) {
      if (channel.size() != entry.length()) {
        return false;
      }
      ByteBuffer block = ByteBuffer.allocate(ChunkLayout.BLOCK_SIZE);
      int[] crcs = entry.crcs();
      for (int b = 0; b < ChunkLayout.blockCount(entry.length()); b++) {
        long start = (long) b * ChunkLayout.BLOCK_SIZE;
        block.clear().limit((int) Math.min(ChunkLayout.BLOCK_SIZE, entry.length() - start));
        while (block.hasRemaining()) {
          if (channel.read(block, start + block.position()) < 0) {
            return false;
          }
        }
        if (b >= crcs.length || ChunkLayout.crc(block.flip()) != crcs[b]) {
          return false;
        }
      }
      return true;
    }
  }

  private static Object[] newLocks(int n) {
    Object[] locks = new Object[n];
    for (int i = 0; i < n; i++) {
      locks[i] = new Object();
    }
    return locks;
  }

  private void requireOpen() {
    if (closed.get()) {
      throw new IllegalStateException("chunk store : closed (expected: open) in " + dataDir);
    }
  }

  private static DfsException notFound(ChunkId id) {
    return new DfsException(ErrorCode.NOT_FOUND, id + " is not stored here");
  }
}
