package io.godfs.adapters.grpc;

import io.godfs.api.v1.WriteChunkAck;
import io.godfs.api.v1.WriteChunkRequest;
import io.godfs.api.v1.WriteHeader;
import io.godfs.application.port.in.ChunkAccessUseCase;
import io.godfs.application.port.in.ReceiveChunkUseCase;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkLayout;
import io.godfs.domain.chunk.ChunkOperation;
import io.godfs.domain.chunk.ChunkPiece;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.chunk.PipelineHeader;
import io.godfs.domain.chunk.PipelineListener;
import io.godfs.domain.chunk.PipelineStream;
import io.godfs.domain.error.DfsError;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.node.NodeLocation;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/**
 * One incoming pipelined write: the first message must be the header, then data and a finish. Acks
 * from the write session are sent upstream (the session serialises them). If the stream ends or
 * breaks without a finish, the session is cancelled so nothing uncommitted survives.
 *
 * <p>A data message may leave its bytes in the network buffers it arrived in ({@link
 * WriteRequestMarshaller}): the piece is verified, forwarded and stored from them, and they are
 * released when that is done (a forward not yet sent holds them until it is).
 */
final class WriteChunkInbound implements StreamObserver<WriteChunkRequest>, PipelineListener {
  private final ReceiveChunkUseCase receive;
  private final ChunkAccessUseCase access;
  private final ServerCallStreamObserver<WriteChunkAck> out;
  private PipelineStream session;
  private boolean finishing;
  private volatile boolean ended;

  WriteChunkInbound(
      ReceiveChunkUseCase receive,
      ChunkAccessUseCase access,
      ServerCallStreamObserver<WriteChunkAck> out) {
    this.receive = receive;
    this.access = access;
    this.out = out;
    // A call can end with no further inbound event: closed by this side after a failure (gRPC then
    // drops what the client still sends), or cancelled after the client's half-close. Release the
    // session then too; gRPC runs both handlers serialised with onNext, so the writer stays
    // single-threaded. A committed session ignores the cancel.
    out.setOnCloseHandler(() -> cancelSession("the write stream was closed"));
    out.setOnCancelHandler(() -> cancelSession("the upstream cancelled the write"));
  }

  private void cancelSession(String reason) {
    if (session != null) {
      session.cancel(reason);
    }
  }

  @Override
  public void onNext(WriteChunkRequest request) {
    WriteRequestMarshaller.Received received = DataMethods.WRITE_REQUESTS.take(request);
    try {
      handle(request, received);
    } finally {
      if (received != null) {
        received.buffers().release(); // a forward still being sent holds them on its own
      }
    }
  }

  private void handle(WriteChunkRequest request, WriteRequestMarshaller.Received received) {
    if (ended) {
      return;
    }
    switch (request.getKindCase()) {
      case HEADER -> {
        if (session != null) {
          failed(
              DfsError.of(ErrorCode.INVALID_ARGUMENT, "second header in one write stream"), null);
          return;
        }
        WriteHeader h = request.getHeader();
        try {
          if (h.getChunkSize() < 1 || h.getChunkSize() > ChunkLayout.MAX_CHUNK_SIZE) {
            throw new IllegalArgumentException(
                "chunk_size : "
                    + h.getChunkSize()
                    + " (expected: 1-"
                    + ChunkLayout.MAX_CHUNK_SIZE
                    + ")");
          }
          PipelineHeader header =
              new PipelineHeader(
                  new ChunkId(h.getChunkId()),
                  new ChunkVersion(h.getVersion()),
                  h.getChunkSize(),
                  ProtoMapper.locations(h.getDownstreamList()),
                  h.hasBaseLength() ? h.getBaseLength() : PipelineHeader.KEEP_LENGTH,
                  h.getResumeFromVersion() == 0 ? null : new ChunkVersion(h.getResumeFromVersion()),
                  ProtoMapper.toToken(h.getAccessToken()),
                  h.getHop());
          // The token names the version being written: a made-up newer one is refused here,
          // on every hop, before a byte is stored (ADR 0022).
          if (access.admit(header.token(), header.chunkId(), header.version(), ChunkOperation.WRITE)
              instanceof Outcome.Rejected<Void> refused) {
            failed(refused.error(), null);
            return;
          }
          session = receive.receive(header, this);
        } catch (IllegalArgumentException e) {
          failed(
              DfsError.of(ErrorCode.INVALID_ARGUMENT, "bad write header: " + e.getMessage()), null);
        }
      }
      case DATA -> {
        if (session == null) {
          failed(DfsError.of(ErrorCode.INVALID_ARGUMENT, "data before the write header"), null);
          return;
        }
        var data = request.getData();
        ChunkPiece piece = received != null ? received.piece() : ProtoMapper.toPiece(data);
        if (piece.length() > ChunkLayout.MAX_MESSAGE_BYTES) {
          failed(
              DfsError.of(
                  ErrorCode.INVALID_ARGUMENT,
                  "data message of "
                      + piece.length()
                      + " bytes (expected: at most "
                      + ChunkLayout.MAX_MESSAGE_BYTES
                      + ")"),
              null);
          session.cancel("oversized message");
          return;
        }
        if (received != null) {
          DataMethods.WRITE_REQUESTS.handling(piece, received.buffers());
        }
        try {
          session.send(data.getSeq(), piece);
        } catch (IllegalArgumentException e) {
          failed(
              DfsError.of(ErrorCode.INVALID_ARGUMENT, "bad data message: " + e.getMessage()), null);
          session.cancel("bad message");
        } finally {
          DataMethods.WRITE_REQUESTS.handled(piece);
        }
      }
      case FINISH -> {
        if (session == null) {
          failed(DfsError.of(ErrorCode.INVALID_ARGUMENT, "finish before the write header"), null);
          return;
        }
        finishing = true;
        session.finish(request.getFinish().getSeq());
      }
      case KIND_NOT_SET ->
          failed(DfsError.of(ErrorCode.INVALID_ARGUMENT, "empty write message"), null);
    }
  }

  @Override
  public void onError(Throwable t) {
    if (session != null) {
      session.cancel("upstream broke: " + t.getMessage());
    }
    ended = true;
  }

  @Override
  public void onCompleted() {
    if (!finishing) {
      if (session != null) {
        session.cancel("upstream closed without finishing");
      }
      // Nothing more can arrive: end the call, or it stays open with the upstream waiting.
      failed(DfsError.of(ErrorCode.INVALID_ARGUMENT, "write stream closed without a finish"), null);
    }
  }

  // ---- acks from the session, already serialised by it

  @Override
  public synchronized void acked(long seq) {
    if (!ended) {
      out.onNext(WriteChunkAck.newBuilder().setSeq(seq).build());
    }
  }

  @Override
  public synchronized void finished(long seq, long chunkLength) {
    if (!ended) {
      ended = true;
      out.onNext(
          WriteChunkAck.newBuilder()
              .setSeq(seq)
              .setFinished(true)
              .setChunkLength(chunkLength)
              .build());
      out.onCompleted();
    }
  }

  @Override
  public void failed(DfsError error, NodeLocation failedNode) {
    synchronized (this) {
      if (ended) {
        return;
      }
      ended = true;
    }
    out.onError(StatusMapper.toStatus(error, failedNode));
  }
}
