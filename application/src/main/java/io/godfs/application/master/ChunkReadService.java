package io.godfs.application.master;

import io.godfs.application.port.in.ChunkReadUseCase;
import io.godfs.application.port.out.MetadataStore;
import io.godfs.domain.access.Caller;
import io.godfs.domain.access.Permission;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkOperation;
import io.godfs.domain.chunk.LocatedChunk;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.ChunkOwner;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.IndexedChunk;
import io.godfs.domain.file.LocatedFile;
import io.godfs.domain.file.NamespaceQuery;
import io.godfs.domain.file.PermissionCheck;
import io.godfs.domain.node.NodeId;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Tells readers where a file's chunks are: only live replicas of the committed version, each chunk
 * with a token to read that version (ADR 0022).
 */
final class ChunkReadService implements ChunkReadUseCase {
  private static final Set<ChunkOperation> READ = EnumSet.of(ChunkOperation.READ);
  private final Access access;
  private static final Logger LOG = System.getLogger(ChunkReadService.class.getName());
  private final MetadataStore store;
  private final ClusterState cluster;
  private final InstantSource clock;
  private final MasterSettings settings;
  private final ChunkTokenIssuer tokens;

  ChunkReadService(
      MetadataStore store,
      ClusterState cluster,
      InstantSource clock,
      MasterSettings settings,
      Access access,
      ChunkTokenIssuer tokens) {
    this.tokens = tokens;
    this.access = access;
    this.store = store;
    this.cluster = cluster;
    this.clock = clock;
    this.settings = settings;
  }

  @Override
  public Outcome<LocatedFile> locate(Caller caller, DfsPath path, long offset, long length) {
    if (access.check(caller, Permission.READ, path) instanceof Outcome.Rejected<Void> denied) {
      return Outcome.rejected(denied.error());
    }
    Instant now = clock.instant();
    return store
        .query(
            access
                .posix()
                .query(
                    caller,
                    new NamespaceQuery.Locate(path, offset, length),
                    PermissionCheck.read(path)))
        .map(
            found -> {
              List<LocatedChunk> located = new ArrayList<>(found.chunks().size());
              for (IndexedChunk c : found.chunks()) {
                var ref = c.chunk();
                located.add(
                    new LocatedChunk(
                        c.index(),
                        ref.id(),
                        ref.committedVersion(),
                        ref.length(),
                        cluster.readableReplicas(
                            ref.id(), ref.committedVersion(), now, settings.deadAfter()),
                        tokens.issue(
                            ref.id(), ref.committedVersion(), READ, caller.principal().name())));
              }
              return new LocatedFile(found.status(), located, found.inline());
            });
  }

  @Override
  public Outcome<Void> reportBadReplica(Caller caller, ChunkId chunk, NodeId node, String reason) {
    // Only a reader of the file may report its replicas: a stranger cannot make the master churn
    // the healthy copies of files it may not read.
    // A file deleted into the trash while it was read is asked about where it was (ADR 0024).
    if (store.query(new NamespaceQuery.OwnerOfChunk(chunk)) instanceof Outcome.Ok<ChunkOwner> owner
        && access.check(caller, Permission.READ, TrashLayout.original(owner.value().path()))
            instanceof Outcome.Rejected<Void> denied) {
      return Outcome.rejected(denied.error());
    }
    LOG.log(Level.WARNING, "replica of {0} on {1} reported bad: {2}", chunk, node, reason);
    // Not handed to readers any more; the healing loop copies a good replica and deletes this one.
    cluster.markCorrupt(chunk, node);
    return Outcome.ok(null);
  }
}
