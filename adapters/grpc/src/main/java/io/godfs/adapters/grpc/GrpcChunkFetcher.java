package io.godfs.adapters.grpc;

import io.godfs.api.v1.ChunkServiceGrpc;
import io.godfs.api.v1.LocalChunk;
import io.godfs.api.v1.OpenLocalRequest;
import io.godfs.api.v1.ReadChunkRequest;
import io.godfs.application.port.out.ChunkFetcher;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.chunk.PieceIterator;
import io.godfs.domain.chunk.SignedChunkToken;
import io.godfs.domain.node.NodeLocation;
import io.grpc.CallOptions;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
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
    ChunkReadStream stream = new ChunkReadStream(node, timeout);
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
}
