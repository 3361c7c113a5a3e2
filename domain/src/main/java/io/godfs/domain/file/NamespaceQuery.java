package io.godfs.domain.file;

import static io.godfs.domain.error.ErrorCode.NOT_FOUND;
import static java.util.Objects.requireNonNull;

import io.godfs.domain.chunk.ChunkAccessKey;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.error.Outcome;
import java.util.List;
import java.util.Set;

/**
 * A read of the namespace as data, so every metadata store (and its read path) serves the same set.
 */
public sealed interface NamespaceQuery<R> {

  Outcome<R> readFrom(Namespace namespace);

  /** {@code query} for a user who is not an administrator, after its checks (ADR 0029). */
  record AsUser<R>(
      String name, PosixIdentity who, List<PermissionCheck> checks, NamespaceQuery<R> query)
      implements NamespaceQuery<R> {
    public AsUser {
      requireNonNull(name, "name");
      requireNonNull(who, "who");
      checks = List.copyOf(checks);
      requireNonNull(query, "query");
    }

    @Override
    public Outcome<R> readFrom(Namespace ns) {
      return ActingUser.read(ns, name, who, checks, query);
    }
  }

  /** getxattr and listxattr (ADR 0028): the path's extended attributes. */
  record XattrsOf(DfsPath path) implements NamespaceQuery<Xattrs> {
    public XattrsOf {
      requireNonNull(path, "path");
    }

    @Override
    public Outcome<Xattrs> readFrom(Namespace ns) {
      return ns.xattrs(path);
    }
  }

  record Stat(DfsPath path) implements NamespaceQuery<FileStatus> {
    public Stat {
      requireNonNull(path, "path");
    }

    @Override
    public Outcome<FileStatus> readFrom(Namespace ns) {
      return ns.stat(path);
    }
  }

  record ListDirectory(DfsPath path, String startAfter, int limit)
      implements NamespaceQuery<Listing> {
    public ListDirectory {
      requireNonNull(path, "path");
    }

    @Override
    public Outcome<Listing> readFrom(Namespace ns) {
      return ns.list(path, startAfter, limit);
    }
  }

  /** A directory's names, types and file ids only (ADR 0033): a plain readdir's page. */
  record ListNames(DfsPath path, String startAfter, int limit)
      implements NamespaceQuery<NameListing> {
    public ListNames {
      requireNonNull(path, "path");
    }

    @Override
    public Outcome<NameListing> readFrom(Namespace ns) {
      return ns.listNames(path, startAfter, limit);
    }
  }

  record Locate(DfsPath path, long offset, long length) implements NamespaceQuery<FileChunks> {
    public Locate {
      requireNonNull(path, "path");
    }

    @Override
    public Outcome<FileChunks> readFrom(Namespace ns) {
      return ns.locate(path, offset, length);
    }
  }

  /** The namespace's counts (files, directories, bytes, inline files, leases): O(1). */
  record Figures() implements NamespaceQuery<NamespaceFigures> {
    @Override
    public Outcome<NamespaceFigures> readFrom(Namespace ns) {
      return Outcome.ok(ns.figures());
    }
  }

  /** Every chunk slot, for the master's healing loop. */
  record AllChunks() implements NamespaceQuery<List<ChunkSlot>> {
    @Override
    public Outcome<List<ChunkSlot>> readFrom(Namespace ns) {
      return Outcome.ok(ns.chunkSlots());
    }
  }

  /** Every file at or under a path with its chunks, for fsck. */
  record FilesUnder(DfsPath path) implements NamespaceQuery<List<FileChunks>> {
    public FilesUnder {
      requireNonNull(path, "path");
    }

    @Override
    public Outcome<List<FileChunks>> readFrom(Namespace ns) {
      return ns.filesUnder(path);
    }
  }

  /** Whether a client holds the file's write lease. */
  record OpenFilesOf(FileId fileId) implements NamespaceQuery<Boolean> {
    @Override
    public Outcome<Boolean> readFrom(Namespace ns) {
      return Outcome.ok(ns.isOpenForWrite(fileId));
    }
  }

  /** The oldest chunks waiting in the deletion queue. */
  record DeletionQueue(int limit) implements NamespaceQuery<List<ChunkId>> {
    @Override
    public Outcome<List<ChunkId>> readFrom(Namespace ns) {
      return Outcome.ok(ns.deletionQueue(limit));
    }
  }

