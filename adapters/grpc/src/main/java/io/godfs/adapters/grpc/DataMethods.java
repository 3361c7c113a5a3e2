package io.godfs.adapters.grpc;

import io.godfs.api.v1.ChunkServiceGrpc;
import io.godfs.api.v1.ReadChunkRequest;
import io.godfs.api.v1.ReadChunkResponse;
import io.godfs.api.v1.WriteChunkAck;
import io.godfs.api.v1.WriteChunkRequest;
import io.godfs.domain.chunk.ChunkPiece;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * The chunk data methods with marshallers that keep chunk bytes out of fresh arrays, on both the
 * client and the server side.
 */
final class DataMethods {
  /** Parses pieces over the buffers they arrived in (the chunkserver's side of a write). */
  static final WriteRequestMarshaller WRITE_REQUESTS = new WriteRequestMarshaller();

  static final MethodDescriptor<WriteChunkRequest, WriteChunkAck> WRITE =
      ChunkServiceGrpc.getWriteChunkMethod().toBuilder(
              WRITE_REQUESTS, new AliasingMarshaller<>(WriteChunkAck.getDefaultInstance()))
          .build();

  /**
   * The same method for a replica forwarding to the next: its requests are {@link
   * WriteChunkRequest}s, or {@link HeldForward}s written from the buffers a piece arrived in.
   */
  static final MethodDescriptor<Object, WriteChunkAck> FORWARD =
      ChunkServiceGrpc.getWriteChunkMethod().toBuilder(
              new MethodDescriptor.Marshaller<Object>() {
                @Override
                public InputStream stream(Object value) {
                  return value instanceof HeldForward forward
                      ? forward.message()
                      : WRITE_REQUESTS.stream((WriteChunkRequest) value);
                }

                @Override
                public Object parse(InputStream stream) {
                  return WRITE_REQUESTS.parse(stream);
                }
              },
              new AliasingMarshaller<>(WriteChunkAck.getDefaultInstance()))
          .build();

  /**
   * ReadChunk without copying the bytes into arrays. The chunkserver answers with {@link
   * PieceMessage}s written from the buffer it read the replica into (or with {@link
   * ReadChunkResponse}s); the reader gets each answer as a {@link ReceivedPiece} whose bytes stay
   * in the network buffers they arrived in, or (a small or unusual one) as a parsed {@link
   * ReadChunkResponse}.
   */
  static final MethodDescriptor<ReadChunkRequest, Object> READ =
      ChunkServiceGrpc.getReadChunkMethod().toBuilder(
              new AliasingMarshaller<>(ReadChunkRequest.getDefaultInstance()),
              new MethodDescriptor.Marshaller<Object>() {
                private final AliasingMarshaller<ReadChunkResponse> copying =
                    new AliasingMarshaller<>(ReadChunkResponse.getDefaultInstance());

                @Override
                public InputStream stream(Object value) {
                  return value instanceof PieceMessage answer
                      ? answer
                      : copying.stream((ReadChunkResponse) value);
                }

                @Override
                public Object parse(InputStream stream) {
                  return HeldMessages.parse(
                      stream,
                      DataMessages::parseRead,
                      (parsed, buffers) ->
                          new ReceivedPiece(
                              new ChunkPiece(
                                  parsed.offset(),
                                  parsed.bytes().toArray(ByteBuffer[]::new),
                                  parsed.crcs()),
                              buffers),
                      copying::parse);
                }
              })
          .build();

  /**
   * Releases the buffers of a data message that no handler took: a call refused by an interceptor
   * never reaches {@link WriteChunkInbound}. Installed outermost, so it sees every message after
   * the whole chain has.
   */
  static final ServerInterceptor RELEASE_UNTAKEN =
      new ServerInterceptor() {
        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
          ServerCall.Listener<Q> listener = next.startCall(call, headers);
          if (!call.getMethodDescriptor().getFullMethodName().equals(WRITE.getFullMethodName())) {
            return listener;
          }
          return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
            @Override
            public void onMessage(Q message) {
              try {
                super.onMessage(message);
              } finally {
                WRITE_REQUESTS.releaseUntaken(message);
              }
            }
          };
        }
      };

  private DataMethods() {}

  /** The chunk service's definition with the aliasing marshallers swapped in. */
  @SuppressWarnings("unchecked")
  static ServerServiceDefinition bind(ServerServiceDefinition generated) {
    ServerServiceDefinition.Builder builder =
        ServerServiceDefinition.builder(generated.getServiceDescriptor().getName());
    for (ServerMethodDefinition<?, ?> method : generated.getMethods()) {
      String name = method.getMethodDescriptor().getFullMethodName();
      if (name.equals(WRITE.getFullMethodName())) {
        var handler =
            ((ServerMethodDefinition<WriteChunkRequest, WriteChunkAck>) method)
                .getServerCallHandler();
        builder.addMethod(WRITE, handler);
      } else if (name.equals(READ.getFullMethodName())) {
        // The service's observer takes the PieceMessages as well: it hands them to the call as
        // they are, and this method's marshaller writes them.
        var handler =
            (ServerCallHandler<ReadChunkRequest, Object>)
                (ServerCallHandler<?, ?>) method.getServerCallHandler();
        builder.addMethod(READ, handler);
      } else {
        builder.addMethod(method);
      }
    }
    return builder.build();
  }
}
