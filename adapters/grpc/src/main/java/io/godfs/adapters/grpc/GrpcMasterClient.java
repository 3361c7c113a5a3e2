package io.godfs.adapters.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.godfs.api.v1.AllocateChunkRequest;
import io.godfs.api.v1.CloseFileRequest;
import io.godfs.api.v1.CommitChunkRequest;
import io.godfs.api.v1.CreateFileRequest;
import io.godfs.api.v1.DelegationTokenResponse;
import io.godfs.api.v1.DeleteRequest;
import io.godfs.api.v1.DeleteResponse;
import io.godfs.api.v1.ExchangeRequest;
import io.godfs.api.v1.FileStatusOrBuilder;
import io.godfs.api.v1.GetClusterInfoRequest;
import io.godfs.api.v1.GetXattrsRequest;
import io.godfs.api.v1.GetXattrsResponse;
import io.godfs.api.v1.IssueDelegationTokenRequest;
import io.godfs.api.v1.LinkRequest;
import io.godfs.api.v1.ListRequest;
import io.godfs.api.v1.LocateChunksRequest;
import io.godfs.api.v1.MakeNodeRequest;
import io.godfs.api.v1.MasterServiceGrpc;
import io.godfs.api.v1.MkdirRequest;
import io.godfs.api.v1.OpenForWriteRequest;
import io.godfs.api.v1.RecoverChunkRequest;
import io.godfs.api.v1.RemoveXattrRequest;
import io.godfs.api.v1.RenameRequest;
import io.godfs.api.v1.RenameResponse;
import io.godfs.api.v1.RenewLeaseRequest;
import io.godfs.api.v1.ReportBadReplicaRequest;
import io.godfs.api.v1.SetXattrRequest;
import io.godfs.api.v1.StatRequest;
import io.godfs.api.v1.StoreInlineRequest;
import io.godfs.api.v1.SymlinkRequest;
import io.godfs.api.v1.TruncateRequest;
import io.godfs.api.v1.WhoAmIRequest;
import io.godfs.application.port.in.DelegationUseCase;
import io.godfs.application.port.in.QuotaClient;
import io.godfs.application.port.in.SnapshotClient;
import io.godfs.application.port.in.TrashClient;
import io.godfs.application.port.out.MasterClient;
import io.godfs.domain.access.Delegation;
import io.godfs.domain.access.Principal;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkWriteTarget;
import io.godfs.domain.file.AttributeChange;
import io.godfs.domain.file.ChunkAllocationRequest;
import io.godfs.domain.file.ChunkCommitRequest;
import io.godfs.domain.file.ChunkRecoveryRequest;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileId;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.FileType;
import io.godfs.domain.file.InlineWriteRequest;
import io.godfs.domain.file.LeaseHolder;
import io.godfs.domain.file.Listing;
import io.godfs.domain.file.LocatedFile;
import io.godfs.domain.file.NameChange;
import io.godfs.domain.file.NameListing;
import io.godfs.domain.file.NewFile;
import io.godfs.domain.file.Ownership;
import io.godfs.domain.file.XattrMode;
import io.godfs.domain.file.Xattrs;
import io.godfs.domain.node.ClusterInfo;
import io.godfs.domain.node.NodeId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** The master's client API through a blocking gRPC stub with a deadline on every call. */
public final class GrpcMasterClient implements MasterClient {
  private final MasterEndpoints masters;
  private final Duration deadline;

  /** {@code addresses}: one master, or every master of a replicated group (comma-separated). */
  public GrpcMasterClient(String addresses, ChannelPool channels, Duration deadline) {
    this(new MasterEndpoints(addresses, channels), deadline);
  }

  /**
   * Presenting {@code credential} (empty: none) rather than the credential of {@code channels}: one
   * client per caller over shared connections.
   */
  public GrpcMasterClient(
      String addresses, ChannelPool channels, Optional<String> credential, Duration deadline) {
    this(new MasterEndpoints(addresses, channels, credential), deadline);
  }

