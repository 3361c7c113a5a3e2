package io.godfs.application.master;

import io.godfs.application.port.in.ChunkWriteUseCase;
import io.godfs.application.port.out.MetadataStore;
import io.godfs.domain.access.Caller;
import io.godfs.domain.access.Permission;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkLayout;
import io.godfs.domain.chunk.ChunkOperation;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.chunk.ChunkWriteTarget;
import io.godfs.domain.chunk.LocatedChunk;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.ChunkAllocation;
import io.godfs.domain.file.ChunkAllocationRequest;
import io.godfs.domain.file.ChunkCommitRequest;
import io.godfs.domain.file.ChunkCopy;
import io.godfs.domain.file.ChunkRecoveryRequest;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileId;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.InlineWriteRequest;
import io.godfs.domain.file.LeaseHolder;
import io.godfs.domain.file.NamespaceCommand;
import io.godfs.domain.file.NamespaceQuery;
import io.godfs.domain.node.NodeId;
import io.godfs.domain.node.NodeLocation;
import io.godfs.domain.node.NodeState;
import io.godfs.domain.placement.CapacityAwarePlacement;
import io.godfs.domain.placement.PlacementDecision;
import io.godfs.domain.placement.PlacementRequest;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/** Grants write pipelines for chunks and records committed chunks with their replicas. */
final class ChunkWriteService implements ChunkWriteUseCase {
  private static final Set<ChunkOperation> WRITE = EnumSet.of(ChunkOperation.WRITE);
  private static final Set<ChunkOperation> READ = EnumSet.of(ChunkOperation.READ);
  private final Access access;
  private final MetadataStore store;
  private final ClusterState cluster;
  private final InstantSource clock;
  private final MasterSettings settings;
  private final CapacityAwarePlacement placement = new CapacityAwarePlacement();
  private final RandomGenerator random;
  private final ChunkTokenIssuer tokens;

  ChunkWriteService(
      MetadataStore store,
      ClusterState cluster,
      InstantSource clock,
      MasterSettings settings,
      RandomGenerator random,
      Access access,
      ChunkTokenIssuer tokens) {
    this.tokens = tokens;
    this.access = access;
    this.store = store;
    this.cluster = cluster;
    this.clock = clock;
    this.settings = settings;
    this.random = random;
  }

  @Override
  public Outcome<ChunkWriteTarget> allocate(
      Caller caller, ChunkAllocationRequest request, LeaseHolder writer) {
    if (access.check(caller, Permission.WRITE, request.path())
        instanceof Outcome.Rejected<Void> denied) {
      return Outcome.rejected(denied.error());
    }
    if (request.fileId().value() <= 0) {
      return badFileId(request.fileId());
    }
    String tooFar = pastLargestFile(request.path(), request.index());
    if (tooFar != null) {
      return Outcome.rejected(ErrorCode.INVALID_ARGUMENT, tooFar);
    }
    Instant now = clock.instant();
    return store
        .execute(
            new NamespaceCommand.AllocateChunk(
                request.path(), request.fileId(), request.index(), writer, now),
            caller)
        .flatMap(
            grant ->
                copySource(grant, request.path(), request.index(), caller, now)
                    .flatMap(
                        source ->
                            pipelineFor(grant, request.excluded(), now)
                                .map(target -> source.map(target::withCopyOf).orElse(target))))
        .map(target -> withToken(target, caller));
  }

  /**
   * A grant that must start as a copy of a chunk a snapshot holds (ADR 0025) carries where that
   * chunk is and a token to read it: the writer copies its bytes into the new chunk before its own.
   * Copying reads the file's old bytes, so the caller must also be allowed to read the file. Empty
   * for an ordinary grant; checked before the new chunk's nodes are chosen (and space reserved).
   */
  private Outcome<Optional<LocatedChunk>> copySource(
      ChunkAllocation grant, DfsPath path, int index, Caller caller, Instant now) {
    ChunkCopy copy = grant.copyOf();
    if (copy == null) {
      return Outcome.ok(Optional.empty());
    }
    if (access.check(caller, Permission.READ, path) instanceof Outcome.Rejected<Void> denied) {
      return Outcome.rejected(
          denied.error().code(),
          "a snapshot holds chunk "
              + copy.source()
              + " of "
              + path
              + ": writing it copies its bytes first, which needs read permission too ("
              + denied.error().message()
              + ")");
    }
    LocatedChunk source = sourceOf(copy, index, caller, now);
    if (source.replicas().isEmpty()) {
      return Outcome.rejected(
          ErrorCode.UNAVAILABLE,
          "no live replica holds "
              + copy.source()
              + ", which a snapshot holds and this write to "
              + path
              + " must copy first; it cannot be written until one returns");
    }
    return Outcome.ok(Optional.of(source));
  }

