package io.godfs.domain.file;

import static io.godfs.domain.error.ErrorCode.BUSY;
import static io.godfs.domain.error.ErrorCode.INVALID_ARGUMENT;

import io.godfs.domain.chunk.ChunkAccessKeys;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.error.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The namespace aggregate: a tree of directories and files, each file an ordered set of chunk
 * slots. Every transition is a pure function of the current state and its arguments (time comes in;
 * inode and chunk ids come from counters in the state), so the in-memory store and a replicated log
 * apply the very same code and end in the same state.
 *
 * <p>Expected refusals (missing parent, existing target, stale version ...) are returned as {@link
 * Outcome.Rejected}; nothing here throws for bad user input. Not thread-safe: the owner serialises
 * calls (a lock, or the Raft apply thread).
 *
 * <p>This class is the aggregate's one public face. Apart from a check that spans two parts
 * (truncate), it delegates to package-private parts that share the tree's mutable inodes: {@link
 * DirectoryTree} (the tree and everything done by path), {@link FileIndex} (files by id and by
 * chunk), {@link FileLeases} (who writes which file, lease and pipeline recovery), {@link
 * ChunkWrites} (chunk grants, commits, truncation), {@link ChunkDeletionQueue} and {@link
 * InodeMetadata} (attributes, extended attributes, symbolic links; ADR 0028).
 */
public final class Namespace {
  /** Largest file offset: chunk indexes are ints and no file may exceed 2^53 bytes (JSON-safe). */
  public static final long MAX_FILE_LENGTH = 1L << 53;

  /** Largest inline file ({@link #storeInline}): a million cost at most 4 GiB of heap (ADR 16). */
  public static final int MAX_INLINE_LENGTH = 4096;

  private final FileIndex files = new FileIndex();
  private final FileLeases leases = new FileLeases(files);
  private final ChunkDeletionQueue deletions = new ChunkDeletionQueue();
  private final InodeReleases releases = new InodeReleases(files, leases);
  private final Quotas quotas = files.quotas;
  private final Snapshots snapshots = new Snapshots(files, leases, releases, deletions);
  private final ChunkWrites chunkWrites = new ChunkWrites(files, leases, deletions, snapshots);
  private final InlineFiles inlineFiles = new InlineFiles(leases, files, snapshots);
  private final DirectoryTree tree;
  private final SnapshotAdmin snapshotAdmin;
  private final InodeMetadata metadata;
  private final HardLinks hardLinks;
  private final NameExchange nameExchange;

  /** The keys of chunk access tokens: replicated with the namespace, apart from it (ADR 0022). */
  private final ChunkAccessKeys chunkAccessKeys = new ChunkAccessKeys();

  /** The delegation tokens' own ring: they sign user credentials, never sent to chunkservers. */
  private final ChunkAccessKeys delegationKeys = new ChunkAccessKeys();

  private Namespace(Instant created) {
    releases.snapshots = snapshots;
    this.tree = new DirectoryTree(created, files, leases, deletions, releases, snapshots, quotas);
    this.snapshotAdmin = new SnapshotAdmin(tree, snapshots, files, releases);
    this.metadata = new InodeMetadata(tree, snapshots, files);
    this.hardLinks = new HardLinks(tree, snapshots, quotas);
    this.nameExchange = new NameExchange(tree, snapshots, quotas);
  }

  public static Namespace empty(Instant created) {
    return new Namespace(created);
  }

  /** The keys of chunk access tokens kept beside the namespace (ADR 0022). */
  public ChunkAccessKeys chunkAccessKeys() {
    return chunkAccessKeys;
  }

  /** The keys of delegation tokens kept beside the namespace (ADR 0022). */
  public ChunkAccessKeys delegationKeys() {
    return delegationKeys;
  }

  // ---------------------------------------------------------------- queries

  public Outcome<FileStatus> stat(DfsPath path) {
    return tree.stat(path);
  }

