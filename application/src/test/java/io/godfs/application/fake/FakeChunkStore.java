package io.godfs.application.fake;

import io.godfs.application.port.out.ChunkReader;
import io.godfs.application.port.out.ChunkStore;
import io.godfs.application.port.out.ChunkStoreException;
import io.godfs.application.port.out.ChunkWriter;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkLayout;
import io.godfs.domain.chunk.ChunkPiece;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.chunk.LocalReplica;
import io.godfs.domain.chunk.StoredChunk;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * An in-memory {@link ChunkStore} for service tests that keeps the port's promises: one writer (or
 * delete) per chunk, nothing visible before commit, stored CRCs taken from pieces and recomputed
 * for blocks written in part, the same argument checks. It passes {@code ChunkStoreContract}.
 *
 * <p>Committed replicas live in a "disk" map shared with the store {@link #reopen()} returns, so a
 * test can simulate a crash: writers of the old store are cut off, committed chunks survive.
 * Readers see the replica as it was when they opened (the real store only promises the length).
 */
public final class FakeChunkStore implements ChunkStore {
  /** One committed replica; arrays are never changed after construction. */
  record Replica(ChunkVersion version, byte[] data, int[] crcs) {
    StoredChunk describe(ChunkId id) {
      return new StoredChunk(id, version, data.length);
    }
  }

  private final ConcurrentMap<ChunkId, Replica> disk;
  private final ConcurrentMap<ChunkId, String> claims = new ConcurrentHashMap<>();
  private final long capacityBytes;
  private volatile boolean closed;

  /** A store offering 1 TiB. */
  public FakeChunkStore() {
    this(1L << 40);
  }

  public FakeChunkStore(long capacityBytes) {
    this(new ConcurrentHashMap<>(), capacityBytes);
  }

  private FakeChunkStore(ConcurrentMap<ChunkId, Replica> disk, long capacityBytes) {
    if (capacityBytes <= 0) {
      throw new IllegalArgumentException("capacityBytes : " + capacityBytes + " (expected: > 0)");
    }
    this.disk = disk;
    this.capacityBytes = capacityBytes;
  }

  /**
   * Simulates a restart or crash: closes this store (its open writers can no longer commit) and
   * returns a new one over the same committed chunks.
   */
  public FakeChunkStore reopen() {
    closed = true;
    return new FakeChunkStore(disk, capacityBytes);
  }

  @Override
  public ChunkWriter openWriter(ChunkId id, ChunkVersion version) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(version, "version");
    requireOpen();
    claim(id, "a writer is open");
    return new FakeChunkWriter(this, id, version, disk.get(id));
  }

  @Override
  public ChunkReader openReader(ChunkId id) {
    requireOpen();
    Replica replica = disk.get(id);
    if (replica == null) {
      throw new DfsException(ErrorCode.NOT_FOUND, id + " is not stored here");
    }
    return new Reader(id, replica);
  }

  @Override
  public LocalReplica localReplica(ChunkId id) {
    throw new DfsException(
        ErrorCode.UNAVAILABLE, "the in-memory store keeps no files to read directly");
  }

  @Override
  public Optional<StoredChunk> describe(ChunkId id) {
    requireOpen();
    return Optional.ofNullable(disk.get(id)).map(replica -> replica.describe(id));
  }

  /**
   * {@inheritDoc}
   *
   * @throws DfsException CONFLICT when a writer has the chunk open
   */
  @Override
  public boolean delete(ChunkId id) {
    requireOpen();
    claim(id, "a delete is in progress");
    try {
      return disk.remove(id) != null;
    } finally {
      claims.remove(id);
    }
  }

  @Override
  public List<StoredChunk> list() {
    requireOpen();
    List<StoredChunk> chunks = new ArrayList<>();
    disk.forEach((id, replica) -> chunks.add(replica.describe(id)));
    return chunks;
  }

  @Override
  public StoreUsage usage() {
    requireOpen();
    long used = disk.values().stream().mapToLong(replica -> replica.data().length).sum();
    return new StoreUsage(capacityBytes, used, disk.size());
  }

  @Override
  public void close() {
    closed = true;
  }

  void commit(ChunkId id, Replica replica) {
    requireOpen();
    disk.put(id, replica);
  }

  /**
   * A disk that fills up: an uncommitted write growing past what the committed replicas leave of
   * the capacity fails as the real store does on ENOSPC.
   */
  void requireRoom(ChunkId id, long offset, int length, long growth) {
    long used = disk.values().stream().mapToLong(replica -> replica.data().length).sum();
    if (used + growth > capacityBytes) {
      throw ChunkStoreException.outOfSpace(
          "write " + length + " bytes at offset " + offset + " of " + id,
          new IOException("No space left on device"));
    }
  }

  void release(ChunkId id) {
    claims.remove(id);
  }

  private void claim(ChunkId id, String what) {
    String holder = claims.putIfAbsent(id, what);
    if (holder != null) {
      throw new DfsException(
          ErrorCode.CONFLICT,
          id + " is busy : " + holder + " (expected: no writer or delete in progress)");
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("chunk store : closed (expected: open)");
    }
  }

  /** Serves a snapshot of one replica with the same argument checks as the real reader. */
  private record Reader(ChunkId id, Replica replica) implements ChunkReader {
    @Override
    public StoredChunk chunk() {
      return replica.describe(id);
    }

    @Override
    public ChunkPiece read(long offset, int maxBytes) {
      int block = ChunkLayout.BLOCK_SIZE;
      if (offset < 0 || offset % block != 0) {
        throw new IllegalArgumentException(
            "offset : " + offset + " (expected: >= 0 and a multiple of " + block + ")");
      }
      if (maxBytes <= 0 || maxBytes % block != 0) {
        throw new IllegalArgumentException(
            "maxBytes : " + maxBytes + " (expected: > 0 and a multiple of " + block + ")");
      }
      byte[] data = replica.data();
      if (offset >= data.length) {
        return new ChunkPiece(offset, ByteBuffer.allocate(0), new int[0]);
      }
      int n = (int) Math.min(maxBytes, data.length - offset);
      ByteBuffer copy = ByteBuffer.wrap(Arrays.copyOfRange(data, (int) offset, (int) offset + n));
      int first = (int) (offset / block);
      return new ChunkPiece(
          offset,
          copy,
          Arrays.copyOfRange(replica.crcs(), first, first + ChunkLayout.blockCount(n)));
    }

    @Override
    public void close() {
      // Nothing to release: the snapshot is on the heap.
    }
  }
}
