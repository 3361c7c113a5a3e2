package io.godfs.adapters.grpc;

import io.godfs.api.v1.ReadChunkRequest;
import io.godfs.api.v1.ReadChunkResponse;
import io.godfs.domain.chunk.ChunkPiece;
import io.godfs.domain.chunk.PieceIterator;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.node.NodeLocation;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One ReadChunk call's answers as pieces, with manual flow control: {@value
 * GrpcChunkFetcher#READ_AHEAD} pieces are requested ahead and one more each time the consumer takes
 * one. A piece's bytes stay in the network buffers they arrived in ({@link ReceivedPiece}) until
 * the consumer asks for the next piece or closes the stream, as {@link PieceIterator} allows; then
 * they go back to gRPC's pool. Before, each 1 MiB piece was copied into a fresh array when parsed.
 */
final class ChunkReadStream
    implements PieceIterator, ClientResponseObserver<ReadChunkRequest, Object> {
  private static final Object END = new Object();
  private final NodeLocation node;
  private final Duration timeout;
  private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private ClientCallStreamObserver<ReadChunkRequest> call;
  private boolean ended;

  /** Set once the consumer closed: answers arriving later are released at once. */
  private boolean closed;

  /** The buffers of the piece the consumer holds now. */
  private HeldBuffers handedOut;

  ChunkReadStream(NodeLocation node, Duration timeout) {
    this.node = node;
    this.timeout = timeout;
  }

  @Override
  public void beforeStart(ClientCallStreamObserver<ReadChunkRequest> requestStream) {
    call = requestStream;
    requestStream.disableAutoRequestWithInitial(GrpcChunkFetcher.READ_AHEAD);
  }

  @Override
  public void onNext(Object answer) {
    Object item =
        answer instanceof ReadChunkResponse r
            ? new ChunkPiece(
                r.getOffsetInChunk(),
                r.getData().asReadOnlyByteBuffer(),
                ProtoMapper.toInts(r.getCrcsList()))
            : answer;
    offer(item);
  }

  @Override
  public void onError(Throwable t) {
    offer(StatusMapper.toException(t, "chunkserver " + node));
  }

  @Override
  public void onCompleted() {
    offer(END);
  }

  private synchronized void offer(Object item) {
    if (closed) {
      release(item);
    } else {
      queue.add(item);
    }
  }

  @Override
  public ChunkPiece next() {
    releaseHandedOut();
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
    if (item instanceof ReceivedPiece received) {
      handedOut = received.buffers();
      return received.piece();
    }
    return (ChunkPiece) item;
  }

  @Override
  public void close() {
    releaseHandedOut();
    if (!ended) {
      ended = true;
      call.cancel("reader closed the stream", null);
    }
    synchronized (this) {
      closed = true;
      for (Object item; (item = queue.poll()) != null; ) {
        release(item);
      }
    }
  }

  private void releaseHandedOut() {
    if (handedOut != null) {
      handedOut.release();
      handedOut = null;
    }
  }

  private static void release(Object item) {
    if (item instanceof ReceivedPiece received) {
      received.buffers().release();
    }
  }
}
