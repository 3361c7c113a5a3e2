package io.godfs.bootstrap.e2e;

import com.google.protobuf.ByteString;
import io.godfs.api.v1.ChunkServiceGrpc;
import io.godfs.api.v1.ReadChunkRequest;
import io.godfs.api.v1.WriteChunkAck;
import io.godfs.api.v1.WriteChunkRequest;
import io.godfs.api.v1.WriteFinish;
import io.godfs.api.v1.WriteHeader;
import io.godfs.domain.chunk.LocatedChunk;
import io.godfs.domain.chunk.SignedChunkToken;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Calls straight to a chunkserver's port, as a client that bypasses the SDK would make them: a
 * ReadChunk, and a WriteChunk that overwrites a replica with 0 bytes. Each answers how the call
 * ended.
 */
final class ChunkPortCalls {
  private ChunkPortCalls() {}

  static Status read(ManagedChannel channel, LocatedChunk chunk, SignedChunkToken token) {
    try {
      ChunkServiceGrpc.newBlockingStub(channel)
          .withDeadlineAfter(30, TimeUnit.SECONDS)
          .readChunk(
              ReadChunkRequest.newBuilder()
                  .setChunkId(chunk.chunkId().value())
                  .setVersion(chunk.version().value())
                  .setLength(1024)
                  .setAccessToken(ByteString.copyFrom(token.bytes()))
                  .build())
          .forEachRemaining(r -> {});
      return Status.OK;
    } catch (StatusRuntimeException e) {
      return e.getStatus();
    }
  }

  /** A truncating overwrite (base length 0) of {@code chunk} at its committed version. */
  static Status overwrite(ManagedChannel channel, LocatedChunk chunk, SignedChunkToken token)
      throws Exception {
    CompletableFuture<Status> end = new CompletableFuture<>();
    StreamObserver<WriteChunkRequest> out =
        ChunkServiceGrpc.newStub(channel)
            .withDeadlineAfter(30, TimeUnit.SECONDS)
            .writeChunk(
                new StreamObserver<>() {
                  @Override
                  public void onNext(WriteChunkAck ack) {}

                  @Override
                  public void onError(Throwable e) {
                    end.complete(Status.fromThrowable(e));
                  }

                  @Override
                  public void onCompleted() {
                    end.complete(Status.OK);
                  }
                });
    out.onNext(
        WriteChunkRequest.newBuilder()
            .setHeader(
                WriteHeader.newBuilder()
                    .setChunkId(chunk.chunkId().value())
                    .setVersion(chunk.version().value())
                    .setChunkSize(MatrixCluster.CHUNK)
                    .setBaseLength(0)
                    .setAccessToken(ByteString.copyFrom(token.bytes())))
            .build());
    out.onNext(
        WriteChunkRequest.newBuilder().setFinish(WriteFinish.newBuilder().setSeq(0)).build());
    out.onCompleted();
    return end.get(30, TimeUnit.SECONDS);
  }
}
