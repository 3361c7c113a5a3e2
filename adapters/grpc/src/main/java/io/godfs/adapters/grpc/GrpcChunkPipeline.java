package io.godfs.adapters.grpc;

import io.godfs.api.v1.WriteChunkAck;
import io.godfs.api.v1.WriteChunkRequest;
import io.godfs.api.v1.WriteFinish;
import io.godfs.api.v1.WriteHeader;
import io.godfs.application.port.out.ChunkPipeline;
import io.godfs.domain.chunk.ChunkPiece;
import io.godfs.domain.chunk.PipelineHeader;
import io.godfs.domain.chunk.PipelineListener;
import io.godfs.domain.chunk.PipelineStream;
import io.godfs.domain.error.DfsError;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.node.NodeLocation;
import io.grpc.CallOptions;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ClientResponseObserver;
import java.util.ArrayDeque;

/** Opens WriteChunk streams to chunkservers (client to primary, replica to the next replica). */
public final class GrpcChunkPipeline implements ChunkPipeline {
  private final ChannelPool channels;

  public GrpcChunkPipeline(ChannelPool channels) {
    this.channels = channels;
  }

  @Override
  public PipelineStream open(
      NodeLocation target, PipelineHeader header, PipelineListener listener) {
    Hop hop = new Hop(target, listener);
    var channel = channels.channel(target.address().toString());
    ClientCalls.asyncBidiStreamingCall(
        channel.newCall(DataMethods.FORWARD, CallOptions.DEFAULT), hop);
    WriteHeader.Builder h =
        WriteHeader.newBuilder()
            .setChunkId(header.chunkId().value())
            .setVersion(header.version().value())
            .setChunkSize(header.chunkSize())
            .setHop(header.hop())
            .addAllDownstream(header.downstream().stream().map(ProtoMapper::toProto).toList());
    if (header.baseLength() != PipelineHeader.KEEP_LENGTH) {
      h.setBaseLength(header.baseLength());
    }
    if (header.isResume()) {
      h.setResumeFromVersion(header.resumeFrom().value());
    }
    h.setAccessToken(ProtoMapper.toProto(header.token()));
    hop.send(WriteChunkRequest.newBuilder().setHeader(h).build());
    return hop;
  }

  /**
   * One stream to one node; calls from the sender and cancels from other threads are serialised.
   */
  private static final class Hop
      implements PipelineStream, ClientResponseObserver<Object, WriteChunkAck> {
    private final NodeLocation target;
    private final PipelineListener listener;

    /** Forwards of received pieces not yet acked: their buffers go when the ack comes. */
    private final ArrayDeque<HeldForward> unacked = new ArrayDeque<>();

    private ClientCallStreamObserver<Object> requests;
    private boolean closed;
    private boolean cancelled;
    private boolean reported;

    Hop(NodeLocation target, PipelineListener listener) {
      this.target = target;
      this.listener = listener;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<Object> requestStream) {
      this.requests = requestStream;
    }

    synchronized void send(Object message) {
      if (!closed) {
        requests.onNext(message);
      }
    }

    @Override
    public void send(long seq, ChunkPiece piece) {
      HeldForward held = DataMethods.WRITE_REQUESTS.forward(seq, piece);
      if (held == null) {
        send(WriteChunkRequest.newBuilder().setData(ProtoMapper.toProto(seq, piece)).build());
        return;
      }
      synchronized (this) {
        unacked.addLast(held);
      }
      send(held);
    }

    /** Up to {@code seq}, the next replica has every piece: no forward of them is written again. */
    private synchronized void releaseUpTo(long seq) {
      while (!unacked.isEmpty() && unacked.peekFirst().seq() <= seq) {
        unacked.removeFirst().acked();
      }
    }

    @Override
    public synchronized void finish(long seq) {
      if (!closed) {
        requests.onNext(
            WriteChunkRequest.newBuilder().setFinish(WriteFinish.newBuilder().setSeq(seq)).build());
        requests.onCompleted();
        closed = true;
      }
    }

    /** Also after finish: a writer that stops waiting for the fsync must end the call. */
    @Override
    public synchronized void cancel(String reason) {
      if (!cancelled && !reported) {
        closed = true;
        cancelled = true;
        requests.onError(Status.CANCELLED.withDescription(reason).asRuntimeException());
      }
    }

    @Override
    public void onNext(WriteChunkAck ack) {
      releaseUpTo(ack.getSeq());
      if (ack.getFinished()) {
        report(() -> listener.finished(ack.getSeq(), ack.getChunkLength()));
      } else {
        listener.acked(ack.getSeq());
      }
    }

    @Override
    public void onError(Throwable t) {
      NodeLocation failed = StatusMapper.failedNode(t);
      DfsError error = StatusMapper.toError(t, "chunkserver " + target);
      report(() -> listener.failed(error, failed != null ? failed : target));
    }

    @Override
    public void onCompleted() {
      report(
          () ->
              listener.failed(
                  DfsError.of(
                      ErrorCode.UNAVAILABLE,
                      "chunkserver " + target + " ended the write without finishing it"),
                  target));
    }

    /** The first terminal event wins: a finished write is not failed by the stream's end. */
    private void report(Runnable terminal) {
      synchronized (this) {
        // Ended, the call writes nothing more; what gRPC still holds of it is released when
        // collected (HeldForward), never here: a write may be copying it this very moment.
        unacked.clear();
        if (reported) {
          return;
        }
        reported = true;
      }
      terminal.run();
    }
  }
}