  private GrpcMasterClient(MasterEndpoints masters, Duration deadline) {
    this.masters = masters;
    this.deadline = deadline;
  }

  private <T> T call(Function<MasterServiceGrpc.MasterServiceBlockingStub, T> rpc) {
    return masters.call(
        channel ->
            rpc.apply(
                MasterServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)));
  }

  /**
   * Whom the master takes this client for (its credential's principal; anonymous without one on a
   * cluster with security off). Not a port call: only the SDK's callers ask it.
   */
  public Principal whoAmI() {
    return Principals.toDomain(call(s -> s.whoAmI(WhoAmIRequest.getDefaultInstance())));
  }

  /**
   * The master's trash as this client's caller reaches it (ADR 0024), over the same connections.
   */
  public TrashClient trash() {
    return new GrpcTrashClient(masters, deadline);
  }

  /**
   * The master's snapshots as this client's caller reaches them (ADR 0025), over the same
   * connections.
   */
  public SnapshotClient snapshots() {
    return new GrpcSnapshotClient(masters, deadline);
  }

  /**
   * The master's directory quotas as this client's caller reaches them (ADR 0026), over the same
   * connections.
   */
  public QuotaClient quotas() {
    return new GrpcQuotaClient(masters, deadline);
  }

  /**
   * A delegation token for {@code operation} on {@code path} in this client's caller's name (ADR
   * 0022). Not a port call: a gateway asks it for its callers' presigned URLs.
   */
  public DelegationUseCase.Issued issueDelegationToken(
      DfsPath path, Delegation.Operation operation, long contentLength, Duration lifetime) {
    DelegationTokenResponse r =
        call(
            s ->
                s.issueDelegationToken(
                    IssueDelegationTokenRequest.newBuilder()
                        .setPath(path.value())
                        .setOperation(operation.label())
                        .setContentLength(contentLength)
                        .setLifetimeSeconds(lifetime.toSeconds())
                        .build()));
    return new DelegationUseCase.Issued(
        r.getToken(), Instant.ofEpochMilli(r.getExpiresAtMs()), r.getKeyId());
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
  public FileStatus mkdir(DfsPath path, boolean parents, Ownership ownership) {
    if (ownership == null) {
      return mkdir(path, parents);
    }
    MkdirRequest request =
        MkdirRequest.newBuilder()
            .setPath(path.value())
            .setParents(parents)
            .setOwnership(AttributesMapper.toProto(ownership))
            .build();
    return ProtoMapper.toDomain(call(s -> s.mkdir(request)));
  }

  @Override
  public FileStatus setAttributes(DfsPath path, AttributeChange change) {
    return ProtoMapper.toDomain(call(s -> s.setAttributes(AttributesMapper.toProto(path, change))));
  }

  @Override
  public FileStatus setXattr(DfsPath path, String name, byte[] value, XattrMode mode) {
    SetXattrRequest request =
        SetXattrRequest.newBuilder()
            .setPath(path.value())
            .setName(name)
            .setValue(ByteString.copyFrom(value))
            .setMode(mode.ordinal())
            .build();
    return ProtoMapper.toDomain(call(s -> s.setXattr(request)));
  }

  @Override
  public FileStatus removeXattr(DfsPath path, String name) {
    RemoveXattrRequest request =
        RemoveXattrRequest.newBuilder().setPath(path.value()).setName(name).build();
    return ProtoMapper.toDomain(call(s -> s.removeXattr(request)));
  }

  @Override
  public FileStatus symlink(DfsPath path, String target, Ownership ownership) {
    SymlinkRequest.Builder request =
        SymlinkRequest.newBuilder().setPath(path.value()).setTarget(target);
    if (ownership != null) {
      request.setOwnership(AttributesMapper.toProto(ownership));
    }
    return ProtoMapper.toDomain(call(s -> s.symlink(request.build())));
  }

  @Override
  public FileStatus link(DfsPath existing, DfsPath link) {
    LinkRequest request =
        LinkRequest.newBuilder().setExisting(existing.value()).setLink(link.value()).build();
    return ProtoMapper.toDomain(call(s -> s.link(request)));
  }

  @Override
  public void exchange(DfsPath first, DfsPath second) {
    ExchangeRequest request =
        ExchangeRequest.newBuilder().setFirst(first.value()).setSecond(second.value()).build();
    call(s -> s.exchange(request));
  }

  @Override
  public FileStatus makeNode(DfsPath path, FileType kind, long device, Ownership ownership) {
    MakeNodeRequest.Builder request =
        MakeNodeRequest.newBuilder()
            .setPath(path.value())
            .setType(ProtoMapper.typeOf(kind))
            .setDevice(device);
    if (ownership != null) {
      request.setOwnership(AttributesMapper.toProto(ownership));
    }
    return ProtoMapper.toDomain(call(s -> s.makeNode(request.build())));
  }

  @Override
  public Xattrs xattrs(DfsPath path) {
    GetXattrsRequest request = GetXattrsRequest.newBuilder().setPath(path.value()).build();
    GetXattrsResponse response = call(s -> s.getXattrs(request));
    return AttributesMapper.xattrs(response);
  }

  @Override
  public FileStatus create(NewFile file, LeaseHolder writer) {
    return ProtoMapper.toDomain(
        call(s -> s.createFile(createRequest(file).setWriter(orEmpty(writer)).build())));
  }

  @Override
  public NameChange<FileStatus> createAndStatParent(NewFile file, LeaseHolder writer) {
    var created =
        call(
            s ->
                s.createFile(
                    createRequest(file).setWriter(orEmpty(writer)).setStatParent(true).build()));
    return new NameChange<>(ProtoMapper.toDomain(created), parentIn(created));
  }

  @Override
  public FileStatus createWithContent(NewFile file, byte[] content) {
    return ProtoMapper.toDomain(
        call(
            s ->
                s.createFile(
                    createRequest(file)
                        .setInlineData(UnsafeByteOperations.unsafeWrap(content))
                        .build())));
  }

  private static CreateFileRequest.Builder createRequest(NewFile file) {
    CreateFileRequest.Builder request =
        CreateFileRequest.newBuilder()
            .setPath(file.path().value())
            .setOverwrite(file.overwrite())
            .setReplication(file.replication())
            .setChunkSize(file.chunkSize());
    if (file.ownership() != null) {
      request.setOwnership(AttributesMapper.toProto(file.ownership()));
    }
    return request;
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
    var r = call(s -> s.list(listRequest(path, startAfter, limit)));
    return new Listing(
        r.getEntriesList().stream().map(ProtoMapper::toDomain).toList(), r.getHasMore());
  }

  @Override
  public NameListing listNames(DfsPath path, String startAfter, int limit) {
    return NameListingMapper.toDomain(call(s -> s.listNames(listRequest(path, startAfter, limit))));
  }

  private static ListRequest listRequest(DfsPath path, String startAfter, int limit) {
    return ListRequest.newBuilder()
        .setPath(path.value())
        .setStartAfter(startAfter == null ? "" : startAfter)
        .setLimit(limit)
        .build();
  }

  @Override
  public void rename(DfsPath source, DfsPath target, boolean replace) {
    call(s -> s.rename(renameRequest(source, target, replace).build()));
  }

  private static RenameRequest.Builder renameRequest(
      DfsPath source, DfsPath target, boolean replace) {
    return RenameRequest.newBuilder()
        .setSource(source.value())
        .setTarget(target.value())
        .setReplace(replace);
  }

  @Override
  public void renameOver(DfsPath source, DfsPath target, FileId expectedTargetId) {
    call(
        s ->
            s.rename(
                renameRequest(source, target, true)
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
  public NameChange<FileStatus> mkdirAndStatParent(DfsPath path, Ownership ownership) {
    MkdirRequest.Builder request =
        MkdirRequest.newBuilder().setPath(path.value()).setStatParent(true);
    if (ownership != null) {
      request.setOwnership(AttributesMapper.toProto(ownership));
    }
    var made = call(s -> s.mkdir(request.build()));
    return new NameChange<>(ProtoMapper.toDomain(made), parentIn(made));
  }

  /** The parent's status a mkdir's or create's answer carries: none from an older master. */
  private static List<FileStatus> parentIn(FileStatusOrBuilder answer) {
    return answer.hasParent() ? List.of(ProtoMapper.toDomain(answer.getParent())) : List.of();
  }

  @Override
  public NameChange<Integer> deleteAndStatParent(DfsPath path) {
    DeleteResponse deleted =
        call(
            s ->
                s.delete(
                    DeleteRequest.newBuilder().setPath(path.value()).setStatParent(true).build()));
    return new NameChange<>(
        deleted.getFilesDeleted(),
        deleted.hasParent() ? List.of(ProtoMapper.toDomain(deleted.getParent())) : List.of());
  }

  @Override
  public NameChange<Void> renameAndStatParents(DfsPath source, DfsPath target, boolean replace) {
    RenameResponse renamed =
        call(s -> s.rename(renameRequest(source, target, replace).setStatParents(true).build()));
    return new NameChange<>(
        null, renamed.getParentsList().stream().map(ProtoMapper::toDomain).toList());
  }

  @Override
  public ChunkWriteTarget allocateChunk(ChunkAllocationRequest request, LeaseHolder writer) {
    return ProtoMapper.toWriteTarget(
        call(
            s ->
                s.allocateChunk(
                    AllocateChunkRequest.newBuilder()
                        .setPath(request.path().value())
                        .setFileId(request.fileId().value())
                        .setChunkIndex(request.index())
                        .setWriter(orEmpty(writer))
                        .addAllExcludedNodeIds(
                            request.excluded().stream().map(NodeId::value).toList())
                        .build())));
  }

  @Override
  public long commitChunk(ChunkCommitRequest commit, LeaseHolder writer) {
    return call(s -> s.commitChunk(commitRequest(commit, writer).build())).getFileLength();
  }

  @Override
  public long commitChunkAndClose(ChunkCommitRequest commit, LeaseHolder.Client writer) {
    return call(s -> s.commitChunk(commitRequest(commit, writer).setCloseFile(true).build()))
        .getFileLength();
  }

  private static CommitChunkRequest.Builder commitRequest(
      ChunkCommitRequest commit, LeaseHolder writer) {
    return CommitChunkRequest.newBuilder()
        .setPath(commit.path().value())
        .setFileId(commit.fileId().value())
        .setWriter(orEmpty(writer))
        .setChunkIndex(commit.index())
        .setChunkId(commit.chunkId().value())
        .setVersion(commit.version().value())
        .setChunkLength(commit.chunkLength())
        .addAllReplicaNodeIds(commit.replicas().stream().map(NodeId::value).toList());
  }

  @Override
  public FileStatus storeInline(InlineWriteRequest write, LeaseHolder writer) {
    return ProtoMapper.toDomain(
        call(
            s ->
                s.storeInline(
                    StoreInlineRequest.newBuilder()
                        .setPath(write.path().value())
                        .setFileId(write.fileId().value())
                        .setOffset(write.offset())
                        .setData(UnsafeByteOperations.unsafeWrap(write.data()))
                        .setWriter(orEmpty(writer))
                        .setCloseFile(write.closeFile())
                        .build())));
  }

  @Override
  public ChunkWriteTarget recoverChunk(ChunkRecoveryRequest request, LeaseHolder writer) {
    return ProtoMapper.toWriteTarget(
        call(
            s ->
                s.recoverChunk(
                    RecoverChunkRequest.newBuilder()
                        .setPath(request.path().value())
                        .setFileId(request.fileId().value())
                        .setChunkIndex(request.index())
                        .setChunkId(request.chunkId().value())
                        .setFailedVersion(request.failedVersion().value())
                        .setWriter(orEmpty(writer))
                        .addAllSurvivorNodeIds(
                            request.survivors().stream().map(NodeId::value).toList())
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