  /** Children of a directory sorted by name, after {@code startAfter}; a file lists as itself. */
  public Outcome<Listing> list(DfsPath path, String startAfter, int limit) {
    return tree.list(path, startAfter, limit);
  }

  /** {@link #list}'s names, types and file ids only (ADR 0033). */
  public Outcome<NameListing> listNames(DfsPath path, String startAfter, int limit) {
    return tree.listNames(path, startAfter, limit);
  }

  /** The file's status and its chunks overlapping {@code [offset, offset+length)}. */
  public Outcome<FileChunks> locate(DfsPath path, long offset, long length) {
    return tree.locate(path, offset, length);
  }

  public Optional<ChunkOwner> chunkOwner(ChunkId id) {
    return files.chunkOwner(id);
  }

  /**
   * Every file at or under {@code path}, depth first in name order, with all its chunks (for fsck).
   */
  public Outcome<List<FileChunks>> filesUnder(DfsPath path) {
    return tree.filesUnder(path);
  }

  /** Whether a client holds the file's write lease (false for an unknown id). */
  public boolean isOpenForWrite(FileId fileId) {
    return leases.isOpenForWrite(fileId);
  }

  /** The oldest {@code limit} chunks waiting for their replicas to be deleted. */
  public List<ChunkId> deletionQueue(int limit) {
    return deletions.first(limit);
  }

  public boolean isQueuedForDeletion(ChunkId chunk) {
    return deletions.contains(chunk);
  }

  /** Clients holding a write lease on at least one file. */
  public Set<LeaseHolder.Client> writers() {
    return leases.writers();
  }

  /**
   * The files {@code writer} holds open, with their chunks whose granted version is not yet
   * committed.
   */
  public List<OpenFile> openFiles(LeaseHolder writer) {
    return leases.openFiles(writer);
  }

  /** Every chunk of every file, by file id then index (deterministic). */
  public List<ChunkSlot> chunkSlots() {
    return files.chunkSlots();
  }

  public int fileCount() {
    return files.fileCount();
  }

  public int chunkCount() {
    return files.chunkCount();
  }

  /** What the namespace holds, from counts every transition keeps: O(1) (ADR 0023). */
  public NamespaceFigures figures() {
    return new NamespaceFigures(
        files.fileCount(),
        tree.directories(),
        files.logicalBytes(),
        files.inlineFiles(),
        files.inlineBytes(),
        leases.held());
  }

  /**
   * Writes the whole state to {@code sink} in a deterministic order ({@link NamespaceImage}): equal
   * namespaces, equal images; {@link NamespaceImage#loader()} rebuilds from one a namespace that
   * answers and evolves as this one. A read: the caller serialises it as any query.
   */
  public void writeImage(NamespaceImage.Sink sink) {
    NamespaceImage.write(this, sink);
  }

  // ---------------------------------------------------------------- transitions

  public Outcome<FileStatus> mkdir(DfsPath path, boolean parents, Instant now) {
    return mkdir(path, parents, null, now);
  }

  /** A directory owned as {@code ownership} says (null: root's, 0755; ADR 0028). */
  public Outcome<FileStatus> mkdir(
      DfsPath path, boolean parents, Ownership ownership, Instant now) {
    return tree.mkdir(path, parents, ownership, now);
  }

  /** Changes the owner, group, mode or times of {@code path} (ADR 0028). */
  public Outcome<FileStatus> setAttributes(DfsPath path, AttributeChange change, Instant now) {
    return metadata.setAttributes(path, change, now);
  }

  public Outcome<Xattrs> xattrs(DfsPath path) {
    return metadata.xattrs(path);
  }

  /** symlink, mknod, xattrs and the like, for the commands of this package (ADR 0028). */
  InodeMetadata metadata() {
    return metadata;
  }

