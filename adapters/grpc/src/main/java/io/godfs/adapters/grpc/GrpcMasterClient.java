package io.godfs.adapters.grpc;

import com.google.protobuf.UnsafeByteOperations;
import io.godfs.api.v1.AllocateChunkRequest;
import io.godfs.api.v1.CloseFileRequest;
import io.godfs.api.v1.CommitChunkRequest;
import io.godfs.api.v1.CreateFileRequest;
import io.godfs.api.v1.DeleteRequest;
import io.godfs.api.v1.GetClusterInfoRequest;
import io.godfs.api.v1.ListRequest;
import io.godfs.api.v1.LocateChunksRequest;
import io.godfs.api.v1.MasterServiceGrpc;
import io.godfs.api.v1.MkdirRequest;
import io.godfs.api.v1.OpenForWriteRequest;
import io.godfs.api.v1.RecoverChunkRequest;
import io.godfs.api.v1.RenameRequest;
import io.godfs.api.v1.RenewLeaseRequest;
import io.godfs.api.v1.ReportBadReplicaRequest;
import io.godfs.api.v1.StatRequest;
import io.godfs.api.v1.StoreInlineRequest;
import io.godfs.api.v1.TruncateRequest;
import io.godfs.application.port.out.MasterClient;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.chunk.ChunkWriteTarget;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileId;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.LeaseHolder;
import io.godfs.domain.file.Listing;
import io.godfs.domain.file.LocatedFile;
import io.godfs.domain.node.ClusterInfo;
import io.godfs.domain.node.NodeId;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** The master's client API through a blocking gRPC stub with a deadline on every call. */
public final class GrpcMasterClient implements MasterClient {
  private final MasterEndpoints masters;
  private final Duration deadline;

  /** {@code addresses}: one master, or every master of a replicated group (comma-separated). */
  public GrpcMasterClient(String addresses, ChannelPool channels, Duration deadline) {
    this.masters = new MasterEndpoints(addresses, channels);
    this.deadline = deadline;
  }

