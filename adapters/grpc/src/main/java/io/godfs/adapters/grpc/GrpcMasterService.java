package io.godfs.adapters.grpc;

import static io.godfs.adapters.grpc.CallerInterceptor.caller;
import static io.godfs.adapters.grpc.Calls.path;
import static io.godfs.adapters.grpc.Calls.positive;
import static io.godfs.adapters.grpc.Calls.unary;
import static io.godfs.adapters.grpc.Calls.unaryAsync;

import io.godfs.api.v1.AllocateChunkRequest;
import io.godfs.api.v1.ChunkWriteTarget;
import io.godfs.api.v1.CloseFileRequest;
import io.godfs.api.v1.CloseFileResponse;
import io.godfs.api.v1.ClusterInfo;
import io.godfs.api.v1.CommitChunkRequest;
import io.godfs.api.v1.CommitChunkResponse;
import io.godfs.api.v1.CreateFileRequest;
import io.godfs.api.v1.DelegationTokenResponse;
import io.godfs.api.v1.DeleteRequest;
import io.godfs.api.v1.DeleteResponse;
import io.godfs.api.v1.ExchangeRequest;
import io.godfs.api.v1.FileStatus;
import io.godfs.api.v1.GetClusterInfoRequest;
import io.godfs.api.v1.GetXattrsRequest;
import io.godfs.api.v1.GetXattrsResponse;
import io.godfs.api.v1.IssueDelegationTokenRequest;
import io.godfs.api.v1.LinkRequest;
import io.godfs.api.v1.ListNamesResponse;
import io.godfs.api.v1.ListRequest;
import io.godfs.api.v1.ListResponse;
import io.godfs.api.v1.ListTrashRequest;
import io.godfs.api.v1.ListTrashResponse;
import io.godfs.api.v1.LocateChunksRequest;
import io.godfs.api.v1.LocatedFile;
import io.godfs.api.v1.MakeNodeRequest;
import io.godfs.api.v1.MasterServiceGrpc;
import io.godfs.api.v1.MkdirRequest;
import io.godfs.api.v1.OpenForWriteRequest;
import io.godfs.api.v1.RecoverChunkRequest;
import io.godfs.api.v1.RemoveXattrRequest;
import io.godfs.api.v1.RenameRequest;
import io.godfs.api.v1.RenameResponse;
import io.godfs.api.v1.RenewLeaseRequest;
import io.godfs.api.v1.RenewLeaseResponse;
import io.godfs.api.v1.ReportBadReplicaRequest;
import io.godfs.api.v1.ReportBadReplicaResponse;
import io.godfs.api.v1.RestoreDeletedRequest;
import io.godfs.api.v1.SetAttributesRequest;
import io.godfs.api.v1.SetXattrRequest;
import io.godfs.api.v1.StatRequest;
import io.godfs.api.v1.StoreInlineRequest;
import io.godfs.api.v1.SymlinkRequest;
import io.godfs.api.v1.TruncateRequest;
import io.godfs.api.v1.WhoAmIRequest;
import io.godfs.api.v1.WhoAmIResponse;
import io.godfs.application.port.in.ChunkReadUseCase;
import io.godfs.application.port.in.ChunkWriteUseCase;
import io.godfs.application.port.in.ChunkserverRegistryUseCase;
import io.godfs.application.port.in.DelegationUseCase;
import io.godfs.application.port.in.LeaseUseCase;
import io.godfs.application.port.in.NamespaceUseCase;
import io.godfs.application.port.in.TrashEntry;
import io.godfs.application.port.in.TrashUseCase;
import io.godfs.domain.access.Caller;
import io.godfs.domain.access.Delegation;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.ChunkAllocationRequest;
import io.godfs.domain.file.ChunkCommitRequest;
import io.godfs.domain.file.ChunkRecoveryRequest;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileId;
import io.godfs.domain.file.InlineWriteRequest;
import io.godfs.domain.file.LeaseHolder;
import io.godfs.domain.file.NewFile;
import io.godfs.domain.node.NodeId;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The master's client API over gRPC, driving the master's use cases. */
public final class GrpcMasterService extends MasterServiceGrpc.MasterServiceImplBase {
  private final NamespaceUseCase namespace;
  private final ChunkWriteUseCase writes;
  private final ChunkReadUseCase reads;
  private final ChunkserverRegistryUseCase registry;
  private final LeaseUseCase leases;
  private final DelegationUseCase delegations;
  private final TrashUseCase trash;
  private final ParentStatuses parents;