  record QueuedForDeletion(ChunkId chunk) implements NamespaceQuery<Boolean> {
    public QueuedForDeletion {
      requireNonNull(chunk, "chunk");
    }

    @Override
    public Outcome<Boolean> readFrom(Namespace ns) {
      return Outcome.ok(ns.isQueuedForDeletion(chunk));
    }
  }

  /** Clients holding at least one write lease. */
  record Writers() implements NamespaceQuery<Set<LeaseHolder.Client>> {
    @Override
    public Outcome<Set<LeaseHolder.Client>> readFrom(Namespace ns) {
      return Outcome.ok(ns.writers());
    }
  }

  /** The files a client holds open for writing, with their pending chunks. */
  record OpenFiles(LeaseHolder.Client writer) implements NamespaceQuery<List<OpenFile>> {
    public OpenFiles {
      requireNonNull(writer, "writer");
    }

    @Override
    public Outcome<List<OpenFile>> readFrom(Namespace ns) {
      return Outcome.ok(ns.openFiles(writer));
    }
  }

  /** The keys of chunk access tokens, oldest first (ADR 0022). */
  record ChunkAccessKeys() implements NamespaceQuery<List<ChunkAccessKey>> {
    @Override
    public Outcome<List<ChunkAccessKey>> readFrom(Namespace ns) {
      return Outcome.ok(ns.chunkAccessKeys().all());
    }
  }

  /** The keys of delegation tokens, oldest first (ADR 0022). */
  record DelegationKeys() implements NamespaceQuery<List<ChunkAccessKey>> {
    @Override
    public Outcome<List<ChunkAccessKey>> readFrom(Namespace ns) {
      return Outcome.ok(ns.delegationKeys().all());
    }
  }

  /** The file slot holding a chunk; NOT_FOUND when no file references it. */
  record OwnerOfChunk(ChunkId chunkId) implements NamespaceQuery<ChunkOwner> {
    public OwnerOfChunk {
      requireNonNull(chunkId, "chunkId");
    }

    @Override
    public Outcome<ChunkOwner> readFrom(Namespace ns) {
      return ns.chunkOwner(chunkId)
          .<Outcome<ChunkOwner>>map(Outcome::ok)
          .orElseGet(() -> Outcome.rejected(NOT_FOUND, "no file references " + chunkId));
    }
  }

  // ---------------------------------------------------------------- snapshots (ADR 0025)

  /** The snapshots of a snapshottable directory, oldest first. */
  record SnapshotsOf(DfsPath directory) implements NamespaceQuery<List<SnapshotInfo>> {
    public SnapshotsOf {
      requireNonNull(directory, "directory");
    }

    @Override
    public Outcome<List<SnapshotInfo>> readFrom(Namespace ns) {
      return ns.snapshots(directory);
    }
  }

  /** Every snapshot, by directory then age. */
  record AllSnapshots() implements NamespaceQuery<List<SnapshotInfo>> {
    @Override
    public Outcome<List<SnapshotInfo>> readFrom(Namespace ns) {
      return Outcome.ok(ns.allSnapshots());
    }
  }

  /** The directories snapshots may be taken of. */
  record SnapshottableDirectories() implements NamespaceQuery<List<DfsPath>> {
    @Override
    public Outcome<List<DfsPath>> readFrom(Namespace ns) {
      return Outcome.ok(ns.snapshottableDirectories());
    }
  }

  record SnapshotById(long id) implements NamespaceQuery<SnapshotInfo> {
    @Override
    public Outcome<SnapshotInfo> readFrom(Namespace ns) {
      return ns.snapshot(id);
    }
  }

  /** What changed under {@code directory} from snapshot {@code from} to {@code to} (null: now). */
  record SnapshotDiff(DfsPath directory, String from, String to)
      implements NamespaceQuery<List<SnapshotChange>> {
    public SnapshotDiff {
      requireNonNull(directory, "directory");
      requireNonNull(from, "from");
    }

    @Override
    public Outcome<List<SnapshotChange>> readFrom(Namespace ns) {
      return ns.snapshotDiff(directory, from, to);
    }
  }

  /** A directory's quotas and usage (ADR 0026). */
  record QuotaOf(DfsPath directory) implements NamespaceQuery<QuotaUsage> {
    public QuotaOf {
      requireNonNull(directory, "directory");
    }

    @Override
    public Outcome<QuotaUsage> readFrom(Namespace ns) {
      return ns.quota(directory);
    }
  }
}
