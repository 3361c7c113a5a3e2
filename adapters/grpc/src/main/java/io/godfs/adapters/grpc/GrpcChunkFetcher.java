package io.godfs.adapters.grpc;

import io.godfs.api.v1.ChunkServiceGrpc;
import io.godfs.api.v1.LocalChunk;
import io.godfs.api.v1.OpenLocalRequest;
import io.godfs.api.v1.ReadChunkRequest;
import io.godfs.api.v1.ReadChunkResponse;
import io.godfs.application.port.out.ChunkFetcher;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkPiece;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.chunk.PieceIterator;
import io.godfs.domain.chunk.SignedChunkToken;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.node.NodeLocation;
import io.grpc.CallOptions;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ClientResponseObserver;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads chunk pieces. A replica on this machine is read straight from its file when allowed
 * (short-circuit, as HDFS does for co-located clients); otherwise it streams with manual flow
 * control: {@value #READ_AHEAD} pieces are requested ahead and one more each time the consumer
 * takes one, so reading overlaps the network without buffering a whole chunk.
 */
public final class GrpcChunkFetcher implements ChunkFetcher {
  static final int READ_AHEAD = 8;
  private final ChannelPool channels;
  private final Duration timeout;
  private final boolean localReads;

  /**
   * {@code localReads}: read replicas on this machine straight from their files (short-circuit).
   */
  public GrpcChunkFetcher(ChannelPool channels, Duration timeout, boolean localReads) {
    this.channels = channels;
    this.timeout = timeout;
    this.localReads = localReads;
  }

  @Override
  public PieceIterator fetch(
      NodeLocation node, ChunkId chunk, ChunkVersion version, long offset, long length) {
    return fetch(node, chunk, version, offset, length, SignedChunkToken.NONE);
  }

  /** Presents {@code token} with the read or the short-circuit open (ADR 0022). */
  @Override
  public PieceIterator fetch(
      NodeLocation node,
      ChunkId chunk,
      ChunkVersion version,
      long offset,
      long length,
      SignedChunkToken token) {
    if (localReads && LocalHosts.isLocal(node.address().host())) {
      PieceIterator local = openLocal(node, chunk, version, offset, length, token);
      if (local != null) {
        return local;
      }
    }
    return stream(node, chunk, version, offset, length, token);
  }

  private PieceIterator stream(
      NodeLocation node,
      ChunkId chunk,
      ChunkVersion version,
      long offset,
      long length,
      SignedChunkToken token) {
    Stream stream = new Stream(node, timeout);
    var channel = channels.channel(node.address().toString());
    ClientCalls.asyncServerStreamingCall(
        channel.newCall(DataMethods.READ, CallOptions.DEFAULT),
        ReadChunkRequest.newBuilder()
            .setChunkId(chunk.value())
            .setVersion(version.value())
            .setOffset(offset)
            .setLength(length)
            .setAccessToken(ProtoMapper.toProto(token))
            .build(),
        stream);
    return stream;
  }

  /** A short-circuit reader, or null when the file is not readable from here (then stream it). */
  private PieceIterator openLocal(
      NodeLocation node,
      ChunkId chunk,
      ChunkVersion version,
      long offset,
      long length,
      SignedChunkToken token) {
    LocalChunk local;
    try {
      local =
          ChunkServiceGrpc.newBlockingStub(channels.channel(node.address().toString()))
              .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
              .openLocal(
                  OpenLocalRequest.newBuilder()
                      .setChunkId(chunk.value())
                      .setVersion(version.value())
                      .setAccessToken(ProtoMapper.toProto(token))
                      .build());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED
          || e.getStatus().getCode() == Status.Code.UNAVAILABLE) {
        return null; // an older chunkserver, or one without plain files: use the network
      }
      throw StatusMapper.toException(e, "chunkserver " + node);
    }
    FileChannel file;
    try {
      file = FileChannel.open(Path.of(local.getPath()), StandardOpenOption.READ);
    } catch (IOException | RuntimeException e) {
      return null; // same address, other machine or container: the file is not ours to read
    }
    try {
      return new LocalPieces(
          file,
          ProtoMapper.toInts(local.getCrcsList()),
          local.getLength(),
          offset,
          length,
          local.getPath() + " (" + chunk + " of " + node + ")",
          (from, n) -> stream(node, chunk, version, from, n, token));
    } catch (RuntimeException e) {
      closeQuietly(file);
      throw e;
    }
  }

  private static void closeQuietly(FileChannel file) {
    try {
      file.close();
    } catch (IOException ignored) {
      // A read-only channel that fails to close loses nothing.
    }
  }

  private static final class Stream
      implements PieceIterator, ClientResponseObserver<ReadChunkRequest, ReadChunkResponse> {
    private static final Object END = new Object();
    private final NodeLocation node;
    private final Duration timeout;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private ClientCallStreamObserver<ReadChunkRequest> call;
    private boolean ended;

    Stream(NodeLocation node, Duration timeout) {
      this.node = node;
      this.timeout = timeout;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<ReadChunkRequest> requestStream) {
      call = requestStream;
      requestStream.disableAutoRequestWithInitial(READ_AHEAD);
    }

    @Override
    public void onNext(ReadChunkResponse r) {
      queue.add(
          new ChunkPiece(
              r.getOffsetInChunk(),
              r.getData().asReadOnlyByteBuffer(),
              ProtoMapper.toInts(r.getCrcsList())));
    }

    @Override
    public void onError(Throwable t) {
      queue.add(StatusMapper.toException(t, "chunkserver " + node));
    }

    @Override
    public void onCompleted() {
      queue.add(END);
    }

    @Override
    public ChunkPiece next() {
      if (ended) {
        return null;
      }
      Object item;
      try {
        item = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DfsException(ErrorCode.UNAVAILABLE, "interrupted while reading from " + node);
      }
      if (item == null) {
        close();
        throw new DfsException(
            ErrorCode.UNAVAILABLE, "no data from chunkserver " + node + " for " + timeout);
      }
      if (item == END) {
        ended = true;
        return null;
      }
      if (item instanceof DfsException e) {
        ended = true;
        throw e;
      }
      call.request(1);
      return (ChunkPiece) item;
    }

    @Override
    public void close() {
      if (!ended) {
        ended = true;
        call.cancel("reader closed the stream", null);
      }
      queue.clear();
    }
  }
}