  /** Without delegation tokens: {@code IssueDelegationToken} is refused, naming why. */
  public GrpcMasterService(
      NamespaceUseCase namespace,
      ChunkWriteUseCase writes,
      ChunkReadUseCase reads,
      ChunkserverRegistryUseCase registry,
      LeaseUseCase leases) {
    this(namespace, writes, reads, registry, leases, null);
  }

  public GrpcMasterService(
      NamespaceUseCase namespace,
      ChunkWriteUseCase writes,
      ChunkReadUseCase reads,
      ChunkserverRegistryUseCase registry,
      LeaseUseCase leases,
      DelegationUseCase delegations) {
    this(namespace, writes, reads, registry, leases, delegations, null);
  }

  /** {@code trash} null: {@code ListTrash} and {@code RestoreDeleted} are refused, naming why. */
  public GrpcMasterService(
      NamespaceUseCase namespace,
      ChunkWriteUseCase writes,
      ChunkReadUseCase reads,
      ChunkserverRegistryUseCase registry,
      LeaseUseCase leases,
      DelegationUseCase delegations,
      TrashUseCase trash) {
    this.trash = trash;
    this.namespace = namespace;
    this.parents = new ParentStatuses(namespace);
    this.writes = writes;
    this.reads = reads;
    this.registry = registry;
    this.leases = leases;
    this.delegations = delegations;
  }

  @Override
  public void issueDelegationToken(
      IssueDelegationTokenRequest r, StreamObserver<DelegationTokenResponse> out) {
    unary(
        out,
        () ->
            delegations == null
                ? Outcome.rejected(ErrorCode.CONFLICT, "this master issues no delegation tokens")
                : delegations.issue(
                    caller(),
                    path("path", r.getPath()),
                    Delegation.Operation.parse(r.getOperation()),
                    r.getContentLength(),
                    Duration.ofSeconds(r.getLifetimeSeconds())),
        issued ->
            DelegationTokenResponse.newBuilder()
                .setToken(issued.token())
                .setExpiresAtMs(issued.expires().toEpochMilli())
                .setKeyId(issued.keyId())
                .build());
  }

  /** An empty proto string is "no writer". */
  private static LeaseHolder writer(String raw) {
    return raw.isEmpty() ? LeaseHolder.NONE : Calls.writer("writer", raw);
  }

  @Override
  public void openForWrite(OpenForWriteRequest r, StreamObserver<FileStatus> out) {
    unary(
        out,
        () ->
            leases.openForWrite(
                caller(), path("path", r.getPath()), Calls.writer("writer", r.getWriter())),
        ProtoMapper::toProto);
  }

  @Override
  public void renewLease(RenewLeaseRequest r, StreamObserver<RenewLeaseResponse> out) {
    unary(
        out,
        () -> Outcome.ok(leases.renew(caller(), Calls.writer("writer", r.getWriter()))),
        timeout -> RenewLeaseResponse.newBuilder().setLeaseTimeoutMs(timeout.toMillis()).build());
  }

  @Override
  public void closeFile(CloseFileRequest r, StreamObserver<CloseFileResponse> out) {
    unary(
        out,
        () ->
            leases.close(
                caller(),
                Calls.fileId("file_id", r.getFileId()),
                Calls.writer("writer", r.getWriter())),
        ignored -> CloseFileResponse.getDefaultInstance());
  }

  /** Answered at the edge from the call's caller: no use case is involved in naming it. */
  @Override
  public void whoAmI(WhoAmIRequest request, StreamObserver<WhoAmIResponse> out) {
    unary(out, () -> Outcome.ok(caller().principal()), Principals::toProto);
  }

