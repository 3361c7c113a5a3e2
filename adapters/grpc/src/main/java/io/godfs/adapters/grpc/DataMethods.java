package io.godfs.adapters.grpc;

import io.godfs.api.v1.ChunkServiceGrpc;
import io.godfs.api.v1.ReadChunkRequest;
import io.godfs.api.v1.ReadChunkResponse;
import io.godfs.api.v1.WriteChunkAck;
import io.godfs.api.v1.WriteChunkRequest;
import io.grpc.MethodDescriptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;

/**
 * The chunk data methods with {@link AliasingMarshaller}s, on both the client and the server side,
 * so chunk bytes are not copied twice while being parsed.
 */
final class DataMethods {
  static final MethodDescriptor<WriteChunkRequest, WriteChunkAck> WRITE =
      ChunkServiceGrpc.getWriteChunkMethod().toBuilder(
              new AliasingMarshaller<>(WriteChunkRequest.getDefaultInstance()),
              new AliasingMarshaller<>(WriteChunkAck.getDefaultInstance()))
          .build();
  static final MethodDescriptor<ReadChunkRequest, ReadChunkResponse> READ =
      ChunkServiceGrpc.getReadChunkMethod().toBuilder(
              new AliasingMarshaller<>(ReadChunkRequest.getDefaultInstance()),
              new AliasingMarshaller<>(ReadChunkResponse.getDefaultInstance()))
          .build();

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
        var handler =
            ((ServerMethodDefinition<ReadChunkRequest, ReadChunkResponse>) method)
                .getServerCallHandler();
        builder.addMethod(READ, handler);
      } else {
        builder.addMethod(method);
      }
    }
    return builder.build();
  }
}
