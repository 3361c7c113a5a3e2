package io.godfs.application.fake;

import io.godfs.application.chunkserver.ChunkserverServices;
import io.godfs.application.port.in.ReceiveChunkUseCase;
import io.godfs.application.port.out.ChunkFetcher;
import io.godfs.application.port.out.ChunkPipeline;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkPiece;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.chunk.PieceIterator;
import io.godfs.domain.chunk.PipelineHeader;
import io.godfs.domain.chunk.PipelineListener;
import io.godfs.domain.chunk.PipelineStream;
import io.godfs.domain.error.DfsError;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.node.NodeLocation;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * {@link ChunkPipeline} and {@link ChunkFetcher} between chunkservers of this process, with no
 * network: {@link #open} drives the target's {@link ReceiveChunkUseCase} session and {@link #fetch}
 * returns its served pieces (a refusal is thrown as the DfsException). It passes {@code
 * ChunkTransferContract}.
 *
 * <p>Everything runs on the caller's thread, acks and the terminal event included, possibly before
 * {@code open} returns. Like the gRPC transport, once a stream has ended nothing more reaches its
 * session, a stream that ended without a commit has its session cancelled (its writer released),
 * and a cancel by the writer ends the stream with a failure. A location that was never {@link #add
 * added}, or was {@link #remove removed}, is unreachable: UNAVAILABLE naming it.
 *
 * <p>Chunkservers need the transfer to reach each other, so build it first: {@code transfer.add(
 * self, ChunkserverServices.create(store, transfer, self, System::nanoTime))}.
 */
public final class DirectChunkTransfer implements ChunkPipeline, ChunkFetcher {
  private final ConcurrentMap<NodeLocation, ChunkserverServices> nodes = new ConcurrentHashMap<>();

  public void add(NodeLocation location, ChunkserverServices services) {
    if (nodes.putIfAbsent(location, services) != null) {
      throw new IllegalStateException(
          "chunkserver " + location + " : added twice (expected: once)");
    }
  }

  /** Makes {@code location} unreachable from now on, as a crash would; open streams run on. */
  public void remove(NodeLocation location) {
    nodes.remove(location);
  }

  @Override
  public PipelineStream open(
      NodeLocation target, PipelineHeader header, PipelineListener listener) {
    Call call = new Call(target, listener);
    ChunkserverServices node = nodes.get(target);
    if (node == null) {
      call.end(DfsError.of(ErrorCode.UNAVAILABLE, unreachable(target)), target);
    } else {
      call.start(node.receive(), header);
    }
    return call;
  }

  @Override
  public PieceIterator fetch(
      NodeLocation node, ChunkId chunk, ChunkVersion version, long offset, long length) {
    ChunkserverServices services = nodes.get(node);
    if (services == null) {
      throw new DfsException(ErrorCode.UNAVAILABLE, unreachable(node));
    }
    return services.serve().read(chunk, version, offset, length).orThrow();
  }

  private static String unreachable(NodeLocation node) {
    return "cannot reach chunkserver " + node + " (not running in this process)";
  }

  /**
   * One write stream to one node: the writer's {@link PipelineStream} and the listener of the
   * node's session. Flags are guarded by the monitor; the session and the upstream are called
   * outside it. A session that ends itself while being called is cancelled once the call returns,
   * never from inside its own call (the gRPC transport serialises the same way).
   */
  private static final class Call implements PipelineStream, PipelineListener {
    private final NodeLocation target;
    private final PipelineListener upstream;
    private PipelineStream session;
    private int calls;
    private boolean closed;
    private boolean ended;
    private boolean released;
    private String endReason;

    Call(NodeLocation target, PipelineListener upstream) {
      this.target = target;
      this.upstream = upstream;
    }

    void start(ReceiveChunkUseCase receive, PipelineHeader header) {
      synchronized (this) {
        calls++;
      }
      PipelineStream opened = null;
      try {
        opened = receive.receive(header, this);
      } catch (RuntimeException e) {
        end(
            DfsError.of(
                ErrorCode.UNAVAILABLE,
                "chunkserver " + target + " failed to open the write: " + e.getMessage()),
            target);
      } finally {
        synchronized (this) {
          session = opened;
          calls--;
        }
        releaseIfEnded();
      }
    }

    @Override
    public void send(long seq, ChunkPiece piece) {
      PipelineStream s = enter(false);
      if (s != null) {
        try {
          s.send(seq, piece);
        } finally {
          leave();
        }
      }
    }

    @Override
    public void finish(long seq) {
      PipelineStream s = enter(true);
      if (s != null) {
        try {
          s.finish(seq);
        } finally {
          leave();
        }
      }
    }

    /** Also after finish: a writer that stops waiting for the commit ends the stream. */
    @Override
    public void cancel(String reason) {
      synchronized (this) {
        if (ended) {
          return;
        }
        closed = true;
      }
      end(
          DfsError.of(
              ErrorCode.UNAVAILABLE,
              "the write to chunkserver " + target + " was cancelled: " + reason),
          target);
    }

    @Override
    public void acked(long seq) {
      synchronized (this) {
        if (ended) {
          return;
        }
      }
      upstream.acked(seq);
    }

    @Override
    public void finished(long seq, long chunkLength) {
      synchronized (this) {
        if (ended) {
          return;
        }
        ended = true;
        released = true; // committed: the session already closed its writer
      }
      upstream.finished(seq, chunkLength);
    }

    @Override
    public void failed(DfsError error, NodeLocation failedNode) {
      end(error, failedNode == null ? target : failedNode);
    }

    /** Reports the stream's one failure upstream and releases the session. */
    void end(DfsError error, NodeLocation failedNode) {
      synchronized (this) {
        if (ended) {
          return;
        }
        ended = true;
        endReason = error.message();
      }
      upstream.failed(error, failedNode);
      releaseIfEnded();
    }

    private synchronized PipelineStream enter(boolean last) {
      boolean open = !closed && !ended && session != null;
      closed |= last;
      if (!open) {
        return null;
      }
      calls++;
      return session;
    }

    private void leave() {
      synchronized (this) {
        calls--;
      }
      releaseIfEnded();
    }

    private void releaseIfEnded() {
      PipelineStream toCancel;
      synchronized (this) {
        if (!ended || released || calls > 0 || session == null) {
          return;
        }
        released = true;
        toCancel = session;
      }
      toCancel.cancel(endReason);
    }
  }
}
