package io.godfs.application.chunkserver;

import io.godfs.application.port.in.ReceiveChunkUseCase;
import io.godfs.application.port.out.ChunkIoMeter;
import io.godfs.application.port.out.ChunkPipeline;
import io.godfs.application.port.out.ChunkStore;
import io.godfs.application.port.out.ChunkWriter;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkPiece;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.chunk.PipelineHeader;
import io.godfs.domain.chunk.PipelineListener;
import io.godfs.domain.chunk.PipelineStream;
import io.godfs.domain.chunk.StoredChunk;
import io.godfs.domain.error.DfsError;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.node.NodeLocation;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/** Opens a write session per incoming pipeline stream and chains it to the next replica. */
final class ReceiveChunkService implements ReceiveChunkUseCase {
  private final ChunkStore store;
  private final ChunkPipeline pipeline;
  private final NodeLocation self;
  private final RecentlyStored recentlyStored;
  private final ParkedWriters parked;
  private final ChunkIoMeter meter;
  private final LongSupplier nanoTime;

  /** The write in progress per chunk (at most one holds a chunk's writer). */
  private final ConcurrentMap<ChunkId, ChunkWriteSession> active = new ConcurrentHashMap<>();

  ReceiveChunkService(
      ChunkStore store,
      ChunkPipeline pipeline,
      NodeLocation self,
      RecentlyStored recentlyStored,
      ParkedWriters parked) {
    this(store, pipeline, self, recentlyStored, parked, ChunkIoMeter.NONE, () -> 0L);
  }

  /**
   * Recording into {@code meter}, each message's time at this hop measured with {@code nanoTime}.
   */
  ReceiveChunkService(
      ChunkStore store,
      ChunkPipeline pipeline,
      NodeLocation self,
      RecentlyStored recentlyStored,
      ParkedWriters parked,
      ChunkIoMeter meter,
      LongSupplier nanoTime) {
    this.meter = meter;
    this.nanoTime = nanoTime;
    this.store = store;
    this.pipeline = pipeline;
    this.self = self;
    this.recentlyStored = recentlyStored;
    this.parked = parked;
  }

  @Override
  public PipelineStream receive(PipelineHeader header, PipelineListener upstream) {
    // A newer write of the chunk (a recovered pipeline, or a new grant) supersedes one still in
    // progress here, whose stream may not have noticed yet that its pipeline broke: stop it now so
    // its writer is parked (or released) before this write takes the chunk.
    ChunkWriteSession previous = active.get(header.chunkId());
    if (previous != null) {
      previous.cancel(
          "superseded by a newer write of " + header.chunkId() + " at " + header.version());
    }
    ChunkWriter writer;
    try {
      writer = header.isResume() ? resumedWriter(header) : newWriter(header);
    } catch (DfsException e) {
      meter.writeEnded(ChunkIoMeter.Result.ERROR);
      upstream.failed(e.error(), self);
      return NoopStream.INSTANCE;
    } catch (RuntimeException e) { // the disk or index failed: name this node
      meter.writeEnded(ChunkIoMeter.Result.ERROR);
      upstream.failed(
          LocalDiskFailure.of("opening " + header.chunkId() + " for writing", self, e), self);
      return NoopStream.INSTANCE;
    }
    ChunkWriteSession session =
        new ChunkWriteSession(header, self, writer, upstream, parked, meter, nanoTime);
    active.put(header.chunkId(), session);
    session.onRelease(() -> active.remove(header.chunkId(), session));
    if (session.downstreamNode() != null) {
      try {
        session.connectDownstream(
            pipeline.open(session.downstreamNode(), header.forNext(), session));
      } catch (RuntimeException e) {
        writer.close();
        throw e;
      }
    }
    return session;
  }