  public Outcome<CreatedFile> createFile(
      DfsPath path, boolean overwrite, int replication, long chunkSize, Instant now) {
    return createFile(path, overwrite, replication, chunkSize, LeaseHolder.NONE, now);
  }

  /**
   * Creates a file, open for writing by {@code writer} ({@link LeaseHolder#NONE}: created closed).
   * Replacing a file that another client is writing is refused (BUSY) until that client closes it
   * or its lease is recovered.
   */
  public Outcome<CreatedFile> createFile(
      DfsPath path,
      boolean overwrite,
      int replication,
      long chunkSize,
      LeaseHolder writer,
      Instant now) {
    return createFile(path, overwrite, replication, chunkSize, writer, null, now);
  }

  /** As above, owned as {@code ownership} says (null: root's, mode 0644; ADR 0028). */
  public Outcome<CreatedFile> createFile(
      DfsPath path,
      boolean overwrite,
      int replication,
      long chunkSize,
      LeaseHolder writer,
      Ownership ownership,
      Instant now) {
    return tree.createFile(path, overwrite, replication, chunkSize, writer, ownership, now);
  }

  /**
   * Creates a whole small file, closed, with {@code content} kept inline (ADR 0016): one mutation
   * for a complete small write, as atomic as any create. Longer content than {@link
   * #MAX_INLINE_LENGTH} is refused (INVALID_ARGUMENT): it belongs in chunks.
   */
  public Outcome<CreatedFile> createWithContent(
      DfsPath path,
      boolean overwrite,
      int replication,
      long chunkSize,
      byte[] content,
      Instant now) {
    return createWithContent(path, overwrite, replication, chunkSize, content, null, now);
  }

  /** As above, owned as {@code ownership} says (null: root's, mode 0644; ADR 0028). */
  public Outcome<CreatedFile> createWithContent(
      DfsPath path,
      boolean overwrite,
      int replication,
      long chunkSize,
      byte[] content,
      Ownership ownership,
      Instant now) {
    NewFile file = new NewFile(path, overwrite, replication, chunkSize, ownership);
    return SmallFileCreation.create(tree, files, file, replication, chunkSize, content, now);
  }

  /**
   * Atomically moves {@code source} to {@code target}. The target's parent must exist; an existing
   * target is refused unless {@code replace} is set and both are files. A directory cannot move
   * into its own subtree. Renaming a path to itself succeeds and changes nothing.
   */
  public Outcome<Removed> rename(DfsPath source, DfsPath target, boolean replace, Instant now) {
    return tree.rename(source, target, replace, now);
  }

  /** link(2): {@code link} becomes another name of the file at {@code existing} (ADR 0028). */
  public Outcome<FileStatus> link(DfsPath existing, DfsPath link, Instant now) {
    return hardLinks.link(existing, link, now);
  }

  /** renameat2(RENAME_EXCHANGE): atomically swaps what {@code first} and {@code second} name. */
  public Outcome<Removed> exchange(DfsPath first, DfsPath second, Instant now) {
    return nameExchange.exchange(first, second, now);
  }

  /**
   * Moves {@code source} over {@code target} only while {@code target} is still the file with id
   * {@code expectedTargetId}: refused (CONFLICT) once another client replaced or removed it. With
   * its write lease held by the caller, this swaps the whole file if unchanged (HTTP If-Match).
   */
  public Outcome<Removed> renameOver(
      DfsPath source, DfsPath target, FileId expectedTargetId, Instant now) {
    return tree.renameOver(source, target, expectedTargetId, now);
  }

  /** Deletes a file, an empty directory, or (with {@code recursive}) a whole subtree. */
  public Outcome<Removed> delete(DfsPath path, boolean recursive, Instant now) {
    return tree.delete(path, recursive, now);
  }

