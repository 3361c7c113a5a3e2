package io.godfs.bootstrap.e2e;

import com.google.protobuf.ByteString;
import io.godfs.api.v1.ChunkServiceGrpc;
import io.godfs.api.v1.OpenLocalRequest;
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
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Calls straight to a chunkserver's port, as a client that bypasses the SDK would make them: a
 * ReadChunk, a short-circuit OpenLocal, and a WriteChunk that sends no bytes (an overwrite, a
 * truncate, a write at a version of its choosing). Each answers how the call ended.
 */
public final class ChunkPortCalls {
  private ChunkPortCalls() {}

  public static Status read(ManagedChannel channel, LocatedChunk chunk, SignedChunkToken token) {
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

  /** The short-circuit open of {@code chunk}'s file on the chunkserver's own disk. */
  public static Status openLocal(
      ManagedChannel channel, LocatedChunk chunk, SignedChunkToken token) {
    try {
      ChunkServiceGrpc.newBlockingStub(channel)
          .withDeadlineAfter(30, TimeUnit.SECONDS)
          .openLocal(
              OpenLocalRequest.newBuilder()
                  .setChunkId(chunk.chunkId().value())
                  .setVersion(chunk.version().value())
                  .setAccessToken(ByteString.copyFrom(token.bytes()))
                  .build());
      return Status.OK;
    } catch (StatusRuntimeException e) {
      return e.getStatus();
    }
  }

  /** A truncating overwrite (base length 0) of {@code chunk} at its committed version. */
  public static Status overwrite(ManagedChannel channel, LocatedChunk chunk, SignedChunkToken token)
      throws Exception {
    return write(
        channel, chunk, chunk.version().value(), OptionalLong.of(0), MatrixCluster.CHUNK, token);
  }

  /**
   * A WriteChunk of {@code chunk} (of a file whose chunks are {@code chunkSize} bytes) at {@code
   * version}, from {@code baseLength} when given, that sends no bytes.
   */
  public static Status write(
      ManagedChannel channel,
      LocatedChunk chunk,
      long version,
      OptionalLong baseLength,
      int chunkSize,
      SignedChunkToken token)
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
    WriteHeader.Builder header =
        WriteHeader.newBuilder()
            .setChunkId(chunk.chunkId().value())
            .setVersion(version)
            .setChunkSize(chunkSize)
            .setAccessToken(ByteString.copyFrom(token.bytes()));
    baseLength.ifPresent(header::setBaseLength);
    out.onNext(WriteChunkRequest.newBuilder().setHeader(header).build());
    out.onNext(
        WriteChunkRequest.newBuilder().setFinish(WriteFinish.newBuilder().setSeq(0)).build());
    out.onCompleted();
    return end.get(30, TimeUnit.SECONDS);
  }

  /** The same token with its last byte (the MAC's) changed. */
  public static SignedChunkToken tampered(SignedChunkToken token) {
    byte[] bytes = token.bytes().clone();
    bytes[bytes.length - 1] ^= 1;
    return SignedChunkToken.of(bytes);
  }
}