  /** A new write: any interrupted one of this chunk is superseded by the newer grant. */
  private ChunkWriter newWriter(PipelineHeader header) {
    // Versions only grow (as HDFS's generation stamps): a write at the version this node already
    // committed, or an older one, is a stale or forged writer that would change acknowledged bytes
    // under the version readers trust. A forged newer version is refused before this, where the
    // chunkserver enforces chunk access tokens: the master's write token names the one version it
    // granted (ADR 0022).
    StoredChunk held = store.describe(header.chunkId()).orElse(null);
    if (held != null && header.version().compareTo(held.version()) <= 0) {
      throw new DfsException(
          ErrorCode.CONFLICT,
          "a write of "
              + header.chunkId()
              + " at "
              + header.version()
              + " on "
              + self.id()
              + ", which holds "
              + held.version()
              + " (expected: a newer version granted by the master)");
    }
    parked.discard(header.chunkId());
    ChunkWriter writer =
        new ReportingWriter(store.openWriter(header.chunkId(), header.version()), recentlyStored);
    try {
      if (header.baseLength() != PipelineHeader.KEEP_LENGTH) {
        writer.truncate(header.baseLength()); // bytes a truncate cut off never come back
      }
      return writer;
    } catch (RuntimeException e) {
      writer.close();
      throw new DfsException(
          DfsError.of(
              ErrorCode.UNAVAILABLE,
              "cannot cut "
                  + header.chunkId()
                  + " back to "
                  + header.baseLength()
                  + " bytes on "
                  + self.id()
                  + ": "
                  + e.getMessage()),
          e);
    }
  }

  /**
   * A recovered pipeline continuing the interrupted write {@code resumeFrom}: the parked writer
   * keeps every byte this node received; if the write had already committed here (the pipeline
   * broke above this node after it published), the committed replica is the starting point. The
   * client resends everything not acknowledged, so nothing is missing either way.
   */
  private ChunkWriter resumedWriter(PipelineHeader header) {
    ChunkWriter writer = parked.take(header.chunkId(), header.resumeFrom()).orElse(null);
    if (writer == null) {
      StoredChunk stored = store.describe(header.chunkId()).orElse(null);
      if (stored == null || !stored.version().equals(header.resumeFrom())) {
        DfsError failedHere =
            parked.failureHere(header.chunkId(), header.resumeFrom()).orElse(null);
        if (failedHere != null) {
          throw new DfsException(
              DfsError.of(
                  failedHere.code(),
                  "the interrupted write of "
                      + header.chunkId()
                      + " "
                      + header.resumeFrom()
                      + " cannot continue on "
                      + self.id()
                      + ", where it failed: "
                      + failedHere.message()));
        }
        throw new DfsException(
            ErrorCode.CONFLICT,
            "no interrupted write of "
                + header.chunkId()
                + " "
                + header.resumeFrom()
                + " on "
                + self.id()
                + " to continue (it holds "
                + (stored == null ? "no replica" : stored.version())
                + ")");
      }
      writer =
          new ReportingWriter(store.openWriter(header.chunkId(), header.version()), recentlyStored);
    }
    try {
      writer.reversion(header.version());
      return writer;
    } catch (RuntimeException e) {
      writer.close();
      throw e;
    }
  }

  /** Puts every commit into the next heartbeat's incremental report. */
  private record ReportingWriter(ChunkWriter writer, RecentlyStored log) implements ChunkWriter {
    @Override
    public void write(ChunkPiece piece) {
      writer.write(piece);
    }

    @Override
    public void truncate(long length) {
      writer.truncate(length);
    }

    @Override
    public void reversion(ChunkVersion version) {
      writer.reversion(version);
    }

    @Override
    public void sync() {
      writer.sync();
    }

    @Override
    public StoredChunk commit() {
      StoredChunk stored = writer.commit();
      log.add(stored);
      return stored;
    }

    @Override
    public void close() {
      writer.close();
    }
  }

  /** The stream handed out after a refused open: ignores whatever the upstream still sends. */
  private enum NoopStream implements PipelineStream {
    INSTANCE;

    @Override
    public void send(long seq, ChunkPiece piece) {}

    @Override
    public void finish(long seq) {}

    @Override
    public void cancel(String reason) {}
  }
}
