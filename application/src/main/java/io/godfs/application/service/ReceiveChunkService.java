package io.godfs.application.service;

import io.godfs.application.port.in.ReceiveChunkUseCase;
import io.godfs.application.port.out.ChunkPipeline;
import io.godfs.application.port.out.ChunkStore;
import io.godfs.application.port.out.ChunkWriter;
import io.godfs.domain.chunk.PipelineHeader;
import io.godfs.domain.chunk.PipelineListener;
import io.godfs.domain.chunk.PipelineStream;
import io.godfs.domain.error.DfsError;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.node.NodeLocation;

/** Opens a write session per incoming pipeline stream and chains it to the next replica. */
final class ReceiveChunkService implements ReceiveChunkUseCase {
  private final ChunkStore store;
  private final ChunkPipeline pipeline;
  private final NodeLocation self;
  private final RecentlyStored recentlyStored;

  ReceiveChunkService(ChunkStore store, ChunkPipeline pipeline, NodeLocation self, RecentlyStored recentlyStored) {
    this.store = store;
    this.pipeline = pipeline;
    this.self = self;
    this.recentlyStored = recentlyStored;
  }

  @Override
  public PipelineStream receive(PipelineHeader header, PipelineListener upstream) {
    ChunkWriter writer;
    try {
      writer = new ReportingWriter(store.openWriter(header.chunkId(), header.version()), recentlyStored);
    } catch (DfsException e) {
      upstream.failed(e.error(), self);
      return NoopStream.INSTANCE;
    } catch (RuntimeException e) { // the disk or index failed: name this node
      upstream.failed(DfsError.of(ErrorCode.UNAVAILABLE, "cannot open " + header.chunkId() + " for writing on "
          + self.id() + ": " + e.getMessage()), self);
      return NoopStream.INSTANCE;
    }
    try {
      if (header.baseLength() != PipelineHeader.KEEP_LENGTH) {
        writer.truncate(header.baseLength()); // bytes a truncate cut off never come back
      }
    } catch (RuntimeException e) {
      writer.close();
      upstream.failed(DfsError.of(ErrorCode.UNAVAILABLE, "cannot cut " + header.chunkId() + " back to "
          + header.baseLength() + " bytes on " + self.id() + ": " + e.getMessage()), self);
      return NoopStream.INSTANCE;
    }
    ChunkWriteSession session = new ChunkWriteSession(header, self, writer, upstream);
    if (session.downstreamNode() != null) {
      try {
        session.connectDownstream(pipeline.open(session.downstreamNode(), header.forNext(), session));
      } catch (RuntimeException e) {
        writer.close();
        throw e;
      }
    }
    return session;
  }

  /** Puts every commit into the next heartbeat's incremental report. */
  private record ReportingWriter(ChunkWriter writer, RecentlyStored log) implements ChunkWriter {
    @Override
    public void write(io.godfs.domain.chunk.ChunkPiece piece) {
      writer.write(piece);
    }

    @Override
    public void truncate(long length) {
      writer.truncate(length);
    }

    @Override
    public void sync() {
      writer.sync();
    }

    @Override
    public io.godfs.domain.chunk.StoredChunk commit() {
      io.godfs.domain.chunk.StoredChunk stored = writer.commit();
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
    public void send(long seq, io.godfs.domain.chunk.ChunkPiece piece) {}

    @Override
    public void finish(long seq) {}

    @Override
    public void cancel(String reason) {}
  }
}