  private <T> T call(Function<MasterServiceGrpc.MasterServiceBlockingStub, T> rpc) {
    return masters.call(
        channel ->
            rpc.apply(
                MasterServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)));
  }

  @Override
  public ClusterInfo clusterInfo() {
    var info = call(s -> s.getClusterInfo(GetClusterInfoRequest.getDefaultInstance()));
    return new ClusterInfo(
        info.getDefaultChunkSize(),
        info.getDefaultReplication(),
        info.getLiveNodes(),
        info.getCapacityBytes(),
        info.getUsedBytes());
  }

  @Override
  public FileStatus mkdir(DfsPath path, boolean parents) {
    return ProtoMapper.toDomain(
        call(
            s ->
                s.mkdir(
                    MkdirRequest.newBuilder().setPath(path.value()).setParents(parents).build())));
  }

  @Override
  public FileStatus create(
      DfsPath path, boolean overwrite, int replication, long chunkSize, LeaseHolder writer) {
    return ProtoMapper.toDomain(
        call(
            s ->
                s.createFile(
                    CreateFileRequest.newBuilder()
                        .setPath(path.value())
                        .setOverwrite(overwrite)
                        .setReplication(replication)
                        .setChunkSize(chunkSize)
                        .setWriter(orEmpty(writer))
                        .build())));
  }

  @Override
  public FileStatus createWithContent(DfsPath path, boolean overwrite, byte[] content) {
    return ProtoMapper.toDomain(
        call(
            s ->
                s.createFile(
                    CreateFileRequest.newBuilder()
                        .setPath(path.value())
                        .setOverwrite(overwrite)
                        .setInlineData(UnsafeByteOperations.unsafeWrap(content))
                        .build())));
  }

  @Override
  public FileStatus openForWrite(DfsPath path, LeaseHolder.Client writer) {
    return ProtoMapper.toDomain(
        call(
            s ->
                s.openForWrite(
                    OpenForWriteRequest.newBuilder()
                        .setPath(path.value())
                        .setWriter(writer.name())
                        .build())));
  }

  @Override
  public void closeFile(FileId fileId, LeaseHolder.Client writer) {
    call(
        s ->
            s.closeFile(
                CloseFileRequest.newBuilder()
                    .setFileId(fileId.value())
                    .setWriter(writer.name())
                    .build()));
  }

  @Override
  public Duration renewLease(LeaseHolder.Client writer) {
    return Duration.ofMillis(
        call(s -> s.renewLease(RenewLeaseRequest.newBuilder().setWriter(writer.name()).build()))
            .getLeaseTimeoutMs());
  }

  /** The wire's "no writer" is an empty string. */
  private static String orEmpty(LeaseHolder writer) {
    return writer instanceof LeaseHolder.Client client ? client.name() : "";
  }

  @Override
  public FileStatus stat(DfsPath path) {
    return ProtoMapper.toDomain(
        call(s -> s.stat(StatRequest.newBuilder().setPath(path.value()).build())));
  }

  @Override
  public Listing list(DfsPath path, String startAfter, int limit) {
    var r =
        call(
            s ->
                s.list(
                    ListRequest.newBuilder()
                        .setPath(path.value())
                        .setStartAfter(startAfter == null ? "" : startAfter)
                        .setLimit(limit)
                        .build()));
    return new Listing(
        r.getEntriesList().stream().map(ProtoMapper::toDomain).toList(), r.getHasMore());
  }

  @Override
  public void rename(DfsPath source, DfsPath target, boolean replace) {
    call(
        s ->
            s.rename(
                RenameRequest.newBuilder()
                    .setSource(source.value())
                    .setTarget(target.value())
                    .setReplace(replace)
                    .build()));
  }

  @Override
  public void renameOver(DfsPath source, DfsPath target, FileId expectedTargetId) {
    call(
        s ->
            s.rename(
                RenameRequest.newBuilder()
                    .setSource(source.value())
                    .setTarget(target.value())
                    .setReplace(true)
                    .setExpectedTargetId(expectedTargetId.value())
                    .build()));
  }

  @Override
  public FileStatus truncate(DfsPath path, long length, LeaseHolder writer) {
    return ProtoMapper.toDomain(
        call(
            s ->
                s.truncate(
                    TruncateRequest.newBuilder()
                        .setPath(path.value())
                        .setLength(length)
                        .setWriter(orEmpty(writer))
                        .build())));
  }

  @Override
  public int delete(DfsPath path, boolean recursive) {
    return call(s ->
            s.delete(
                DeleteRequest.newBuilder().setPath(path.value()).setRecursive(recursive).build()))
        .getFilesDeleted();
  }

  @Override
  public ChunkWriteTarget allocateChunk(
      DfsPath path, FileId fileId, int index, Set<NodeId> excluded, LeaseHolder writer) {
    return ProtoMapper.toWriteTarget(
        call(
            s ->
                s.allocateChunk(
                    AllocateChunkRequest.newBuilder()
                        .setPath(path.value())
                        .setFileId(fileId.value())
                        .setChunkIndex(index)
                        .setWriter(orEmpty(writer))
                        .addAllExcludedNodeIds(excluded.stream().map(NodeId::value).toList())
                        .build())));
  }

  @Override
  public long commitChunk(
      DfsPath path,
      FileId fileId,
      int index,
      ChunkId chunk,
      ChunkVersion version,
      long chunkLength,
      List<NodeId> replicas,
      LeaseHolder writer) {
    return call(s ->
            s.commitChunk(
                CommitChunkRequest.newBuilder()
                    .setPath(path.value())
                    .setFileId(fileId.value())
                    .setWriter(orEmpty(writer))
                    .setChunkIndex(index)
                    .setChunkId(chunk.value())
                    .setVersion(version.value())
                    .setChunkLength(chunkLength)
                    .addAllReplicaNodeIds(replicas.stream().map(NodeId::value).toList())
                    .build()))
        .getFileLength();
  }

  @Override
  public long commitChunkAndClose(
      DfsPath path,
      FileId fileId,
      int index,
      ChunkId chunk,
      ChunkVersion version,
      long chunkLength,
      List<NodeId> replicas,
      LeaseHolder.Client writer) {
    return call(s ->
            s.commitChunk(
                CommitChunkRequest.newBuilder()
                    .setPath(path.value())
                    .setFileId(fileId.value())
                    .setWriter(orEmpty(writer))
                    .setCloseFile(true)
                    .setChunkIndex(index)
                    .setChunkId(chunk.value())
                    .setVersion(version.value())
                    .setChunkLength(chunkLength)
                    .addAllReplicaNodeIds(replicas.stream().map(NodeId::value).toList())
                    .build()))
        .getFileLength();
  }

  @Override
  public FileStatus storeInline(
      DfsPath path, FileId fileId, long offset, byte[] data, boolean close, LeaseHolder writer) {
    return ProtoMapper.toDomain(
        call(
            s ->
                s.storeInline(
                    StoreInlineRequest.newBuilder()
                        .setPath(path.value())
                        .setFileId(fileId.value())
                        .setOffset(offset)
                        .setData(UnsafeByteOperations.unsafeWrap(data))
                        .setWriter(orEmpty(writer))
                        .setCloseFile(close)
                        .build())));
  }

  @Override
  public ChunkWriteTarget recoverChunk(
      DfsPath path,
      FileId fileId,
      int index,
      ChunkId chunk,
      ChunkVersion failedVersion,
      List<NodeId> survivors,
      LeaseHolder writer) {
    return ProtoMapper.toWriteTarget(
        call(
            s ->
                s.recoverChunk(
                    RecoverChunkRequest.newBuilder()
                        .setPath(path.value())
                        .setFileId(fileId.value())
                        .setChunkIndex(index)
                        .setChunkId(chunk.value())
                        .setFailedVersion(failedVersion.value())
                        .setWriter(orEmpty(writer))
                        .addAllSurvivorNodeIds(survivors.stream().map(NodeId::value).toList())
                        .build())));
  }

  @Override
  public LocatedFile locate(DfsPath path, long offset, long length) {
    return ProtoMapper.toLocatedFile(
        call(
            s ->
                s.locateChunks(
                    LocateChunksRequest.newBuilder()
                        .setPath(path.value())
                        .setOffset(offset)
                        .setLength(length)
                        .build())));
  }

  @Override
  public void reportBadReplica(ChunkId chunk, NodeId node, String reason) {
    call(
        s ->
            s.reportBadReplica(
                ReportBadReplicaRequest.newBuilder()
                    .setChunkId(chunk.value())
                    .setNodeId(node.value())
                    .setReason(reason)
                    .build()));
  }

  @Override
  public void close() {
    // Channels belong to the pool, closed by its owner.
  }
}