  /**
   * Gives {@code writer} the file's single-writer lease (again, if it holds it already). Refused
   * (BUSY) while another client holds it.
   */
  public Outcome<FileStatus> openForWrite(DfsPath path, LeaseHolder.Client writer, Instant now) {
    Objects.requireNonNull(writer, "writer");
    return tree.regularFile(path).flatMap(file -> leases.openForWrite(file, path, writer));
  }

  /** Releases {@code writer}'s lease on the file; closing a file nobody holds is a no-op. */
  public Outcome<FileStatus> closeFile(FileId fileId, LeaseHolder.Client writer, Instant now) {
    return leases.close(fileId, writer);
  }

  /**
   * Lease recovery: releases whoever holds the file's lease. The master calls this once the
   * holder's lease expired, after adopting what its replicas durably finished ({@link
   * #adoptChunk}).
   */
  public Outcome<FileStatus> recoverLease(FileId fileId, Instant now) {
    return leases.recover(fileId);
  }

  /**
   * Lease recovery of one chunk: every replica of the pipeline committed {@code version} (the
   * granted one) but the dead writer never told the master; the master records it as committed.
   * Returns the file's length. Refused when the version is not the granted, uncommitted one.
   */
  public Outcome<Long> adoptChunk(
      FileId fileId, int index, ChunkId chunkId, ChunkVersion version, long length, Instant now) {
    FileInode file = files.file(fileId.value());
    if (file != null && ChunkWrites.isCopy(file, index, chunkId)) {
      return chunkWrites.commitCopy(
          file, file.path(), index, file.copies.get(index), version, length, now);
    }
    if (file != null) {
      snapshots.beforeChange(file);
    }
    return leases.adoptChunk(fileId, index, chunkId, version, length, now);
  }

  /**
   * Sets a file's length. Shrinking drops the chunks wholly past the new end (returned for
   * collection) and shortens the chunk the end falls in (readers never read past a chunk's length;
   * its next write cuts its replicas back). Growing leaves a hole of zeros. Versions stay the same.
   */
  public Outcome<Truncated> truncate(DfsPath path, long length, Instant now) {
    return truncate(path, length, LeaseHolder.NONE, now);
  }

  /**
   * Truncate by {@code writer} ({@link LeaseHolder#NONE}: a client not writing the file); refused
   * while another client writes it.
   */
  public Outcome<Truncated> truncate(DfsPath path, long length, LeaseHolder writer, Instant now) {
    if (length < 0 || length > MAX_FILE_LENGTH) {
      return Outcome.rejected(
          INVALID_ARGUMENT,
          "truncate " + path + ": length : " + length + " (expected: 0-" + MAX_FILE_LENGTH + ")");
    }
    return tree.regularFile(path)
        .flatMap(
            file -> {
              if (FileLeases.heldByAnother(file, writer)) {
                return Outcome.rejected(BUSY, FileLeases.busy(path));
              }
              Outcome.Rejected<Truncated> full =
                  quotas.checkGrowth(file, length - file.length, path);
              if (full != null) {
                return full;
              }
              if (file.inline != null) {
                return inlineFiles.cut(file, path, length, now);
              }
              return Outcome.ok(chunkWrites.cut(file, path, length, now));
            });
  }

  /**
   * Grants a writer chunk slot {@code index} of file {@code fileId} at {@code path}: creates the
   * chunk (version 1) when the slot is empty, else grants the next version of the existing one.
   */
  public Outcome<ChunkAllocation> allocateChunk(
      DfsPath path, FileId fileId, int index, Instant now) {
    return allocateChunk(path, fileId, index, LeaseHolder.NONE, now);
  }

  /**
   * As {@link #allocateChunk(DfsPath, long, int, Instant)} for the client holding the file's lease.
   * A new chunk is granted version 2 over a committed, empty version 1 that no replica stores, so a
   * chunk whose write is pending always has granted > committed (what lease recovery looks for).
   */
  public Outcome<ChunkAllocation> allocateChunk(
      DfsPath path, FileId fileId, int index, LeaseHolder writer, Instant now) {
    return chunkWrites.allocate(path, fileId, index, writer, now);
  }