  @Override
  public void getClusterInfo(GetClusterInfoRequest request, StreamObserver<ClusterInfo> out) {
    unary(
        out,
        () -> Outcome.ok(registry.clusterInfo(caller())),
        info ->
            ClusterInfo.newBuilder()
                .setDefaultChunkSize(info.defaultChunkSize())
                .setDefaultReplication(info.defaultReplication())
                .setLiveNodes(info.liveNodes())
                .setCapacityBytes(info.capacityBytes())
                .setUsedBytes(info.usedBytes())
                .build());
  }

  @Override
  public void mkdir(MkdirRequest r, StreamObserver<FileStatus> out) {
    unary(
        out,
        () -> {
          DfsPath path = path("path", r.getPath());
          return namespace
              .mkdir(
                  caller(),
                  path,
                  r.getParents(),
                  AttributesMapper.toDomain(r.hasOwnership(), r.getOwnership()))
              .map(
                  made -> {
                    FileStatus.Builder reply = ProtoMapper.toProto(made).toBuilder();
                    if (r.getStatParent()) {
                      parents.parentOf(caller(), path).ifPresent(reply::setParent);
                    }
                    return reply.build();
                  });
        },
        reply -> reply);
  }

  @Override
  public void setXattr(SetXattrRequest r, StreamObserver<FileStatus> out) {
    unary(
        out,
        () ->
            namespace.setXattr(
                caller(),
                path("path", r.getPath()),
                r.getName(),
                r.getValue().toByteArray(),
                AttributesMapper.xattrMode(r.getMode())),
        ProtoMapper::toProto);
  }

  @Override
  public void removeXattr(RemoveXattrRequest r, StreamObserver<FileStatus> out) {
    unary(
        out,
        () -> namespace.removeXattr(caller(), path("path", r.getPath()), r.getName()),
        ProtoMapper::toProto);
  }

  @Override
  public void makeNode(MakeNodeRequest r, StreamObserver<FileStatus> out) {
    unary(
        out,
        () ->
            namespace.makeNode(
                caller(),
                path("path", r.getPath()),
                ProtoMapper.typeOf(r.getType()),
                r.getDevice(),
                AttributesMapper.toDomain(r.hasOwnership(), r.getOwnership())),
        ProtoMapper::toProto);
  }

  @Override
  public void symlink(SymlinkRequest r, StreamObserver<FileStatus> out) {
    unary(
        out,
        () ->
            namespace.symlink(
                caller(),
                path("path", r.getPath()),
                r.getTarget(),
                AttributesMapper.toDomain(r.hasOwnership(), r.getOwnership())),
        ProtoMapper::toProto);
  }

  @Override
  public void getXattrs(GetXattrsRequest r, StreamObserver<GetXattrsResponse> out) {
    unary(
        out,
        () -> namespace.xattrs(caller(), path("path", r.getPath())),
        AttributesMapper::toProto);
  }

  @Override
  public void setAttributes(SetAttributesRequest r, StreamObserver<FileStatus> out) {
    unary(
        out,
        () ->
            namespace.setAttributes(
                caller(), path("path", r.getPath()), AttributesMapper.toDomain(r)),
        ProtoMapper::toProto);
  }

  @Override
  public void createFile(CreateFileRequest r, StreamObserver<FileStatus> out) {
    // Asynchronous: no thread waits while a replicated master commits the create.
    unaryAsync(
        out,
        () -> {
          Caller caller = caller();
          NewFile file =
              new NewFile(
                  path("path", r.getPath()),
                  r.getOverwrite(),
                  r.getReplication(),
                  r.getChunkSize(),
                  AttributesMapper.toDomain(r.hasOwnership(), r.getOwnership()));
          var created =
              (r.hasInlineData()
                      ? namespace.createWithContentAsync(
                          caller, file, r.getInlineData().toByteArray())
                      : namespace.createAsync(caller, file, writer(r.getWriter())))
                  .thenApply(outcome -> outcome.map(ProtoMapper::toProto));
          return r.getStatParent()
              ? created.thenCompose(answer -> parents.withParentAsync(caller, file.path(), answer))
              : created;
        },
        reply -> reply);
  }

