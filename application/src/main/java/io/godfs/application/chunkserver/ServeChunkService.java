package io.godfs.application.chunkserver;

import io.godfs.application.port.in.ServeChunkUseCase;
import io.godfs.application.port.out.ChunkIoMeter;
import io.godfs.application.port.out.ChunkReader;
import io.godfs.application.port.out.ChunkStore;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkLayout;
import io.godfs.domain.chunk.ChunkPiece;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.chunk.LocalReplica;
import io.godfs.domain.chunk.PieceIterator;
import io.godfs.domain.chunk.StoredChunk;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.node.NodeId;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * Serves block-aligned pieces of a local replica, only at exactly the version the reader asks for
 * (the master's committed one): an older replica is stale, a newer one holds an unacknowledged
 * write. Each message's bytes, how each read ended and each short-circuit open go to the meter (ADR
 * 0023).
 */
final class ServeChunkService implements ServeChunkUseCase {
  /** Read buffers kept for the next reads: more reads at once allocate their own. */
  private static final int SPARE_BUFFERS = 16;

  private final ChunkStore store;
  private final ArrayBlockingQueue<ByteBuffer> spareBuffers =
      new ArrayBlockingQueue<>(SPARE_BUFFERS);
  private final NodeId self;
  private final ChunkIoMeter meter;

  ServeChunkService(ChunkStore store, NodeId self) {
    this(store, self, ChunkIoMeter.NONE);
  }

  ServeChunkService(ChunkStore store, NodeId self, ChunkIoMeter meter) {
    this.store = store;
    this.self = self;
    this.meter = meter;
  }

  @Override
  public Outcome<PieceIterator> read(
      ChunkId chunk, ChunkVersion minVersion, long offset, long length) {
    Outcome<PieceIterator> pieces = open(chunk, minVersion, offset, length);
    if (pieces instanceof Outcome.Rejected<PieceIterator>) {
      meter.readEnded(ChunkIoMeter.Result.ERROR);
    }
    return pieces;
  }

  private Outcome<PieceIterator> open(
      ChunkId chunk, ChunkVersion minVersion, long offset, long length) {
    if (offset < 0 || length < 0) {
      return Outcome.rejected(
          ErrorCode.INVALID_ARGUMENT,
          "read offset " + offset + " length " + length + " (expected: both >= 0)");
    }
    Outcome<StoredChunk> current = current(chunk, minVersion);
    if (current instanceof Outcome.Rejected<StoredChunk> r) {
      return Outcome.rejected(r.error());
    }
    ChunkReader reader = store.openReader(chunk);
    try {
      if (!reader.chunk().version().equals(minVersion)) {
        // Re-check: a commit may have landed between the index read and the open.
        ChunkVersion changed = reader.chunk().version();
        reader.close();
        return Outcome.rejected(
            ErrorCode.CONFLICT,
            "replica of " + chunk + " on " + self + " changed to " + changed + " while opening");
      }
      long end =
          Math.min(reader.chunk().length(), offset + length < 0 ? Long.MAX_VALUE : offset + length);
      return Outcome.ok(new Pieces(reader, ChunkLayout.blockStart(offset), end));
    } catch (RuntimeException e) {
      reader.close();
      meter.readEnded(ChunkIoMeter.Result.ERROR);
      throw e;
    }
  }

  @Override
  public Outcome<LocalReplica> local(ChunkId chunk, ChunkVersion minVersion) {
    Outcome<LocalReplica> local = localReplica(chunk, minVersion);
    if (!(local instanceof Outcome.Rejected<LocalReplica>)) {
      meter.shortCircuitOpened();
    }
    return local;
  }

  private Outcome<LocalReplica> localReplica(ChunkId chunk, ChunkVersion minVersion) {
    return current(chunk, minVersion)
        .flatMap(
            stored -> {
              LocalReplica local = store.localReplica(chunk);
              // Re-check: the replica may have been rewritten between the two index reads.
              return !local.chunk().version().equals(minVersion)
                  ? Outcome.rejected(
                      ErrorCode.CONFLICT,
                      "replica of "
                          + chunk
                          + " on "
                          + self
                          + " changed to "
                          + local.chunk().version()
                          + " while opening")
                  : Outcome.ok(local);
            });
  }

  private Outcome<StoredChunk> current(ChunkId chunk, ChunkVersion minVersion) {
    Optional<StoredChunk> stored = store.describe(chunk);
    if (stored.isEmpty()) {
      return Outcome.rejected(ErrorCode.NOT_FOUND, chunk + " is not stored on " + self);
    }
    int cmp = stored.get().version().compareTo(minVersion);
    if (cmp < 0) {
      return Outcome.rejected(
          ErrorCode.CONFLICT,
          "replica of "
              + chunk
              + " on "
              + self
              + " is stale: "
              + stored.get().version()
              + " < "
              + minVersion);
    }
    if (cmp > 0) {
      // Newer than the master's committed version: bytes of a write that was never acknowledged.
      return Outcome.rejected(
          ErrorCode.CONFLICT,
          "replica of "
              + chunk
              + " on "
              + self
              + " holds "
              + stored.get().version()
              + ", not the committed "
              + minVersion
              + " (an unacknowledged write)");
    }
    return Outcome.ok(stored.get());
  }

  /**
   * Reads at most one 1 MiB message ahead of the consumer: never a whole chunk in memory. Each
   * piece is read into the same direct buffer, which the consumer is done with when it asks for the
   * next (as {@link PieceIterator} allows), and which goes back to the spare ones at close. A read
   * closed after its last piece ended well; one closed earlier (the reader went away, or a piece
   * failed) did not.
   */
  private final class Pieces implements PieceIterator {
    private final ChunkReader reader;
    private ByteBuffer buffer;
    private long position;
    private final long end;
    private boolean ended;
    private boolean closed;

    Pieces(ChunkReader reader, long start, long end) {
      this.reader = reader;
      this.position = start;
      this.end = end;
    }

    @Override
    public ChunkPiece next() {
      if (position >= end) {
        ended = true;
        return null;
      }
      long wanted = end - position;
      int max =
          (int)
              Math.min(
                  ChunkLayout.MAX_MESSAGE_BYTES,
                  ChunkLayout.blockStart(wanted - 1) + ChunkLayout.BLOCK_SIZE);
      if (buffer == null) {
        ByteBuffer spare = spareBuffers.poll();
        buffer = spare != null ? spare : ByteBuffer.allocateDirect(ChunkLayout.MAX_MESSAGE_BYTES);
      }
      ChunkPiece piece = reader.read(position, buffer.clear().limit(max));
      if (piece.length() == 0) {
        position = end;
        ended = true;
        return null;
      }
      position = piece.end();
      meter.read(piece.length());
      return piece;
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      meter.readEnded(
          ended || position >= end ? ChunkIoMeter.Result.OK : ChunkIoMeter.Result.ERROR);
      reader.close();
      if (buffer != null) {
        spareBuffers.offer(buffer);
        buffer = null;
      }
    }
  }
}