  /**
   * Pipeline recovery: the write of chunk {@code index} at {@code failedVersion} lost a replica;
   * the writer continues it on the survivors under the next version, so the replica left out holds
   * an older version and is stale. Refused unless {@code failedVersion} is still the granted one.
   */
  public Outcome<ChunkAllocation> regrantChunk(
      DfsPath path,
      FileId fileId,
      int index,
      ChunkId chunkId,
      ChunkVersion failedVersion,
      LeaseHolder writer,
      Instant now) {
    Outcome<FileInode> held = leases.writableFile(path, fileId, writer);
    if (held instanceof Outcome.Ok<FileInode> ok
        && ChunkWrites.isCopy(ok.value(), index, chunkId)) {
      return chunkWrites.regrantCopy(ok.value(), path, index, failedVersion);
    }
    return leases.regrantChunk(path, fileId, index, chunkId, failedVersion, writer);
  }

  /**
   * Records that every replica of the write pipeline fsynced {@code chunkLength} bytes of the chunk
   * at {@code version}. Refused when a newer version was granted since (another writer) or the file
   * was replaced. Returns the file's new length.
   */
  public Outcome<Long> commitChunk(
      DfsPath path,
      FileId fileId,
      int index,
      ChunkId chunkId,
      ChunkVersion version,
      long chunkLength,
      Instant now) {
    return commitChunk(path, fileId, index, chunkId, version, chunkLength, LeaseHolder.NONE, now);
  }

  public Outcome<Long> commitChunk(
      DfsPath path,
      FileId fileId,
      int index,
      ChunkId chunkId,
      ChunkVersion version,
      long chunkLength,
      LeaseHolder writer,
      Instant now) {
    return chunkWrites.commit(path, fileId, index, chunkId, version, chunkLength, writer, now);
  }

  /**
   * Writes {@code data} at {@code offset} of a file with no chunks, held by {@code writer}, keeping
   * its bytes in the namespace: one mutation for a whole small file. Refused (CONFLICT) when the
   * file has chunks, and (INVALID_ARGUMENT) when it would grow past {@link #MAX_INLINE_LENGTH}; the
   * writer then writes chunks instead. {@code close}: the writer's lease is released with it.
   */
  public Outcome<FileStatus> storeInline(
      DfsPath path,
      FileId fileId,
      long offset,
      byte[] data,
      LeaseHolder writer,
      boolean close,
      Instant now) {
    return inlineFiles.store(path, fileId, offset, data, writer, close, now);
  }

  /** The master saw no replica of these chunks left: they leave the deletion queue (how many). */
  public Outcome<Integer> forgetDeleted(List<ChunkId> chunks, Instant now) {
    return Outcome.ok(deletions.forget(chunks));
  }

  // ---------------------------------------------------------------- snapshots (ADR 0025)

  /** Lets an admin take snapshots of {@code dir}; refused when it would nest in another. */
  public Outcome<FileStatus> allowSnapshots(DfsPath dir, Instant now) {
    return snapshotAdmin.allow(dir);
  }

  /** Undoes {@link #allowSnapshots}; refused while the directory has snapshots. */
  public Outcome<FileStatus> disallowSnapshots(DfsPath dir, Instant now) {
    return snapshotAdmin.disallow(dir);
  }

  /**
   * Takes snapshot {@code name} of {@code dir} in O(1). Refused (BUSY) while a write into a chunk
   * that already had bytes is in flight under it: that write would change what the snapshot reads.
   */
  public Outcome<SnapshotInfo> createSnapshot(DfsPath dir, String name, Instant now) {
    return snapshotAdmin.create(dir, name, now);
  }

  /** Deletes a snapshot; the chunks nothing else references are queued for deletion. */
  public Outcome<Removed> deleteSnapshot(DfsPath dir, String name, Instant now) {
    return snapshotAdmin.delete(dir, name, now);
  }