  @Override
  public void stat(StatRequest r, StreamObserver<FileStatus> out) {
    // Asynchronous: a leader whose lease covers the read answers on this thread; else the answer
    // goes out from the thread that confirms the read, and no thread waits for it.
    unaryAsync(
        out, () -> namespace.statAsync(caller(), path("path", r.getPath())), ProtoMapper::toProto);
  }

  @Override
  public void list(ListRequest r, StreamObserver<ListResponse> out) {
    unary(
        out,
        () ->
            namespace.list(
                caller(),
                path("path", r.getPath()),
                Calls.bounded("start_after", r.getStartAfter(), DfsPath.MAX_SEGMENT_BYTES),
                r.getLimit()),
        listing ->
            ListResponse.newBuilder()
                .addAllEntries(listing.entries().stream().map(ProtoMapper::toProto).toList())
                .setHasMore(listing.hasMore())
                .build());
  }

  @Override
  public void listNames(ListRequest r, StreamObserver<ListNamesResponse> out) {
    unary(
        out,
        () ->
            namespace.listNames(
                caller(),
                path("path", r.getPath()),
                Calls.bounded("start_after", r.getStartAfter(), DfsPath.MAX_SEGMENT_BYTES),
                r.getLimit()),
        NameListingMapper::toProto);
  }

  @Override
  public void rename(RenameRequest r, StreamObserver<RenameResponse> out) {
    unary(
        out,
        () -> {
          DfsPath source = path("source", r.getSource());
          DfsPath target = path("target", r.getTarget());
          return (r.getExpectedTargetId() != 0
                  ? namespace.renameOver(
                      caller(), source, target, new FileId(r.getExpectedTargetId()))
                  : namespace.rename(caller(), source, target, r.getReplace()))
              .map(
                  done ->
                      r.getStatParents()
                          ? RenameResponse.newBuilder()
                              .addAllParents(parents.parentsOf(caller(), source, target))
                              .build()
                          : RenameResponse.getDefaultInstance());
        },
        reply -> reply);
  }

  @Override
  public void link(LinkRequest r, StreamObserver<FileStatus> out) {
    unary(
        out,
        () ->
            namespace.link(caller(), path("existing", r.getExisting()), path("link", r.getLink())),
        ProtoMapper::toProto);
  }

  @Override
  public void exchange(ExchangeRequest r, StreamObserver<RenameResponse> out) {
    unary(
        out,
        () ->
            namespace.exchange(
                caller(), path("first", r.getFirst()), path("second", r.getSecond())),
        ignored -> RenameResponse.getDefaultInstance());
  }

  @Override
  public void truncate(TruncateRequest r, StreamObserver<FileStatus> out) {
    unary(
        out,
        () ->
            namespace.truncate(
                caller(), path("path", r.getPath()), r.getLength(), writer(r.getWriter())),
        ProtoMapper::toProto);
  }

  @Override
  public void delete(DeleteRequest r, StreamObserver<DeleteResponse> out) {
    unary(
        out,
        () -> {
          DfsPath path = path("path", r.getPath());
          return namespace
              .delete(caller(), path, r.getRecursive())
              .map(
                  deletion -> {
                    DeleteResponse reply = TrashProtos.toProto(deletion);
                    return r.getStatParent()
                        ? parents
                            .parentOf(caller(), path)
                            .map(parent -> reply.toBuilder().setParent(parent).build())
                            .orElse(reply)
                        : reply;
                  });
        },
        reply -> reply);
  }

  @Override
  public void listTrash(ListTrashRequest r, StreamObserver<ListTrashResponse> out) {
    unary(
        out,
        () ->
            trash == null
                ? noTrash()
                : trash.list(
                    caller(),
                    Calls.bounded("start_after", r.getStartAfter(), DfsPath.MAX_SEGMENT_BYTES),
                    r.getLimit()),
        TrashProtos::toProto);
  }

  @Override
  public void restoreDeleted(RestoreDeletedRequest r, StreamObserver<FileStatus> out) {
    unary(
        out,
        () ->
            trash == null
                ? noTrash()
                : trash.restore(
                    caller(),
                    path("path", r.getPath()),
                    r.getEntryId().isEmpty()
                        ? Optional.empty()
                        : Optional.of(new TrashEntry.Id(r.getEntryId()))),
        ProtoMapper::toProto);
  }

