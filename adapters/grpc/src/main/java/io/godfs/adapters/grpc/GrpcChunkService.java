package io.godfs.adapters.grpc;

import io.godfs.api.v1.ChunkServiceGrpc;
import io.godfs.api.v1.LocalChunk;
import io.godfs.api.v1.OpenLocalRequest;
import io.godfs.api.v1.ReadChunkRequest;
import io.godfs.api.v1.ReadChunkResponse;
import io.godfs.api.v1.WriteChunkAck;
import io.godfs.api.v1.WriteChunkRequest;
import io.godfs.application.port.in.ChunkAccessUseCase;
import io.godfs.application.port.in.ReceiveChunkUseCase;
import io.godfs.application.port.in.ServeChunkUseCase;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkOperation;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.chunk.PieceIterator;
import io.godfs.domain.chunk.SignedChunkToken;
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
  private final ChunkAccessUseCase access;

  /** A chunkserver that checks no chunk access tokens. */
  public GrpcChunkService(ReceiveChunkUseCase receive, ServeChunkUseCase serve) {
    this(receive, serve, ChunkAccessUseCase.open());
  }

  /**
   * {@code access} checks the chunk access token of every read, write and short-circuit open before
   * the use cases see the call (ADR 0022).
   */
  public GrpcChunkService(
      ReceiveChunkUseCase receive, ServeChunkUseCase serve, ChunkAccessUseCase access) {
    this.receive = receive;
    this.serve = serve;
    this.access = access;
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
    return new WriteChunkInbound(receive, access, (ServerCallStreamObserver<WriteChunkAck>) out);
  }

  @Override
  public void openLocal(OpenLocalRequest r, StreamObserver<LocalChunk> out) {
    Calls.unary(
        out,
        () -> {
          var chunk = new ChunkId(Calls.positive("chunk_id", r.getChunkId()));
          var version = new ChunkVersion(Calls.positive("version", r.getVersion()));
          return access
              .admit(ProtoMapper.toToken(r.getAccessToken()), chunk, version, ChunkOperation.READ)
              .flatMap(ok -> serve.local(chunk, version));
        },
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
    // The call takes PieceMessages too (DataMethods.READ's marshaller writes them).
    @SuppressWarnings("unchecked")
    var call = (ServerCallStreamObserver<Object>) (ServerCallStreamObserver<?>) out;
    Outcome<PieceIterator> opened;
    try {
      var chunk = new ChunkId(Calls.positive("chunk_id", r.getChunkId()));
      var version = new ChunkVersion(Calls.positive("version", r.getVersion()));
      opened =
          admitRead(ProtoMapper.toToken(r.getAccessToken()), chunk, version)
              .flatMap(ok -> serve.read(chunk, version, r.getOffset(), r.getLength()));
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

  /**
   * A read needs a read token, or the replicate token of a copy the master ordered (another
   * chunkserver reading this replica as its source).
   */
  private Outcome<Void> admitRead(SignedChunkToken token, ChunkId chunk, ChunkVersion version) {
    Outcome<Void> read = access.admit(token, chunk, version, ChunkOperation.READ);
    if (read instanceof Outcome.Rejected<Void> refused
        && refused.error().code() == ErrorCode.PERMISSION_DENIED
        && access.admit(token, chunk, version, ChunkOperation.REPLICATE)
            instanceof Outcome.Ok<Void> copy) {
      return copy;
    }
    return read;
  }
}
