package io.godfs.adapters.grpc;

import io.godfs.api.v1.ChunkServiceGrpc;
import io.godfs.api.v1.OpenLocalRequest;
import io.godfs.api.v1.ReadChunkRequest;
import io.godfs.api.v1.WriteChunkRequest;
import io.godfs.application.port.in.ChunkAuditUseCase;
import io.godfs.domain.chunk.SignedChunkToken;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.Locale;
import java.util.Optional;

/**
 * Records a chunkserver's calls in its audit trail ({@link ChunkAuditUseCase}): every call refused
 * or failed (no or a bad token, another chunk's or operation's, a malformed request) and every
 * write, which is a mutation whether it succeeds or not; reads and short-circuit opens that were
 * allowed are left out, or the trail would be mostly them. The chunk, its version and the token
 * come from the call's first message (a write's header); the token only names the principal and is
 * never recorded. A refusal in the TLS handshake (no certificate, another CA's) never becomes a
 * call, so it is not here.
 */
public final class ChunkCallAudit implements ServerInterceptor {
  private static final String WRITE = ChunkServiceGrpc.getWriteChunkMethod().getFullMethodName();

  private final ChunkAuditUseCase trail;

  public ChunkCallAudit(ChunkAuditUseCase trail) {
    this.trail = trail;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    if (!trail.enabled()) {
      return next.startCall(call, headers);
    }
    String source =
        CallerInterceptor.source(call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR));
    Optional<String> request =
        Optional.ofNullable(headers.get(CallerInterceptor.REQUEST_ID)).filter(id -> !id.isBlank());
    Watched<Q, R> watched = new Watched<>(call, source, request);
    return watched.listener(next.startCall(watched, headers));
  }

  /** What a call named, taken from its first message. */
  private record Named(long chunk, long version, SignedChunkToken token) {
    static final Named NOTHING = new Named(0, 0, SignedChunkToken.NONE);

    static Named of(Object message) {
      return switch (message) {
        case ReadChunkRequest r ->
            new Named(r.getChunkId(), r.getVersion(), ProtoMapper.toToken(r.getAccessToken()));
        case OpenLocalRequest r ->
            new Named(r.getChunkId(), r.getVersion(), ProtoMapper.toToken(r.getAccessToken()));
        case WriteChunkRequest r when r.hasHeader() ->
            new Named(
                r.getHeader().getChunkId(),
                r.getHeader().getVersion(),
                ProtoMapper.toToken(r.getHeader().getAccessToken()));
        default -> NOTHING;
      };
    }
  }

  private final class Watched<Q, R> extends SimpleForwardingServerCall<Q, R> {
    private final String source;
    private final Optional<String> request;
    private volatile Named named = Named.NOTHING;

    Watched(ServerCall<Q, R> call, String source, Optional<String> request) {
      super(call);
      this.source = source;
      this.request = request;
    }

    ServerCall.Listener<Q> listener(ServerCall.Listener<Q> handler) {
      return new SimpleForwardingServerCallListener<>(handler) {
        private boolean first = true;

        @Override
        public void onMessage(Q message) {
          if (first) {
            first = false;
            named = Named.of(message);
          }
          super.onMessage(message);
        }
      };
    }

    @Override
    public void close(Status status, Metadata trailers) {
      String method = getMethodDescriptor().getFullMethodName();
      if (!status.isOk() || method.equals(WRITE)) {
        // A listener must not throw (gRPC would only log it, and the call's end would be lost).
        try {
          Named call = named;
          trail.record(
              method,
              source,
              call.chunk(),
              call.version(),
              call.token(),
              status.isOk() ? "ok" : status.getCode().name().toLowerCase(Locale.ROOT),
              Optional.ofNullable(status.getDescription()).filter(d -> !status.isOk()),
              request);
        } catch (RuntimeException e) {
          System.getLogger(ChunkCallAudit.class.getName())
              .log(System.Logger.Level.WARNING, "cannot record a chunk call: " + e.getMessage());
        }
      }
      super.close(status, trailers);
    }
  }
}