  private static <T> Outcome<T> noTrash() {
    return Outcome.rejected(ErrorCode.CONFLICT, "this master serves no trash");
  }

  // The request records refuse a bad number or an empty node list with an IllegalArgumentException
  // naming the field, which Calls answers as INVALID_ARGUMENT with that message.

  @Override
  public void allocateChunk(AllocateChunkRequest r, StreamObserver<ChunkWriteTarget> out) {
    unary(
        out,
        () ->
            writes.allocate(
                caller(),
                new ChunkAllocationRequest(
                    path("path", r.getPath()),
                    Calls.fileId("file_id", r.getFileId()),
                    r.getChunkIndex(),
                    Set.copyOf(nodes(r.getExcludedNodeIdsList()))),
                writer(r.getWriter())),
        ProtoMapper::toProto);
  }

  @Override
  public void commitChunk(CommitChunkRequest r, StreamObserver<CommitChunkResponse> out) {
    unary(
        out,
        () -> {
          FileId fileId = Calls.fileId("file_id", r.getFileId());
          LeaseHolder.Client closer =
              r.getCloseFile() ? Calls.writer("writer", r.getWriter()) : null;
          Outcome<Long> committed =
              writes.commit(
                  caller(),
                  new ChunkCommitRequest(
                      path("path", r.getPath()),
                      fileId,
                      r.getChunkIndex(),
                      new ChunkId(positive("chunk_id", r.getChunkId())),
                      new ChunkVersion(positive("version", r.getVersion())),
                      r.getChunkLength(),
                      nodes(r.getReplicaNodeIdsList())),
                  writer(r.getWriter()));
          // The stream's close rides on its last commit: the lease goes only once the bytes are
          // recorded.
          return closer == null
              ? committed
              : committed.flatMap(
                  length -> leases.close(caller(), fileId, closer).map(s -> length));
        },
        length -> CommitChunkResponse.newBuilder().setFileLength(length).build());
  }

  @Override
  public void storeInline(StoreInlineRequest r, StreamObserver<FileStatus> out) {
    unary(
        out,
        () ->
            writes.storeInline(
                caller(),
                new InlineWriteRequest(
                    path("path", r.getPath()),
                    Calls.fileId("file_id", r.getFileId()),
                    r.getOffset(),
                    r.getData().toByteArray(),
                    r.getCloseFile()),
                Calls.writer("writer", r.getWriter())),
        ProtoMapper::toProto);
  }

  @Override
  public void recoverChunk(RecoverChunkRequest r, StreamObserver<ChunkWriteTarget> out) {
    unary(
        out,
        () ->
            writes.recover(
                caller(),
                new ChunkRecoveryRequest(
                    path("path", r.getPath()),
                    Calls.fileId("file_id", r.getFileId()),
                    r.getChunkIndex(),
                    new ChunkId(positive("chunk_id", r.getChunkId())),
                    new ChunkVersion(positive("failed_version", r.getFailedVersion())),
                    nodes(r.getSurvivorNodeIdsList())),
                writer(r.getWriter())),
        ProtoMapper::toProto);
  }

  private static List<NodeId> nodes(List<String> ids) {
    return ids.stream().map(NodeId::new).toList();
  }

  @Override
  public void locateChunks(LocateChunksRequest r, StreamObserver<LocatedFile> out) {
    unary(
        out,
        () -> reads.locate(caller(), path("path", r.getPath()), r.getOffset(), r.getLength()),
        ProtoMapper::toProto);
  }

  @Override
  public void reportBadReplica(
      ReportBadReplicaRequest r, StreamObserver<ReportBadReplicaResponse> out) {
    unary(
        out,
        () ->
            reads.reportBadReplica(
                caller(),
                new ChunkId(positive("chunk_id", r.getChunkId())),
                new NodeId(r.getNodeId()),
                Calls.bounded("reason", r.getReason(), Calls.MAX_TEXT_CHARS)),
        ignored -> ReportBadReplicaResponse.getDefaultInstance());
  }
}