  /** The held chunk a copy starts from: its live replicas and a token to read its version. */
  private LocatedChunk sourceOf(ChunkCopy copy, int index, Caller caller, Instant now) {
    return new LocatedChunk(
        index,
        copy.source(),
        copy.version(),
        copy.length(),
        cluster.readableReplicas(copy.source(), copy.version(), now, settings.deadAfter()),
        tokens.issue(copy.source(), copy.version(), READ, caller.principal().name()));
  }

  /**
   * Why chunk {@code index} lies past the largest file size, or null. Checked before anything is
   * granted; only an index that could be that far for the largest chunks costs a look at the file.
   */
  private String pastLargestFile(DfsPath path, int index) {
    if ((long) (index + 1) * ChunkLayout.MAX_CHUNK_SIZE <= settings.maxFileBytes()) {
      return null;
    }
    var file = store.query(new NamespaceQuery.Stat(path));
    if (file instanceof Outcome.Ok<FileStatus> ok
        && (long) index * ok.value().chunkSize() < settings.maxFileBytes()) {
      return null;
    }
    return "write to "
        + path
        + " at chunk "
        + index
        + " (expected: files no larger than "
        + settings.maxFileBytes()
        + " bytes, GODFS_MASTER_MAX_FILE_SIZE)";
  }

  private Outcome<ChunkWriteTarget> pipelineFor(
      ChunkAllocation grant, Set<NodeId> excluded, Instant now) {
    if (!grant.fresh() && grant.committedLength() > 0) {
      // The chunk holds data: write to the replicas that have it, so untouched bytes stay intact.
      List<NodeLocation> current =
          new ArrayList<>(
              cluster.readableReplicas(
                  grant.chunkId(), grant.committedVersion(), now, settings.deadAfter()));
      // Never write into a replica reported corrupt: a new version would make it look whole.
      current.removeIf(
          l -> excluded.contains(l.id()) || cluster.isCorrupt(grant.chunkId(), l.id()));
      if (current.isEmpty()) {
        return Outcome.rejected(
            ErrorCode.UNAVAILABLE,
            "no live replica holds "
                + grant.chunkId()
                + "; it cannot be written until one returns");
      }
      return Outcome.ok(
          new ChunkWriteTarget(
              grant.chunkId(),
              grant.version(),
              grant.chunkSize(),
              current,
              grant.committedLength()));
    }
    Set<NodeId> avoid = new HashSet<>(excluded);
    avoid.addAll(cluster.retiring()); // decommissioning nodes take no new replicas
    PlacementDecision decision =
        placement.choose(
            new PlacementRequest(grant.replication(), grant.chunkSize(), avoid),
            cluster.nodesWithReservations(now),
            now,
            settings.deadAfter(),
            random);
    if (decision instanceof PlacementDecision.Insufficient scarce
        && !excluded.isEmpty()
        && scarce.eligible() > 0) {
      // A writer avoiding nodes that failed it: place what the other nodes can take (the client
      // checks its minimum of replicas) and let re-replication restore the rest, as HDFS does.
      decision =
          placement.choose(
              new PlacementRequest(scarce.eligible(), grant.chunkSize(), avoid),
              cluster.nodesWithReservations(now),
              now,
              settings.deadAfter(),
              random);
    }
    if (decision instanceof PlacementDecision.Insufficient
        && cluster.termIsYoung(now, settings.heartbeatInterval())) {
      // A new leader hears from the chunkservers one heartbeat at a time: ask the client to come
      // back
      // rather than refuse for lack of nodes that are merely not re-registered yet.
      return Outcome.rejected(
          ErrorCode.NOT_LEADER,
          "this master has just become the leader and is still"
              + " waiting for chunkservers to register ("
              + cluster.nodes().size()
              + " so far); retry");
    }
    return switch (decision) {
      case PlacementDecision.Insufficient insufficient ->
          Outcome.rejected(ErrorCode.NO_CAPACITY, insufficient.message());
      case PlacementDecision.Placed placed -> {
        cluster.reserveFor(grant.chunkId(), placed.nodes(), grant.chunkSize(), now);
        List<NodeLocation> pipeline =
            placed.nodes().stream()
                .map(
                    id ->
                        cluster
                            .node(id)
                            .map(NodeState::address)
                            .map(a -> new NodeLocation(id, a))
                            .orElseThrow())
                .toList();
        yield Outcome.ok(
            new ChunkWriteTarget(grant.chunkId(), grant.version(), grant.chunkSize(), pipeline, 0));
      }
    };
  }

