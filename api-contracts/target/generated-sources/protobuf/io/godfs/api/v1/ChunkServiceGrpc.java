package io.godfs.api.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class ChunkServiceGrpc {

  private ChunkServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "godfs.api.v1.ChunkService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<io.godfs.api.v1.WriteChunkRequest,
      io.godfs.api.v1.WriteChunkAck> getWriteChunkMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "WriteChunk",
      requestType = io.godfs.api.v1.WriteChunkRequest.class,
      responseType = io.godfs.api.v1.WriteChunkAck.class,
      methodType = io.grpc.MethodDescriptor.MethodType.BIDI_STREAMING)
  public static io.grpc.MethodDescriptor<io.godfs.api.v1.WriteChunkRequest,
      io.godfs.api.v1.WriteChunkAck> getWriteChunkMethod() {
    io.grpc.MethodDescriptor<io.godfs.api.v1.WriteChunkRequest, io.godfs.api.v1.WriteChunkAck> getWriteChunkMethod;
    if ((getWriteChunkMethod = ChunkServiceGrpc.getWriteChunkMethod) == null) {
      synchronized (ChunkServiceGrpc.class) {
        if ((getWriteChunkMethod = ChunkServiceGrpc.getWriteChunkMethod) == null) {
          ChunkServiceGrpc.getWriteChunkMethod = getWriteChunkMethod =
              io.grpc.MethodDescriptor.<io.godfs.api.v1.WriteChunkRequest, io.godfs.api.v1.WriteChunkAck>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.BIDI_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "WriteChunk"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.godfs.api.v1.WriteChunkRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.godfs.api.v1.WriteChunkAck.getDefaultInstance()))
              .setSchemaDescriptor(new ChunkServiceMethodDescriptorSupplier("WriteChunk"))
              .build();
        }
      }
    }
    return getWriteChunkMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.godfs.api.v1.ReadChunkRequest,
      io.godfs.api.v1.ReadChunkResponse> getReadChunkMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ReadChunk",
      requestType = io.godfs.api.v1.ReadChunkRequest.class,
      responseType = io.godfs.api.v1.ReadChunkResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
  public static io.grpc.MethodDescriptor<io.godfs.api.v1.ReadChunkRequest,
      io.godfs.api.v1.ReadChunkResponse> getReadChunkMethod() {
    io.grpc.MethodDescriptor<io.godfs.api.v1.ReadChunkRequest, io.godfs.api.v1.ReadChunkResponse> getReadChunkMethod;
    if ((getReadChunkMethod = ChunkServiceGrpc.getReadChunkMethod) == null) {
      synchronized (ChunkServiceGrpc.class) {
        if ((getReadChunkMethod = ChunkServiceGrpc.getReadChunkMethod) == null) {
          ChunkServiceGrpc.getReadChunkMethod = getReadChunkMethod =
              io.grpc.MethodDescriptor.<io.godfs.api.v1.ReadChunkRequest, io.godfs.api.v1.ReadChunkResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ReadChunk"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.godfs.api.v1.ReadChunkRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.godfs.api.v1.ReadChunkResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ChunkServiceMethodDescriptorSupplier("ReadChunk"))
              .build();
        }
      }
    }
    return getReadChunkMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static ChunkServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ChunkServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ChunkServiceStub>() {
        @java.lang.Override
        public ChunkServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ChunkServiceStub(channel, callOptions);
        }
      };
    return ChunkServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static ChunkServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ChunkServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ChunkServiceBlockingV2Stub>() {
        @java.lang.Override
        public ChunkServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ChunkServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return ChunkServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static ChunkServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ChunkServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ChunkServiceBlockingStub>() {
        @java.lang.Override
        public ChunkServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ChunkServiceBlockingStub(channel, callOptions);
        }
      };
    return ChunkServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static ChunkServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ChunkServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ChunkServiceFutureStub>() {
        @java.lang.Override
        public ChunkServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ChunkServiceFutureStub(channel, callOptions);
        }
      };
    return ChunkServiceFutureStub.newStub(factory, channel);
  }

  /**
   */
  public interface AsyncService {

    /**
     * <pre>
     * Pipelined write: header, then data messages (at most 1 MiB each), then finish. Each node writes
     * a message locally and forwards it downstream; an ack for `seq` is sent upstream only when this
     * node and every node below it hold the bytes of `seq`. The finish ack means every replica fsynced.
     * </pre>
     */
    default io.grpc.stub.StreamObserver<io.godfs.api.v1.WriteChunkRequest> writeChunk(
        io.grpc.stub.StreamObserver<io.godfs.api.v1.WriteChunkAck> responseObserver) {
      return io.grpc.stub.ServerCalls.asyncUnimplementedStreamingCall(getWriteChunkMethod(), responseObserver);
    }

    /**
     * <pre>
     * Streams block-aligned pieces covering [offset, offset+length) with their stored CRC32C per
     * 64 KiB block, so the reader verifies what it receives.
     * </pre>
     */
    default void readChunk(io.godfs.api.v1.ReadChunkRequest request,
        io.grpc.stub.StreamObserver<io.godfs.api.v1.ReadChunkResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getReadChunkMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service ChunkService.
   */
  public static abstract class ChunkServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return ChunkServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service ChunkService.
   */
  public static final class ChunkServiceStub
      extends io.grpc.stub.AbstractAsyncStub<ChunkServiceStub> {
    private ChunkServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ChunkServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ChunkServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * Pipelined write: header, then data messages (at most 1 MiB each), then finish. Each node writes
     * a message locally and forwards it downstream; an ack for `seq` is sent upstream only when this
     * node and every node below it hold the bytes of `seq`. The finish ack means every replica fsynced.
     * </pre>
     */
    public io.grpc.stub.StreamObserver<io.godfs.api.v1.WriteChunkRequest> writeChunk(
        io.grpc.stub.StreamObserver<io.godfs.api.v1.WriteChunkAck> responseObserver) {
      return io.grpc.stub.ClientCalls.asyncBidiStreamingCall(
          getChannel().newCall(getWriteChunkMethod(), getCallOptions()), responseObserver);
    }

    /**
     * <pre>
     * Streams block-aligned pieces covering [offset, offset+length) with their stored CRC32C per
     * 64 KiB block, so the reader verifies what it receives.
     * </pre>
     */
    public void readChunk(io.godfs.api.v1.ReadChunkRequest request,
        io.grpc.stub.StreamObserver<io.godfs.api.v1.ReadChunkResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncServerStreamingCall(
          getChannel().newCall(getReadChunkMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service ChunkService.
   */
  public static final class ChunkServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<ChunkServiceBlockingV2Stub> {
    private ChunkServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ChunkServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ChunkServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * Pipelined write: header, then data messages (at most 1 MiB each), then finish. Each node writes
     * a message locally and forwards it downstream; an ack for `seq` is sent upstream only when this
     * node and every node below it hold the bytes of `seq`. The finish ack means every replica fsynced.
     * </pre>
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<io.godfs.api.v1.WriteChunkRequest, io.godfs.api.v1.WriteChunkAck>
        writeChunk() {
      return io.grpc.stub.ClientCalls.blockingBidiStreamingCall(
          getChannel(), getWriteChunkMethod(), getCallOptions());
    }

    /**
     * <pre>
     * Streams block-aligned pieces covering [offset, offset+length) with their stored CRC32C per
     * 64 KiB block, so the reader verifies what it receives.
     * </pre>
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<?, io.godfs.api.v1.ReadChunkResponse>
        readChunk(io.godfs.api.v1.ReadChunkRequest request) {
      return io.grpc.stub.ClientCalls.blockingV2ServerStreamingCall(
          getChannel(), getReadChunkMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service ChunkService.
   */
  public static final class ChunkServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<ChunkServiceBlockingStub> {
    private ChunkServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ChunkServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ChunkServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Streams block-aligned pieces covering [offset, offset+length) with their stored CRC32C per
     * 64 KiB block, so the reader verifies what it receives.
     * </pre>
     */
    public java.util.Iterator<io.godfs.api.v1.ReadChunkResponse> readChunk(
        io.godfs.api.v1.ReadChunkRequest request) {
      return io.grpc.stub.ClientCalls.blockingServerStreamingCall(
          getChannel(), getReadChunkMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service ChunkService.
   */
  public static final class ChunkServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<ChunkServiceFutureStub> {
    private ChunkServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ChunkServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ChunkServiceFutureStub(channel, callOptions);
    }
  }

  private static final int METHODID_READ_CHUNK = 0;
  private static final int METHODID_WRITE_CHUNK = 1;

  private static final class MethodHandlers<Req, Resp> implements
      io.grpc.stub.ServerCalls.UnaryMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ServerStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ClientStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.BidiStreamingMethod<Req, Resp> {
    private final AsyncService serviceImpl;
    private final int methodId;

    MethodHandlers(AsyncService serviceImpl, int methodId) {
      this.serviceImpl = serviceImpl;
      this.methodId = methodId;
    }

    @java.lang.Override
    @java.lang.SuppressWarnings("unchecked")
    public void invoke(Req request, io.grpc.stub.StreamObserver<Resp> responseObserver) {
      switch (methodId) {
        case METHODID_READ_CHUNK:
          serviceImpl.readChunk((io.godfs.api.v1.ReadChunkRequest) request,
              (io.grpc.stub.StreamObserver<io.godfs.api.v1.ReadChunkResponse>) responseObserver);
          break;
        default:
          throw new AssertionError();
      }
    }

    @java.lang.Override
    @java.lang.SuppressWarnings("unchecked")
    public io.grpc.stub.StreamObserver<Req> invoke(
        io.grpc.stub.StreamObserver<Resp> responseObserver) {
      switch (methodId) {
        case METHODID_WRITE_CHUNK:
          return (io.grpc.stub.StreamObserver<Req>) serviceImpl.writeChunk(
              (io.grpc.stub.StreamObserver<io.godfs.api.v1.WriteChunkAck>) responseObserver);
        default:
          throw new AssertionError();
      }
    }
  }

  public static final io.grpc.ServerServiceDefinition bindService(AsyncService service) {
    return io.grpc.ServerServiceDefinition.builder(getServiceDescriptor())
        .addMethod(
          getWriteChunkMethod(),
          io.grpc.stub.ServerCalls.asyncBidiStreamingCall(
            new MethodHandlers<
              io.godfs.api.v1.WriteChunkRequest,
              io.godfs.api.v1.WriteChunkAck>(
                service, METHODID_WRITE_CHUNK)))
        .addMethod(
          getReadChunkMethod(),
          io.grpc.stub.ServerCalls.asyncServerStreamingCall(
            new MethodHandlers<
              io.godfs.api.v1.ReadChunkRequest,
              io.godfs.api.v1.ReadChunkResponse>(
                service, METHODID_READ_CHUNK)))
        .build();
  }

  private static abstract class ChunkServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    ChunkServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return io.godfs.api.v1.Chunk.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("ChunkService");
    }
  }

  private static final class ChunkServiceFileDescriptorSupplier
      extends ChunkServiceBaseDescriptorSupplier {
    ChunkServiceFileDescriptorSupplier() {}
  }

  private static final class ChunkServiceMethodDescriptorSupplier
      extends ChunkServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    ChunkServiceMethodDescriptorSupplier(java.lang.String methodName) {
      this.methodName = methodName;
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.MethodDescriptor getMethodDescriptor() {
      return getServiceDescriptor().findMethodByName(methodName);
    }
  }

  private static volatile io.grpc.ServiceDescriptor serviceDescriptor;

  public static io.grpc.ServiceDescriptor getServiceDescriptor() {
    io.grpc.ServiceDescriptor result = serviceDescriptor;
    if (result == null) {
      synchronized (ChunkServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new ChunkServiceFileDescriptorSupplier())
              .addMethod(getWriteChunkMethod())
              .addMethod(getReadChunkMethod())
              .build();
        }
      }
    }
    return result;
  }
}
