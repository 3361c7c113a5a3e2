package io.godfs.cluster.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class ChunkserverRegistryGrpc {

  private ChunkserverRegistryGrpc() {}

  public static final java.lang.String SERVICE_NAME = "godfs.cluster.v1.ChunkserverRegistry";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<io.godfs.cluster.v1.RegisterRequest,
      io.godfs.cluster.v1.RegisterResponse> getRegisterMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Register",
      requestType = io.godfs.cluster.v1.RegisterRequest.class,
      responseType = io.godfs.cluster.v1.RegisterResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.godfs.cluster.v1.RegisterRequest,
      io.godfs.cluster.v1.RegisterResponse> getRegisterMethod() {
    io.grpc.MethodDescriptor<io.godfs.cluster.v1.RegisterRequest, io.godfs.cluster.v1.RegisterResponse> getRegisterMethod;
    if ((getRegisterMethod = ChunkserverRegistryGrpc.getRegisterMethod) == null) {
      synchronized (ChunkserverRegistryGrpc.class) {
        if ((getRegisterMethod = ChunkserverRegistryGrpc.getRegisterMethod) == null) {
          ChunkserverRegistryGrpc.getRegisterMethod = getRegisterMethod =
              io.grpc.MethodDescriptor.<io.godfs.cluster.v1.RegisterRequest, io.godfs.cluster.v1.RegisterResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Register"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.godfs.cluster.v1.RegisterRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.godfs.cluster.v1.RegisterResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ChunkserverRegistryMethodDescriptorSupplier("Register"))
              .build();
        }
      }
    }
    return getRegisterMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.godfs.cluster.v1.HeartbeatRequest,
      io.godfs.cluster.v1.HeartbeatResponse> getHeartbeatMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Heartbeat",
      requestType = io.godfs.cluster.v1.HeartbeatRequest.class,
      responseType = io.godfs.cluster.v1.HeartbeatResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.godfs.cluster.v1.HeartbeatRequest,
      io.godfs.cluster.v1.HeartbeatResponse> getHeartbeatMethod() {
    io.grpc.MethodDescriptor<io.godfs.cluster.v1.HeartbeatRequest, io.godfs.cluster.v1.HeartbeatResponse> getHeartbeatMethod;
    if ((getHeartbeatMethod = ChunkserverRegistryGrpc.getHeartbeatMethod) == null) {
      synchronized (ChunkserverRegistryGrpc.class) {
        if ((getHeartbeatMethod = ChunkserverRegistryGrpc.getHeartbeatMethod) == null) {
          ChunkserverRegistryGrpc.getHeartbeatMethod = getHeartbeatMethod =
              io.grpc.MethodDescriptor.<io.godfs.cluster.v1.HeartbeatRequest, io.godfs.cluster.v1.HeartbeatResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Heartbeat"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.godfs.cluster.v1.HeartbeatRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.godfs.cluster.v1.HeartbeatResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ChunkserverRegistryMethodDescriptorSupplier("Heartbeat"))
              .build();
        }
      }
    }
    return getHeartbeatMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static ChunkserverRegistryStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ChunkserverRegistryStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ChunkserverRegistryStub>() {
        @java.lang.Override
        public ChunkserverRegistryStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ChunkserverRegistryStub(channel, callOptions);
        }
      };
    return ChunkserverRegistryStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static ChunkserverRegistryBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ChunkserverRegistryBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ChunkserverRegistryBlockingV2Stub>() {
        @java.lang.Override
        public ChunkserverRegistryBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ChunkserverRegistryBlockingV2Stub(channel, callOptions);
        }
      };
    return ChunkserverRegistryBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static ChunkserverRegistryBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ChunkserverRegistryBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ChunkserverRegistryBlockingStub>() {
        @java.lang.Override
        public ChunkserverRegistryBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ChunkserverRegistryBlockingStub(channel, callOptions);
        }
      };
    return ChunkserverRegistryBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static ChunkserverRegistryFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ChunkserverRegistryFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ChunkserverRegistryFutureStub>() {
        @java.lang.Override
        public ChunkserverRegistryFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ChunkserverRegistryFutureStub(channel, callOptions);
        }
      };
    return ChunkserverRegistryFutureStub.newStub(factory, channel);
  }

  /**
   */
  public interface AsyncService {

    /**
     */
    default void register(io.godfs.cluster.v1.RegisterRequest request,
        io.grpc.stub.StreamObserver<io.godfs.cluster.v1.RegisterResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getRegisterMethod(), responseObserver);
    }

    /**
     */
    default void heartbeat(io.godfs.cluster.v1.HeartbeatRequest request,
        io.grpc.stub.StreamObserver<io.godfs.cluster.v1.HeartbeatResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getHeartbeatMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service ChunkserverRegistry.
   */
  public static abstract class ChunkserverRegistryImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return ChunkserverRegistryGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service ChunkserverRegistry.
   */
  public static final class ChunkserverRegistryStub
      extends io.grpc.stub.AbstractAsyncStub<ChunkserverRegistryStub> {
    private ChunkserverRegistryStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ChunkserverRegistryStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ChunkserverRegistryStub(channel, callOptions);
    }

    /**
     */
    public void register(io.godfs.cluster.v1.RegisterRequest request,
        io.grpc.stub.StreamObserver<io.godfs.cluster.v1.RegisterResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getRegisterMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void heartbeat(io.godfs.cluster.v1.HeartbeatRequest request,
        io.grpc.stub.StreamObserver<io.godfs.cluster.v1.HeartbeatResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getHeartbeatMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service ChunkserverRegistry.
   */
  public static final class ChunkserverRegistryBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<ChunkserverRegistryBlockingV2Stub> {
    private ChunkserverRegistryBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ChunkserverRegistryBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ChunkserverRegistryBlockingV2Stub(channel, callOptions);
    }

    /**
     */
    public io.godfs.cluster.v1.RegisterResponse register(io.godfs.cluster.v1.RegisterRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getRegisterMethod(), getCallOptions(), request);
    }

    /**
     */
    public io.godfs.cluster.v1.HeartbeatResponse heartbeat(io.godfs.cluster.v1.HeartbeatRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getHeartbeatMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service ChunkserverRegistry.
   */
  public static final class ChunkserverRegistryBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<ChunkserverRegistryBlockingStub> {
    private ChunkserverRegistryBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ChunkserverRegistryBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ChunkserverRegistryBlockingStub(channel, callOptions);
    }

    /**
     */
    public io.godfs.cluster.v1.RegisterResponse register(io.godfs.cluster.v1.RegisterRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getRegisterMethod(), getCallOptions(), request);
    }

    /**
     */
    public io.godfs.cluster.v1.HeartbeatResponse heartbeat(io.godfs.cluster.v1.HeartbeatRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getHeartbeatMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service ChunkserverRegistry.
   */
  public static final class ChunkserverRegistryFutureStub
      extends io.grpc.stub.AbstractFutureStub<ChunkserverRegistryFutureStub> {
    private ChunkserverRegistryFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ChunkserverRegistryFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ChunkserverRegistryFutureStub(channel, callOptions);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<io.godfs.cluster.v1.RegisterResponse> register(
        io.godfs.cluster.v1.RegisterRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getRegisterMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<io.godfs.cluster.v1.HeartbeatResponse> heartbeat(
        io.godfs.cluster.v1.HeartbeatRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getHeartbeatMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_REGISTER = 0;
  private static final int METHODID_HEARTBEAT = 1;

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
        case METHODID_REGISTER:
          serviceImpl.register((io.godfs.cluster.v1.RegisterRequest) request,
              (io.grpc.stub.StreamObserver<io.godfs.cluster.v1.RegisterResponse>) responseObserver);
          break;
        case METHODID_HEARTBEAT:
          serviceImpl.heartbeat((io.godfs.cluster.v1.HeartbeatRequest) request,
              (io.grpc.stub.StreamObserver<io.godfs.cluster.v1.HeartbeatResponse>) responseObserver);
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
        default:
          throw new AssertionError();
      }
    }
  }

  public static final io.grpc.ServerServiceDefinition bindService(AsyncService service) {
    return io.grpc.ServerServiceDefinition.builder(getServiceDescriptor())
        .addMethod(
          getRegisterMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.godfs.cluster.v1.RegisterRequest,
              io.godfs.cluster.v1.RegisterResponse>(
                service, METHODID_REGISTER)))
        .addMethod(
          getHeartbeatMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.godfs.cluster.v1.HeartbeatRequest,
              io.godfs.cluster.v1.HeartbeatResponse>(
                service, METHODID_HEARTBEAT)))
        .build();
  }

  private static abstract class ChunkserverRegistryBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    ChunkserverRegistryBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return io.godfs.cluster.v1.Registry.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("ChunkserverRegistry");
    }
  }

  private static final class ChunkserverRegistryFileDescriptorSupplier
      extends ChunkserverRegistryBaseDescriptorSupplier {
    ChunkserverRegistryFileDescriptorSupplier() {}
  }

  private static final class ChunkserverRegistryMethodDescriptorSupplier
      extends ChunkserverRegistryBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    ChunkserverRegistryMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (ChunkserverRegistryGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new ChunkserverRegistryFileDescriptorSupplier())
              .addMethod(getRegisterMethod())
              .addMethod(getHeartbeatMethod())
              .build();
        }
      }
    }
    return result;
  }
}