  @Override
  public Outcome<ChunkWriteTarget> recover(
      Caller caller, ChunkRecoveryRequest request, LeaseHolder writer) {
    if (access.check(caller, Permission.WRITE, request.path())
        instanceof Outcome.Rejected<Void> denied) {
      return Outcome.rejected(denied.error());
    }
    if (request.fileId().value() <= 0) {
      return badFileId(request.fileId());
    }
    ChunkId chunk = request.chunkId();
    // The request names at least one survivor; each must be a node this master knows.
    List<NodeLocation> pipeline = new ArrayList<>(request.survivors().size());
    for (NodeId id : request.survivors()) {
      var node = cluster.node(id);
      if (node.isEmpty()) {
        return Outcome.rejected(
            ErrorCode.INVALID_ARGUMENT, "recovery of " + chunk + " names unknown node " + id);
      }
      pipeline.add(new NodeLocation(id, node.get().address()));
    }
    return store
        .execute(
            new NamespaceCommand.RegrantChunk(
                request.path(),
                request.fileId(),
                request.index(),
                chunk,
                request.failedVersion(),
                writer,
                clock.instant()),
            caller)
        .map(
            grant -> {
              Instant now = clock.instant();
              ChunkWriteTarget target =
                  new ChunkWriteTarget(
                      chunk, grant.version(), grant.chunkSize(), pipeline, grant.committedLength());
              if (grant.copyOf() != null) {
                // The survivors already hold what was copied; the source comes along all the same.
                target = target.withCopyOf(sourceOf(grant.copyOf(), request.index(), caller, now));
              }
              return withToken(target, caller);
            });
  }

  @Override
  public Outcome<Long> commit(Caller caller, ChunkCommitRequest request, LeaseHolder writer) {
    if (access.check(caller, Permission.WRITE, request.path())
        instanceof Outcome.Rejected<Void> denied) {
      return Outcome.rejected(denied.error());
    }
    if (request.fileId().value() <= 0) {
      return badFileId(request.fileId());
    }
    ChunkVersion version = request.version();
    long chunkLength = request.chunkLength();
    return store
        .execute(
            new NamespaceCommand.CommitChunk(
                request.path(),
                request.fileId(),
                request.index(),
                request.chunkId(),
                version,
                chunkLength,
                writer,
                clock.instant()),
            caller)
        .map(
            fileLength -> {
              // The request names at least one replica: a commit never leaves a chunk with none.
              for (NodeId node : request.replicas()) {
                cluster.addReplica(
                    request.chunkId(), new ClusterState.Replica(node, version, chunkLength));
              }
              return fileLength;
            });
  }

  @Override
  public Outcome<FileStatus> storeInline(
      Caller caller, InlineWriteRequest request, LeaseHolder writer) {
    if (access.check(caller, Permission.WRITE, request.path())
        instanceof Outcome.Rejected<Void> denied) {
      return Outcome.rejected(denied.error());
    }
    if (request.fileId().value() <= 0) {
      return badFileId(request.fileId());
    }
    long offset = request.offset();
    byte[] data = request.data();
    if (offset + data.length > settings.inlineMaxBytes()) {
      return Outcome.rejected(
          ErrorCode.INVALID_ARGUMENT,
          "inline write of "
              + data.length
              + " bytes at offset "
              + offset
              + " of "
              + request.path()
              + ": this master keeps at most "
              + settings.inlineMaxBytes()
              + " bytes inline (GODFS_MASTER_INLINE_MAX_BYTES); write chunks instead");
    }
    return store.execute(
        new NamespaceCommand.StoreInline(
            request.path(),
            request.fileId(),
            offset,
            data,
            writer,
            request.closeFile(),
            clock.instant()),
        caller);
  }

  /**
   * The target with a token to write exactly its version on each node of its pipeline: a token for
   * version V never lets a client write a made-up newer version straight to a chunkserver.
   */
  private ChunkWriteTarget withToken(ChunkWriteTarget target, Caller caller) {
    return target.withToken(
        tokens.issue(target.chunkId(), target.version(), WRITE, caller.principal().name()));
  }

  /**
   * File ids count from 2 (the root is 1), so one below 1 is malformed, not a file replaced since
   * (CONFLICT): the same answer the gRPC service gives before calling here
   * (ErrorCode.INVALID_ARGUMENT).
   */
  private static <T> Outcome<T> badFileId(FileId fileId) {
    return Outcome.rejected(ErrorCode.INVALID_ARGUMENT, "file id " + fileId + " (expected: > 0)");
  }
}
