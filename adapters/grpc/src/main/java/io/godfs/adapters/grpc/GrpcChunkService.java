package io.godfs.adapters.grpc;

import io.godfs.api.v1.ChunkServiceGrpc;
import io.godfs.api.v1.LocalChunk;
import io.godfs.api.v1.OpenLocalRequest;
import io.godfs.api.v1.ReadChunkRequest;
import io.godfs.api.v1.ReadChunkResponse;
import io.godfs.api.v1.WriteChunkAck;
import io.godfs.api.v1.WriteChunkRequest;
import io.godfs.application.port.in.ReceiveChunkUseCase;
import io.godfs.application.port.in.ServeChunkUseCase;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.chunk.PieceIterator;
import io.godfs.domain.error.DfsError;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/** The chunkserver data API over gRPC: pipelined writes and flow-controlled reads. */
public final class GrpcChunkService implements ChunkServiceGrpc.AsyncService, BindableService {
  private final ReceiveChunkUseCase receive;
  private final ServeChunkUseCase serve;

  public GrpcChunkService(ReceiveChunkUseCase receive, ServeChunkUseCase serve) {
    this.receive = receive;
    this.serve = serve;
  }

  /**
   * Binds with the aliasing marshallers for the data-carrying methods (see {@link DataMethods}).
   */
  @Override
  public ServerServiceDefinition bindService() {
    return DataMethods.bind(ChunkServiceGrpc.bindService(this));
  }

  @Override
  public StreamObserver<WriteChunkRequest> writeChunk(StreamObserver<WriteChunkAck> out) {
    return new WriteChunkInbound(receive, (ServerCallStreamObserver<WriteChunkAck>) out);
  }

  @Override
  public void openLocal(OpenLocalRequest r, StreamObserver<LocalChunk> out) {
    Calls.unary(
        out,
        () ->
            serve.local(
                new ChunkId(Calls.positive("chunk_id", r.getChunkId())),
                new ChunkVersion(Calls.positive("version", r.getVersion()))),
        local -> {
          var b =
              LocalChunk.newBuilder()
                  .setPath(local.path())
                  .setVersion(local.chunk().version().value())
                  .setLength(local.chunk().length());
          for (int crc : local.crcs()) {
            b.addCrcs(crc);
          }
          return b.build();
        });
  }

  @Override
  public void readChunk(ReadChunkRequest r, StreamObserver<ReadChunkResponse> out) {
    var call = (ServerCallStreamObserver<ReadChunkResponse>) out;
    Outcome<PieceIterator> opened;
    try {
      opened =
          serve.read(
              new ChunkId(Calls.positive("chunk_id", r.getChunkId())),
              new ChunkVersion(Calls.positive("version", r.getVersion())),
              r.getOffset(),
              r.getLength());
    } catch (DfsException e) {
      out.onError(StatusMapper.toStatus(e.error()));
      return;
    } catch (IllegalArgumentException e) {
      out.onError(StatusMapper.toStatus(DfsError.of(ErrorCode.INVALID_ARGUMENT, e.getMessage())));
      return;
    }
    switch (opened) {
      case Outcome.Rejected<PieceIterator> rejected ->
          out.onError(StatusMapper.toStatus(rejected.error()));
      case Outcome.Ok<PieceIterator> ok -> new ReadChunkOutbound(ok.value(), call).start();
    }
  }
}
