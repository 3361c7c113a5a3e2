package io.godfs.api.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class MasterServiceGrpc {

  private MasterServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "godfs.api.v1.MasterService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<io.godfs.api.v1.GetClusterInfoRequest,
      io.godfs.api.v1.ClusterInfo> getGetClusterInfoMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetClusterInfo",
      requestType = io.godfs.api.v1.GetClusterInfoRequest.class,
      responseType = io.godfs.api.v1.ClusterInfo.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.godfs.api.v1.GetClusterInfoRequest,
      io.godfs.api.v1.ClusterInfo> getGetClusterInfoMethod() {
    io.grpc.MethodDescriptor<io.godfs.api.v1.GetClusterInfoRequest, io.godfs.api.v1.ClusterInfo> getGetClusterInfoMethod;
    if ((getGetClusterInfoMethod = MasterServiceGrpc.getGetClusterInfoMethod) == null) {
      synchronized (MasterServiceGrpc.class) {
        if ((getGetClusterInfoMethod = MasterServiceGrpc.getGetClusterInfoMethod) == null) {
          MasterServiceGrpc.getGetClusterInfoMethod = getGetClusterInfoMethod =
              io.grpc.MethodDescriptor.<io.godfs.api.v1.GetClusterInfoRequest, io.godfs.api.v1.ClusterInfo>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetClusterInfo"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.godfs.api.v1.GetClusterInfoRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.godfs.api.v1.ClusterInfo.getDefaultInstance()))
              .setSchemaDescriptor(new MasterServiceMethodDescriptorSupplier("GetClusterInfo"))
              .build();
        }
      }
    }
    return getGetClusterInfoMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.godfs.api.v1.MkdirRequest,
      io.godfs.api.v1.FileStatus> getMkdirMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Mkdir",
      requestType = io.godfs.api.v1.MkdirRequest.class,
      responseType = io.godfs.api.v1.FileStatus.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.godfs.api.v1.MkdirRequest,
      io.godfs.api.v1.FileStatus> getMkdirMethod() {
    io.grpc.MethodDescriptor<io.godfs.api.v1.MkdirRequest, io.godfs.api.v1.FileStatus> getMkdirMethod;
    if ((getMkdirMethod = MasterServiceGrpc.getMkdirMethod) == null) {
      synchronized (MasterServiceGrpc.class) {
        if ((getMkdirMethod = MasterServiceGrpc.getMkdirMethod) == null) {
          MasterServiceGrpc.getMkdirMethod = getMkdirMethod =
              io.grpc.MethodDescriptor.<io.godfs.api.v1.MkdirRequest, io.godfs.api.v1.FileStatus>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Mkdir"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.godfs.api.v1.MkdirRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.godfs.api.v1.FileStatus.getDefaultInstance()))
              .setSchemaDescriptor(new MasterServiceMethodDescriptorSupplier("Mkdir"))
              .build();
        }
      }
    }
    return getMkdirMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.godfs.api.v1.CreateFileRequest,
      io.godfs.api.v1.FileStatus> getCreateFileMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "CreateFile",
      requestType = io.godfs.api.v1.CreateFileRequest.class,
      responseType = io.godfs.api.v1.FileStatus.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.godfs.api.v1.CreateFileRequest,
      io.godfs.api.v1.FileStatus> getCreateFileMethod() {
    io.grpc.MethodDescriptor<io.godfs.api.v1.CreateFileRequest, io.godfs.api.v1.FileStatus> getCreateFileMethod;
    if ((getCreateFileMethod = MasterServiceGrpc.getCreateFileMethod) == null) {
      synchronized (MasterServiceGrpc.class) {
        if ((getCreateFileMethod = MasterServiceGrpc.getCreateFileMethod) == null) {
          MasterServiceGrpc.getCreateFileMethod = getCreateFileMethod =
              io.grpc.MethodDescriptor.<io.godfs.api.v1.CreateFileRequest, io.godfs.api.v1.FileStatus>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "CreateFile"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.godfs.api.v1.CreateFileRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.godfs.api.v1.FileStatus.getDefaultInstance()))
              .setSchemaDescriptor(new MasterServiceMethodDescriptorSupplier("CreateFile"))
              .build();
        }
      }
    }
    return getCreateFileMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.godfs.api.v1.StatRequest,
      io.godfs.api.v1.FileStatus> getStatMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Stat",
      requestType = io.godfs.api.v1.StatRequest.class,
      responseType = io.godfs.api.v1.FileStatus.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.godfs.api.v1.StatRequest,
      io.godfs.api.v1.FileStatus> getStatMethod() {
    io.grpc.MethodDescriptor<io.godfs.api.v1.StatRequest, io.godfs.api.v1.FileStatus> getStatMethod;
    if ((getStatMethod = MasterServiceGrpc.getStatMethod) == null) {
      synchronized (MasterServiceGrpc.class) {
        if ((getStatMethod = MasterServiceGrpc.getStatMethod) == null) {
          MasterServiceGrpc.getStatMethod = getStatMethod =
              io.grpc.MethodDescriptor.<io.godfs.api.v1.StatRequest, io.godfs.api.v1.FileStatus>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Stat"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.godfs.api.v1.StatRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.godfs.api.v1.FileStatus.getDefaultInstance()))
              .setSchemaDescriptor(new MasterServiceMethodDescriptorSupplier("Stat"))
              .build();
        }
      }
    }
    return getStatMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.godfs.api.v1.ListRequest,
      io.godfs.api.v1.ListResponse> getListMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "List",
      requestType = io.godfs.api.v1.ListRequest.class,
      responseType = io.godfs.api.v1.ListResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.godfs.api.v1.ListRequest,
      io.godfs.api.v1.ListResponse> getListMethod() {
    io.grpc.MethodDescriptor<io.godfs.api.v1.ListRequest, io.godfs.api.v1.ListResponse> getListMethod;
    if ((getListMethod = MasterServiceGrpc.getListMethod) == null) {
      synchronized (MasterServiceGrpc.class) {
        if ((getListMethod = MasterServiceGrpc.getListMethod) == null) {
          MasterServiceGrpc.getListMethod = getListMethod =
              io.grpc.MethodDescriptor.<io.godfs.api.v1.ListRequest, io.godfs.api.v1.ListResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "List"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.godfs.api.v1.ListRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.godfs.api.v1.ListResponse.getDefaultInstance()))
              .setSchemaDescriptor(new MasterServiceMethodDescriptorSupplier("List"))
              .build();
        }
      }
    }
    return getListMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.godfs.api.v1.RenameRequest,
      io.godfs.api.v1.RenameResponse> getRenameMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Rename",
      requestType = io.godfs.api.v1.RenameRequest.class,
      responseType = io.godfs.api.v1.RenameResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.godfs.api.v1.RenameRequest,
      io.godfs.api.v1.RenameResponse> getRenameMethod() {
    io.grpc.MethodDescriptor<io.godfs.api.v1.RenameRequest, io.godfs.api.v1.RenameResponse> getRenameMethod;
    if ((getRenameMethod = MasterServiceGrpc.getRenameMethod) == null) {
      synchronized (MasterServiceGrpc.class) {
        if ((getRenameMethod = MasterServiceGrpc.getRenameMethod) == null) {
          MasterServiceGrpc.getRenameMethod = getRenameMethod =
              io.grpc.MethodDescriptor.<io.godfs.api.v1.RenameRequest, io.godfs.api.v1.RenameResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Rename"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.godfs.api.v1.RenameRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.godfs.api.v1.RenameResponse.getDefaultInstance()))
              .setSchemaDescriptor(new MasterServiceMethodDescriptorSupplier("Rename"))
              .build();
        }
      }
    }
    return getRenameMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.godfs.api.v1.DeleteRequest,
      io.godfs.api.v1.DeleteResponse> getDeleteMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Delete",
      requestType = io.godfs.api.v1.DeleteRequest.class,
      responseType = io.godfs.api.v1.DeleteResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.godfs.api.v1.DeleteRequest,
      io.godfs.api.v1.DeleteResponse> getDeleteMethod() {
    io.grpc.MethodDescriptor<io.godfs.api.v1.DeleteRequest, io.godfs.api.v1.DeleteResponse> getDeleteMethod;
    if ((getDeleteMethod = MasterServiceGrpc.getDeleteMethod) == null) {
      synchronized (MasterServiceGrpc.class) {
        if ((getDeleteMethod = MasterServiceGrpc.getDeleteMethod) == null) {
          MasterServiceGrpc.getDeleteMethod = getDeleteMethod =
              io.grpc.MethodDescriptor.<io.godfs.api.v1.DeleteRequest, io.godfs.api.v1.DeleteResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Delete"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.godfs.api.v1.DeleteRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.godfs.api.v1.DeleteResponse.getDefaultInstance()))
              .setSchemaDescriptor(new MasterServiceMethodDescriptorSupplier("Delete"))
              .build();
        }
      }
    }
    return getDeleteMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.godfs.api.v1.AllocateChunkRequest,
      io.godfs.api.v1.ChunkWriteTarget> getAllocateChunkMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "AllocateChunk",
      requestType = io.godfs.api.v1.AllocateChunkRequest.class,
      responseType = io.godfs.api.v1.ChunkWriteTarget.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.godfs.api.v1.AllocateChunkRequest,
      io.godfs.api.v1.ChunkWriteTarget> getAllocateChunkMethod() {
    io.grpc.MethodDescriptor<io.godfs.api.v1.AllocateChunkRequest, io.godfs.api.v1.ChunkWriteTarget> getAllocateChunkMethod;
    if ((getAllocateChunkMethod = MasterServiceGrpc.getAllocateChunkMethod) == null) {
      synchronized (MasterServiceGrpc.class) {
        if ((getAllocateChunkMethod = MasterServiceGrpc.getAllocateChunkMethod) == null) {
          MasterServiceGrpc.getAllocateChunkMethod = getAllocateChunkMethod =
              io.grpc.MethodDescriptor.<io.godfs.api.v1.AllocateChunkRequest, io.godfs.api.v1.ChunkWriteTarget>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "AllocateChunk"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.godfs.api.v1.AllocateChunkRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.godfs.api.v1.ChunkWriteTarget.getDefaultInstance()))
              .setSchemaDescriptor(new MasterServiceMethodDescriptorSupplier("AllocateChunk"))
              .build();
        }
      }
    }
    return getAllocateChunkMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.godfs.api.v1.CommitChunkRequest,
      io.godfs.api.v1.CommitChunkResponse> getCommitChunkMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "CommitChunk",
      requestType = io.godfs.api.v1.CommitChunkRequest.class,
      responseType = io.godfs.api.v1.CommitChunkResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.godfs.api.v1.CommitChunkRequest,
      io.godfs.api.v1.CommitChunkResponse> getCommitChunkMethod() {
    io.grpc.MethodDescriptor<io.godfs.api.v1.CommitChunkRequest, io.godfs.api.v1.CommitChunkResponse> getCommitChunkMethod;
    if ((getCommitChunkMethod = MasterServiceGrpc.getCommitChunkMethod) == null) {
      synchronized (MasterServiceGrpc.class) {
        if ((getCommitChunkMethod = MasterServiceGrpc.getCommitChunkMethod) == null) {
          MasterServiceGrpc.getCommitChunkMethod = getCommitChunkMethod =
              io.grpc.MethodDescriptor.<io.godfs.api.v1.CommitChunkRequest, io.godfs.api.v1.CommitChunkResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "CommitChunk"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.godfs.api.v1.CommitChunkRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.godfs.api.v1.CommitChunkResponse.getDefaultInstance()))
              .setSchemaDescriptor(new MasterServiceMethodDescriptorSupplier("CommitChunk"))
              .build();
        }
      }
    }
    return getCommitChunkMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.godfs.api.v1.LocateChunksRequest,
      io.godfs.api.v1.LocatedFile> getLocateChunksMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "LocateChunks",
      requestType = io.godfs.api.v1.LocateChunksRequest.class,
      responseType = io.godfs.api.v1.LocatedFile.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.godfs.api.v1.LocateChunksRequest,
      io.godfs.api.v1.LocatedFile> getLocateChunksMethod() {
    io.grpc.MethodDescriptor<io.godfs.api.v1.LocateChunksRequest, io.godfs.api.v1.LocatedFile> getLocateChunksMethod;
    if ((getLocateChunksMethod = MasterServiceGrpc.getLocateChunksMethod) == null) {
      synchronized (MasterServiceGrpc.class) {
        if ((getLocateChunksMethod = MasterServiceGrpc.getLocateChunksMethod) == null) {
          MasterServiceGrpc.getLocateChunksMethod = getLocateChunksMethod =
              io.grpc.MethodDescriptor.<io.godfs.api.v1.LocateChunksRequest, io.godfs.api.v1.LocatedFile>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "LocateChunks"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.godfs.api.v1.LocateChunksRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.godfs.api.v1.LocatedFile.getDefaultInstance()))
              .setSchemaDescriptor(new MasterServiceMethodDescriptorSupplier("LocateChunks"))
              .build();
        }
      }
    }
    return getLocateChunksMethod;
  }

  private static volatile io.grpc.MethodDescriptor<io.godfs.api.v1.ReportBadReplicaRequest,
      io.godfs.api.v1.ReportBadReplicaResponse> getReportBadReplicaMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ReportBadReplica",
      requestType = io.godfs.api.v1.ReportBadReplicaRequest.class,
      responseType = io.godfs.api.v1.ReportBadReplicaResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<io.godfs.api.v1.ReportBadReplicaRequest,
      io.godfs.api.v1.ReportBadReplicaResponse> getReportBadReplicaMethod() {
    io.grpc.MethodDescriptor<io.godfs.api.v1.ReportBadReplicaRequest, io.godfs.api.v1.ReportBadReplicaResponse> getReportBadReplicaMethod;
    if ((getReportBadReplicaMethod = MasterServiceGrpc.getReportBadReplicaMethod) == null) {
      synchronized (MasterServiceGrpc.class) {
        if ((getReportBadReplicaMethod = MasterServiceGrpc.getReportBadReplicaMethod) == null) {
          MasterServiceGrpc.getReportBadReplicaMethod = getReportBadReplicaMethod =
              io.grpc.MethodDescriptor.<io.godfs.api.v1.ReportBadReplicaRequest, io.godfs.api.v1.ReportBadReplicaResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ReportBadReplica"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.godfs.api.v1.ReportBadReplicaRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  io.godfs.api.v1.ReportBadReplicaResponse.getDefaultInstance()))
              .setSchemaDescriptor(new MasterServiceMethodDescriptorSupplier("ReportBadReplica"))
              .build();
        }
      }
    }
    return getReportBadReplicaMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static MasterServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<MasterServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<MasterServiceStub>() {
        @java.lang.Override
        public MasterServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new MasterServiceStub(channel, callOptions);
        }
      };
    return MasterServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static MasterServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<MasterServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<MasterServiceBlockingV2Stub>() {
        @java.lang.Override
        public MasterServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new MasterServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return MasterServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static MasterServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<MasterServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<MasterServiceBlockingStub>() {
        @java.lang.Override
        public MasterServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new MasterServiceBlockingStub(channel, callOptions);
        }
      };
    return MasterServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static MasterServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<MasterServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<MasterServiceFutureStub>() {
        @java.lang.Override
        public MasterServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new MasterServiceFutureStub(channel, callOptions);
        }
      };
    return MasterServiceFutureStub.newStub(factory, channel);
  }

  /**
   */
  public interface AsyncService {

    /**
     */
    default void getClusterInfo(io.godfs.api.v1.GetClusterInfoRequest request,
        io.grpc.stub.StreamObserver<io.godfs.api.v1.ClusterInfo> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetClusterInfoMethod(), responseObserver);
    }

    /**
     */
    default void mkdir(io.godfs.api.v1.MkdirRequest request,
        io.grpc.stub.StreamObserver<io.godfs.api.v1.FileStatus> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getMkdirMethod(), responseObserver);
    }

    /**
     */
    default void createFile(io.godfs.api.v1.CreateFileRequest request,
        io.grpc.stub.StreamObserver<io.godfs.api.v1.FileStatus> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getCreateFileMethod(), responseObserver);
    }

    /**
     */
    default void stat(io.godfs.api.v1.StatRequest request,
        io.grpc.stub.StreamObserver<io.godfs.api.v1.FileStatus> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getStatMethod(), responseObserver);
    }

    /**
     */
    default void list(io.godfs.api.v1.ListRequest request,
        io.grpc.stub.StreamObserver<io.godfs.api.v1.ListResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListMethod(), responseObserver);
    }

    /**
     */
    default void rename(io.godfs.api.v1.RenameRequest request,
        io.grpc.stub.StreamObserver<io.godfs.api.v1.RenameResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getRenameMethod(), responseObserver);
    }

    /**
     */
    default void delete(io.godfs.api.v1.DeleteRequest request,
        io.grpc.stub.StreamObserver<io.godfs.api.v1.DeleteResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getDeleteMethod(), responseObserver);
    }

    /**
     * <pre>
     * Returns where to write chunk `chunk_index` of a file: allocates it (placement over live nodes)
     * when the file has no chunk there yet, otherwise bumps the chunk's version.
     * </pre>
     */
    default void allocateChunk(io.godfs.api.v1.AllocateChunkRequest request,
        io.grpc.stub.StreamObserver<io.godfs.api.v1.ChunkWriteTarget> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getAllocateChunkMethod(), responseObserver);
    }

    /**
     * <pre>
     * Records that every replica of the pipeline has the chunk durably, with its new length.
     * </pre>
     */
    default void commitChunk(io.godfs.api.v1.CommitChunkRequest request,
        io.grpc.stub.StreamObserver<io.godfs.api.v1.CommitChunkResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getCommitChunkMethod(), responseObserver);
    }

    /**
     */
    default void locateChunks(io.godfs.api.v1.LocateChunksRequest request,
        io.grpc.stub.StreamObserver<io.godfs.api.v1.LocatedFile> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getLocateChunksMethod(), responseObserver);
    }

    /**
     */
    default void reportBadReplica(io.godfs.api.v1.ReportBadReplicaRequest request,
        io.grpc.stub.StreamObserver<io.godfs.api.v1.ReportBadReplicaResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getReportBadReplicaMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service MasterService.
   */
  public static abstract class MasterServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return MasterServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service MasterService.
   */
  public static final class MasterServiceStub
      extends io.grpc.stub.AbstractAsyncStub<MasterServiceStub> {
    private MasterServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected MasterServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new MasterServiceStub(channel, callOptions);
    }

    /**
     */
    public void getClusterInfo(io.godfs.api.v1.GetClusterInfoRequest request,
        io.grpc.stub.StreamObserver<io.godfs.api.v1.ClusterInfo> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetClusterInfoMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void mkdir(io.godfs.api.v1.MkdirRequest request,
        io.grpc.stub.StreamObserver<io.godfs.api.v1.FileStatus> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getMkdirMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void createFile(io.godfs.api.v1.CreateFileRequest request,
        io.grpc.stub.StreamObserver<io.godfs.api.v1.FileStatus> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getCreateFileMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void stat(io.godfs.api.v1.StatRequest request,
        io.grpc.stub.StreamObserver<io.godfs.api.v1.FileStatus> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getStatMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void list(io.godfs.api.v1.ListRequest request,
        io.grpc.stub.StreamObserver<io.godfs.api.v1.ListResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void rename(io.godfs.api.v1.RenameRequest request,
        io.grpc.stub.StreamObserver<io.godfs.api.v1.RenameResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getRenameMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void delete(io.godfs.api.v1.DeleteRequest request,
        io.grpc.stub.StreamObserver<io.godfs.api.v1.DeleteResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getDeleteMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Returns where to write chunk `chunk_index` of a file: allocates it (placement over live nodes)
     * when the file has no chunk there yet, otherwise bumps the chunk's version.
     * </pre>
     */
    public void allocateChunk(io.godfs.api.v1.AllocateChunkRequest request,
        io.grpc.stub.StreamObserver<io.godfs.api.v1.ChunkWriteTarget> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getAllocateChunkMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Records that every replica of the pipeline has the chunk durably, with its new length.
     * </pre>
     */
    public void commitChunk(io.godfs.api.v1.CommitChunkRequest request,
        io.grpc.stub.StreamObserver<io.godfs.api.v1.CommitChunkResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getCommitChunkMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void locateChunks(io.godfs.api.v1.LocateChunksRequest request,
        io.grpc.stub.StreamObserver<io.godfs.api.v1.LocatedFile> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getLocateChunksMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void reportBadReplica(io.godfs.api.v1.ReportBadReplicaRequest request,
        io.grpc.stub.StreamObserver<io.godfs.api.v1.ReportBadReplicaResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getReportBadReplicaMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service MasterService.
   */
  public static final class MasterServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<MasterServiceBlockingV2Stub> {
    private MasterServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected MasterServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new MasterServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     */
    public io.godfs.api.v1.ClusterInfo getClusterInfo(io.godfs.api.v1.GetClusterInfoRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetClusterInfoMethod(), getCallOptions(), request);
    }

    /**
     */
    public io.godfs.api.v1.FileStatus mkdir(io.godfs.api.v1.MkdirRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getMkdirMethod(), getCallOptions(), request);
    }

    /**
     */
    public io.godfs.api.v1.FileStatus createFile(io.godfs.api.v1.CreateFileRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getCreateFileMethod(), getCallOptions(), request);
    }

    /**
     */
    public io.godfs.api.v1.FileStatus stat(io.godfs.api.v1.StatRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getStatMethod(), getCallOptions(), request);
    }

    /**
     */
    public io.godfs.api.v1.ListResponse list(io.godfs.api.v1.ListRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListMethod(), getCallOptions(), request);
    }

    /**
     */
    public io.godfs.api.v1.RenameResponse rename(io.godfs.api.v1.RenameRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getRenameMethod(), getCallOptions(), request);
    }

    /**
     */
    public io.godfs.api.v1.DeleteResponse delete(io.godfs.api.v1.DeleteRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getDeleteMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Returns where to write chunk `chunk_index` of a file: allocates it (placement over live nodes)
     * when the file has no chunk there yet, otherwise bumps the chunk's version.
     * </pre>
     */
    public io.godfs.api.v1.ChunkWriteTarget allocateChunk(io.godfs.api.v1.AllocateChunkRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getAllocateChunkMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Records that every replica of the pipeline has the chunk durably, with its new length.
     * </pre>
     */
    public io.godfs.api.v1.CommitChunkResponse commitChunk(io.godfs.api.v1.CommitChunkRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getCommitChunkMethod(), getCallOptions(), request);
    }

    /**
     */
    public io.godfs.api.v1.LocatedFile locateChunks(io.godfs.api.v1.LocateChunksRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getLocateChunksMethod(), getCallOptions(), request);
    }

    /**
     */
    public io.godfs.api.v1.ReportBadReplicaResponse reportBadReplica(io.godfs.api.v1.ReportBadReplicaRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getReportBadReplicaMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service MasterService.
   */
  public static final class MasterServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<MasterServiceBlockingStub> {
    private MasterServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected MasterServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new MasterServiceBlockingStub(channel, callOptions);
    }

    /**
     */
    public io.godfs.api.v1.ClusterInfo getClusterInfo(io.godfs.api.v1.GetClusterInfoRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetClusterInfoMethod(), getCallOptions(), request);
    }

    /**
     */
    public io.godfs.api.v1.FileStatus mkdir(io.godfs.api.v1.MkdirRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getMkdirMethod(), getCallOptions(), request);
    }

    /**
     */
    public io.godfs.api.v1.FileStatus createFile(io.godfs.api.v1.CreateFileRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getCreateFileMethod(), getCallOptions(), request);
    }

    /**
     */
    public io.godfs.api.v1.FileStatus stat(io.godfs.api.v1.StatRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getStatMethod(), getCallOptions(), request);
    }

    /**
     */
    public io.godfs.api.v1.ListResponse list(io.godfs.api.v1.ListRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListMethod(), getCallOptions(), request);
    }

    /**
     */
    public io.godfs.api.v1.RenameResponse rename(io.godfs.api.v1.RenameRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getRenameMethod(), getCallOptions(), request);
    }

    /**
     */
    public io.godfs.api.v1.DeleteResponse delete(io.godfs.api.v1.DeleteRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getDeleteMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Returns where to write chunk `chunk_index` of a file: allocates it (placement over live nodes)
     * when the file has no chunk there yet, otherwise bumps the chunk's version.
     * </pre>
     */
    public io.godfs.api.v1.ChunkWriteTarget allocateChunk(io.godfs.api.v1.AllocateChunkRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getAllocateChunkMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Records that every replica of the pipeline has the chunk durably, with its new length.
     * </pre>
     */
    public io.godfs.api.v1.CommitChunkResponse commitChunk(io.godfs.api.v1.CommitChunkRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getCommitChunkMethod(), getCallOptions(), request);
    }

    /**
     */
    public io.godfs.api.v1.LocatedFile locateChunks(io.godfs.api.v1.LocateChunksRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getLocateChunksMethod(), getCallOptions(), request);
    }

    /**
     */
    public io.godfs.api.v1.ReportBadReplicaResponse reportBadReplica(io.godfs.api.v1.ReportBadReplicaRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getReportBadReplicaMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service MasterService.
   */
  public static final class MasterServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<MasterServiceFutureStub> {
    private MasterServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected MasterServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new MasterServiceFutureStub(channel, callOptions);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<io.godfs.api.v1.ClusterInfo> getClusterInfo(
        io.godfs.api.v1.GetClusterInfoRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetClusterInfoMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<io.godfs.api.v1.FileStatus> mkdir(
        io.godfs.api.v1.MkdirRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getMkdirMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<io.godfs.api.v1.FileStatus> createFile(
        io.godfs.api.v1.CreateFileRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getCreateFileMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<io.godfs.api.v1.FileStatus> stat(
        io.godfs.api.v1.StatRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getStatMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<io.godfs.api.v1.ListResponse> list(
        io.godfs.api.v1.ListRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<io.godfs.api.v1.RenameResponse> rename(
        io.godfs.api.v1.RenameRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getRenameMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<io.godfs.api.v1.DeleteResponse> delete(
        io.godfs.api.v1.DeleteRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getDeleteMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Returns where to write chunk `chunk_index` of a file: allocates it (placement over live nodes)
     * when the file has no chunk there yet, otherwise bumps the chunk's version.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<io.godfs.api.v1.ChunkWriteTarget> allocateChunk(
        io.godfs.api.v1.AllocateChunkRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getAllocateChunkMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Records that every replica of the pipeline has the chunk durably, with its new length.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<io.godfs.api.v1.CommitChunkResponse> commitChunk(
        io.godfs.api.v1.CommitChunkRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getCommitChunkMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<io.godfs.api.v1.LocatedFile> locateChunks(
        io.godfs.api.v1.LocateChunksRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getLocateChunksMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<io.godfs.api.v1.ReportBadReplicaResponse> reportBadReplica(
        io.godfs.api.v1.ReportBadReplicaRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getReportBadReplicaMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_GET_CLUSTER_INFO = 0;
  private static final int METHODID_MKDIR = 1;
  private static final int METHODID_CREATE_FILE = 2;
  private static final int METHODID_STAT = 3;
  private static final int METHODID_LIST = 4;
  private static final int METHODID_RENAME = 5;
  private static final int METHODID_DELETE = 6;
  private static final int METHODID_ALLOCATE_CHUNK = 7;
  private static final int METHODID_COMMIT_CHUNK = 8;
  private static final int METHODID_LOCATE_CHUNKS = 9;
  private static final int METHODID_REPORT_BAD_REPLICA = 10;

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
        case METHODID_GET_CLUSTER_INFO:
          serviceImpl.getClusterInfo((io.godfs.api.v1.GetClusterInfoRequest) request,
              (io.grpc.stub.StreamObserver<io.godfs.api.v1.ClusterInfo>) responseObserver);
          break;
        case METHODID_MKDIR:
          serviceImpl.mkdir((io.godfs.api.v1.MkdirRequest) request,
              (io.grpc.stub.StreamObserver<io.godfs.api.v1.FileStatus>) responseObserver);
          break;
        case METHODID_CREATE_FILE:
          serviceImpl.createFile((io.godfs.api.v1.CreateFileRequest) request,
              (io.grpc.stub.StreamObserver<io.godfs.api.v1.FileStatus>) responseObserver);
          break;
        case METHODID_STAT:
          serviceImpl.stat((io.godfs.api.v1.StatRequest) request,
              (io.grpc.stub.StreamObserver<io.godfs.api.v1.FileStatus>) responseObserver);
          break;
        case METHODID_LIST:
          serviceImpl.list((io.godfs.api.v1.ListRequest) request,
              (io.grpc.stub.StreamObserver<io.godfs.api.v1.ListResponse>) responseObserver);
          break;
        case METHODID_RENAME:
          serviceImpl.rename((io.godfs.api.v1.RenameRequest) request,
              (io.grpc.stub.StreamObserver<io.godfs.api.v1.RenameResponse>) responseObserver);
          break;
        case METHODID_DELETE:
          serviceImpl.delete((io.godfs.api.v1.DeleteRequest) request,
              (io.grpc.stub.StreamObserver<io.godfs.api.v1.DeleteResponse>) responseObserver);
          break;
        case METHODID_ALLOCATE_CHUNK:
          serviceImpl.allocateChunk((io.godfs.api.v1.AllocateChunkRequest) request,
              (io.grpc.stub.StreamObserver<io.godfs.api.v1.ChunkWriteTarget>) responseObserver);
          break;
        case METHODID_COMMIT_CHUNK:
          serviceImpl.commitChunk((io.godfs.api.v1.CommitChunkRequest) request,
              (io.grpc.stub.StreamObserver<io.godfs.api.v1.CommitChunkResponse>) responseObserver);
          break;
        case METHODID_LOCATE_CHUNKS:
          serviceImpl.locateChunks((io.godfs.api.v1.LocateChunksRequest) request,
              (io.grpc.stub.StreamObserver<io.godfs.api.v1.LocatedFile>) responseObserver);
          break;
        case METHODID_REPORT_BAD_REPLICA:
          serviceImpl.reportBadReplica((io.godfs.api.v1.ReportBadReplicaRequest) request,
              (io.grpc.stub.StreamObserver<io.godfs.api.v1.ReportBadReplicaResponse>) responseObserver);
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
          getGetClusterInfoMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.godfs.api.v1.GetClusterInfoRequest,
              io.godfs.api.v1.ClusterInfo>(
                service, METHODID_GET_CLUSTER_INFO)))
        .addMethod(
          getMkdirMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.godfs.api.v1.MkdirRequest,
              io.godfs.api.v1.FileStatus>(
                service, METHODID_MKDIR)))
        .addMethod(
          getCreateFileMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.godfs.api.v1.CreateFileRequest,
              io.godfs.api.v1.FileStatus>(
                service, METHODID_CREATE_FILE)))
        .addMethod(
          getStatMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.godfs.api.v1.StatRequest,
              io.godfs.api.v1.FileStatus>(
                service, METHODID_STAT)))
        .addMethod(
          getListMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.godfs.api.v1.ListRequest,
              io.godfs.api.v1.ListResponse>(
                service, METHODID_LIST)))
        .addMethod(
          getRenameMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.godfs.api.v1.RenameRequest,
              io.godfs.api.v1.RenameResponse>(
                service, METHODID_RENAME)))
        .addMethod(
          getDeleteMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.godfs.api.v1.DeleteRequest,
              io.godfs.api.v1.DeleteResponse>(
                service, METHODID_DELETE)))
        .addMethod(
          getAllocateChunkMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.godfs.api.v1.AllocateChunkRequest,
              io.godfs.api.v1.ChunkWriteTarget>(
                service, METHODID_ALLOCATE_CHUNK)))
        .addMethod(
          getCommitChunkMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.godfs.api.v1.CommitChunkRequest,
              io.godfs.api.v1.CommitChunkResponse>(
                service, METHODID_COMMIT_CHUNK)))
        .addMethod(
          getLocateChunksMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.godfs.api.v1.LocateChunksRequest,
              io.godfs.api.v1.LocatedFile>(
                service, METHODID_LOCATE_CHUNKS)))
        .addMethod(
          getReportBadReplicaMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              io.godfs.api.v1.ReportBadReplicaRequest,
              io.godfs.api.v1.ReportBadReplicaResponse>(
                service, METHODID_REPORT_BAD_REPLICA)))
        .build();
  }

  private static abstract class MasterServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    MasterServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return io.godfs.api.v1.Master.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("MasterService");
    }
  }

  private static final class MasterServiceFileDescriptorSupplier
      extends MasterServiceBaseDescriptorSupplier {
    MasterServiceFileDescriptorSupplier() {}
  }

  private static final class MasterServiceMethodDescriptorSupplier
      extends MasterServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    MasterServiceMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (MasterServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new MasterServiceFileDescriptorSupplier())
              .addMethod(getGetClusterInfoMethod())
              .addMethod(getMkdirMethod())
              .addMethod(getCreateFileMethod())
              .addMethod(getStatMethod())
              .addMethod(getListMethod())
              .addMethod(getRenameMethod())
              .addMethod(getDeleteMethod())
              .addMethod(getAllocateChunkMethod())
              .addMethod(getCommitChunkMethod())
              .addMethod(getLocateChunksMethod())
              .addMethod(getReportBadReplicaMethod())
              .build();
        }
      }
    }
    return result;
  }
}
