package io.godfs.adapters.grpc;

import io.godfs.domain.chunk.ChunkPiece;
import io.godfs.domain.chunk.PieceIterator;
import io.godfs.domain.error.DfsException;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;

/**
 * Streams a replica's pieces honouring gRPC flow control: a piece is read from disk only when the
 * transport is ready for it, so a slow reader never fills the chunkserver's heap. Each piece goes
 * out as a {@link PieceMessage} written from the buffer it was read into, which gRPC copies into
 * its frames before {@code onNext} returns: the next piece may then reuse that buffer.
 */
final class ReadChunkOutbound {
  private final PieceIterator pieces;
  private final ServerCallStreamObserver<Object> out;
  private boolean done;

  ReadChunkOutbound(PieceIterator pieces, ServerCallStreamObserver<Object> out) {
    this.pieces = pieces;
    this.out = out;
  }

  void start() {
    out.setOnCancelHandler(this::finish);
    out.setOnReadyHandler(this::pump);
    pump();
  }

  private synchronized void pump() {
    try {
      while (!done && out.isReady()) {
        ChunkPiece piece = pieces.next();
        if (piece == null) {
          finish();
          out.onCompleted();
          return;
        }
        out.onNext(PieceMessage.readAnswer(piece));
      }
    } catch (DfsException e) {
      finish();
      out.onError(StatusMapper.toStatus(e.error()));
    } catch (RuntimeException e) {
      finish();
      out.onError(
          Status.INTERNAL.withDescription("read failed: " + e.getMessage()).asRuntimeException());
    }
  }

  private synchronized void finish() {
    if (!done) {
      done = true;
      pieces.close();
    }
  }
}