  public Outcome<SnapshotInfo> renameSnapshot(DfsPath dir, String from, String to, Instant now) {
    return snapshotAdmin.rename(dir, from, to);
  }

  /** The snapshots of {@code dir}, oldest first. */
  public Outcome<List<SnapshotInfo>> snapshots(DfsPath dir) {
    return snapshotAdmin.list(dir);
  }

  /** Every snapshot in the namespace, by directory then age. */
  public List<SnapshotInfo> allSnapshots() {
    return snapshotAdmin.all();
  }

  /** The directories an admin made snapshottable, by path. */
  public List<DfsPath> snapshottableDirectories() {
    return snapshotAdmin.snapshottable();
  }

  public Outcome<SnapshotInfo> snapshot(long id) {
    return snapshotAdmin.byId(id);
  }

  /** What changed under {@code dir} from snapshot {@code from} to {@code to} (null: to now). */
  public Outcome<List<SnapshotChange>> snapshotDiff(DfsPath dir, String from, String to) {
    return snapshotAdmin.diff(dir, from, to);
  }

  /**
   * Makes {@code to} what {@code from}, a path in a snapshot, was: new live files holding the
   * snapshot's chunks, no byte copied. Whatever was at {@code to} is replaced (a directory restored
   * onto itself keeps its identity and snapshots, its children are replaced).
   */
  public Outcome<Removed> restore(DfsPath from, DfsPath to, Instant now) {
    return snapshotAdmin.restore(from, to, now);
  }

  // ---------------------------------------------------------------- quotas (ADR 0026)

  /**
   * Sets a directory's name and space quotas ({@link QuotaUsage#NONE}: none; both none clears).
   * Counting its tree's usage is O(the tree), once.
   */
  public Outcome<QuotaUsage> setQuota(DfsPath dir, long nameQuota, long spaceQuota, Instant now) {
    return tree.directory(dir).flatMap(d -> quotas.set(d, dir, nameQuota, spaceQuota));
  }

  /** A directory's quotas and usage (usage counted from its tree when it has no quota). */
  public Outcome<QuotaUsage> quota(DfsPath dir) {
    return tree.directory(dir).map(d -> quotas.usage(d, dir));
  }

  // ---------------------------------------------------------------- for NamespaceImage

  /** A namespace holding only a root, with the counters and root times of an image's header. */
  static Namespace restored(
      Instant rootCreated,
      Instant rootModified,
      long nextInodeId,
      long nextChunkId,
      long nextSnapshotId) {
    Namespace ns = new Namespace(rootCreated);
    ns.tree.root().modificationTime = rootModified;
    ns.tree.restoreNextInodeId(nextInodeId);
    ns.chunkWrites.restoreNextChunkId(nextChunkId);
    ns.snapshots.restoreNextSnapshotId(nextSnapshotId);
    return ns;
  }

  TreeReads treeReads() {
    return tree.reads();
  }

  Snapshots snapshotRegistry() {
    return snapshots;
  }

  /** Links an image's inode under its parent (mtime kept); indexes a file with its lease holder. */
  void restore(Inode inode, LeaseHolder writer) {
    inode.parent.put(inode.name, inode);
    if (inode instanceof FileInode file) {
      files.addLoaded(file);
      leases.setWriter(file, writer);
    } else {
      tree.restoredDirectory();
    }
  }

  DirectoryInode root() {
    return tree.root();
  }

  long nextInodeId() {
    return tree.nextInodeId();
  }

  long nextChunkId() {
    return chunkWrites.nextChunkId();
  }

  FileIndex files() {
    return files;
  }

  ChunkDeletionQueue deletions() {
    return deletions;
  }

  @Override
  public String toString() {
    return "Namespace[files=" + files.fileCount() + ", chunks=" + files.chunkCount() + "]";
  }
}
