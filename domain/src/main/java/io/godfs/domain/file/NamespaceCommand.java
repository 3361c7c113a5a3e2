package io.godfs.domain.file;

import static java.util.Objects.requireNonNull;

import io.godfs.domain.chunk.ChunkAccessKey;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.error.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A namespace mutation as data, with its time stamped by the caller (the master, or the Raft leader
 * before replication). {@link #applyTo} is the one transition function that every metadata store
 * runs, so no business rule is written twice.
 */
public sealed interface NamespaceCommand<R> {

  Outcome<R> applyTo(Namespace namespace);

  Instant at();

  /**
   * {@code command} for user {@code name} with POSIX identity {@code who}, who is not an
   * administrator (ADR 0029): the checks and the POSIX rules run on the state it applies to.
   */
  record AsUser<R>(
      String name, PosixIdentity who, List<PermissionCheck> checks, NamespaceCommand<R> command)
      implements NamespaceCommand<R> {
    public AsUser {
      requireNonNull(name, "name");
      requireNonNull(who, "who");
      checks = List.copyOf(checks);
      requireNonNull(command, "command");
    }

    @Override
    public Outcome<R> applyTo(Namespace ns) {
      return ActingUser.apply(ns, name, who, checks, command);
    }

    @Override
    public Instant at() {
      return command.at();
    }
  }

  /** {@code ownership}: the creator's owner, group and mode, or null for the defaults. */
  record Mkdir(DfsPath path, boolean parents, Ownership ownership, Instant at)
      implements NamespaceCommand<FileStatus> {
    public Mkdir {
      requireNonNull(path, "path");
      requireNonNull(at, "at");
    }

    public Mkdir(DfsPath path, boolean parents, Instant at) {
      this(path, parents, null, at);
    }

    @Override
    public Outcome<FileStatus> applyTo(Namespace ns) {
      return ns.mkdir(path, parents, ownership, at);
    }
  }

  /** symlink(2) (ADR 0028); {@code ownership} null: root's. */
  record CreateSymlink(DfsPath path, String target, Ownership ownership, Instant at)
      implements NamespaceCommand<FileStatus> {
    public CreateSymlink {
      requireNonNull(path, "path");
      requireNonNull(target, "target");
      requireNonNull(at, "at");
    }

    @Override
    public Outcome<FileStatus> applyTo(Namespace ns) {
      return ns.metadata().symlink(path, target, ownership, at);
    }
  }

  /**
   * mknod(2) of a FIFO, device or socket (ADR 0028); {@code device} is 0 but for a device; {@code
   * ownership} null: root's, 0644.
   */
  record MakeNode(DfsPath path, FileType kind, long device, Ownership ownership, Instant at)
      implements NamespaceCommand<FileStatus> {
    public MakeNode {
      requireNonNull(path, "path");
      requireNonNull(kind, "kind");
      requireNonNull(at, "at");
    }

    @Override
    public Outcome<FileStatus> applyTo(Namespace ns) {
      return ns.metadata().makeNode(path, kind, device, ownership, at);
    }
  }

  /** link(2): a new name {@code link} for the non-directory at {@code existing} (ADR 0028). */
  record Link(DfsPath existing, DfsPath link, Instant at) implements NamespaceCommand<FileStatus> {
    public Link {
      requireNonNull(existing, "existing");
      requireNonNull(link, "link");
      requireNonNull(at, "at");
    }

    @Override
    public Outcome<FileStatus> applyTo(Namespace ns) {
      return ns.link(existing, link, at);
    }
  }

  /** renameat2(RENAME_EXCHANGE): swaps the inodes named {@code first} and {@code second}. */
  record ExchangeNames(DfsPath first, DfsPath second, Instant at)
      implements NamespaceCommand<Removed> {
    public ExchangeNames {
      requireNonNull(first, "first");
      requireNonNull(second, "second");
      requireNonNull(at, "at");
    }

    @Override
    public Outcome<Removed> applyTo(Namespace ns) {
      return ns.exchange(first, second, at);
    }
  }

  /** setxattr (ADR 0028). */
  record SetXattr(DfsPath path, String name, byte[] value, XattrMode mode, Instant at)
      implements NamespaceCommand<FileStatus> {
    public SetXattr {
      requireNonNull(path, "path");
      requireNonNull(name, "name");
      requireNonNull(value, "value");
      requireNonNull(mode, "mode");
      requireNonNull(at, "at");
    }

    @Override
    public Outcome<FileStatus> applyTo(Namespace ns) {
      return ns.metadata().setXattr(path, name, value, mode, at);
    }
  }

  /** removexattr (ADR 0028). */
  record RemoveXattr(DfsPath path, String name, Instant at)
      implements NamespaceCommand<FileStatus> {
    public RemoveXattr {
      requireNonNull(path, "path");
      requireNonNull(name, "name");
      requireNonNull(at, "at");
    }

    @Override
    public Outcome<FileStatus> applyTo(Namespace ns) {
      return ns.metadata().removeXattr(path, name, at);
    }
  }

  /** chmod, chown, utimensat (ADR 0028). */
  record SetAttributes(DfsPath path, AttributeChange change, Instant at)
      implements NamespaceCommand<FileStatus> {
    public SetAttributes {
      requireNonNull(path, "path");
      requireNonNull(change, "change");
      requireNonNull(at, "at");
    }

    @Override
    public Outcome<FileStatus> applyTo(Namespace ns) {
      return ns.setAttributes(path, change, at);
    }
  }

  /**
   * {@code writer} {@link LeaseHolder#NONE}: the file is created closed; else it is open for
   * writing by that client. {@code content}: a whole small file's bytes, kept inline, for a file
   * created closed (else null).
   */
  record CreateFile(
      DfsPath path,
      boolean overwrite,
      int replication,
      long chunkSize,
      LeaseHolder writer,
      byte[] content,
      Ownership ownership,
      Instant at)
      implements NamespaceCommand<CreatedFile> {
    public CreateFile {
      requireNonNull(writer, "writer");
      requireNonNull(path, "path");
      requireNonNull(at, "at");
      if (content != null && writer.isClient()) {
        throw new IllegalArgumentException(
            "a file created with its content is created closed (writer : " + writer + ")");
      }
    }

    public CreateFile(
        DfsPath path,
        boolean overwrite,
        int replication,
        long chunkSize,
        LeaseHolder writer,
        byte[] content,
        Instant at) {
      this(path, overwrite, replication, chunkSize, writer, content, null, at);
    }

    public CreateFile(
        DfsPath path,
        boolean overwrite,
        int replication,
        long chunkSize,
        LeaseHolder writer,
        Instant at) {
      this(path, overwrite, replication, chunkSize, writer, null, null, at);
    }

    public CreateFile(
        DfsPath path, boolean overwrite, int replication, long chunkSize, Instant at) {
      this(path, overwrite, replication, chunkSize, LeaseHolder.NONE, null, null, at);
    }

    @Override
    public Outcome<CreatedFile> applyTo(Namespace ns) {
      return content == null
          ? ns.createFile(path, overwrite, replication, chunkSize, writer, ownership, at)
          : ns.createWithContent(path, overwrite, replication, chunkSize, content, ownership, at);
    }
  }

  /**
   * {@code expectedTarget}: empty for a plain rename; otherwise the target must still be that file,
   * which the rename replaces (a compare-and-swap: a conditional overwrite).
   */
  record Rename(
      DfsPath source, DfsPath target, boolean replace, Optional<FileId> expectedTarget, Instant at)
      implements NamespaceCommand<Removed> {
    public Rename {
      requireNonNull(source, "source");
      requireNonNull(target, "target");
      requireNonNull(expectedTarget, "expectedTarget");
      requireNonNull(at, "at");
    }

    public Rename(DfsPath source, DfsPath target, boolean replace, Instant at) {
      this(source, target, replace, Optional.empty(), at);
    }

    /** A conditional overwrite of file {@code expectedTarget}. */
    public Rename(DfsPath source, DfsPath target, FileId expectedTarget, Instant at) {
      this(source, target, true, Optional.of(expectedTarget), at);
    }

    @Override
    public Outcome<Removed> applyTo(Namespace ns) {
      return expectedTarget.isEmpty()
          ? ns.rename(source, target, replace, at)
          : ns.renameOver(source, target, expectedTarget.get(), at);
    }
  }

  record Delete(DfsPath path, boolean recursive, Instant at) implements NamespaceCommand<Removed> {
    public Delete {
      requireNonNull(path, "path");
      requireNonNull(at, "at");
    }

    @Override
    public Outcome<Removed> applyTo(Namespace ns) {
      return ns.delete(path, recursive, at);
    }
  }

  record AllocateChunk(DfsPath path, FileId fileId, int index, LeaseHolder writer, Instant at)
      implements NamespaceCommand<ChunkAllocation> {
    public AllocateChunk {
      requireNonNull(writer, "writer");
      requireNonNull(path, "path");
      requireNonNull(at, "at");
    }

    public AllocateChunk(DfsPath path, FileId fileId, int index, Instant at) {
      this(path, fileId, index, LeaseHolder.NONE, at);
    }

    @Override
    public Outcome<ChunkAllocation> applyTo(Namespace ns) {
      return ns.allocateChunk(path, fileId, index, writer, at);
    }
  }

  record CommitChunk(
      DfsPath path,
      FileId fileId,
      int index,
      ChunkId chunkId,
      ChunkVersion version,
      long chunkLength,
      LeaseHolder writer,
      Instant at)
      implements NamespaceCommand<Long> {
    public CommitChunk {
      requireNonNull(writer, "writer");
      requireNonNull(path, "path");
      requireNonNull(chunkId, "chunkId");
      requireNonNull(version, "version");
      requireNonNull(at, "at");
    }

    public CommitChunk(
        DfsPath path,
        FileId fileId,
        int index,
        ChunkId chunkId,
        ChunkVersion version,
        long chunkLength,
        Instant at) {
      this(path, fileId, index, chunkId, version, chunkLength, LeaseHolder.NONE, at);
    }

    @Override
    public Outcome<Long> applyTo(Namespace ns) {
      return ns.commitChunk(path, fileId, index, chunkId, version, chunkLength, writer, at);
    }
  }

  /**
   * A small file's bytes written into the namespace itself ({@link Namespace#storeInline}); {@code
   * close}: the writer's lease goes with them. {@code data} is handed over, not copied.
   */
  record StoreInline(
      DfsPath path,
      FileId fileId,
      long offset,
      byte[] data,
      LeaseHolder writer,
      boolean close,
      Instant at)
      implements NamespaceCommand<FileStatus> {
    public StoreInline {
      requireNonNull(writer, "writer");
      requireNonNull(path, "path");
      requireNonNull(data, "data");
      requireNonNull(at, "at");
    }

    @Override
    public Outcome<FileStatus> applyTo(Namespace ns) {
      return ns.storeInline(path, fileId, offset, data, writer, close, at);
    }
  }

  /** {@code writer}: the client truncating, which may hold the file's lease (or NONE). */
  record Truncate(DfsPath path, long length, LeaseHolder writer, Instant at)
      implements NamespaceCommand<Truncated> {
    public Truncate {
      requireNonNull(writer, "writer");
      requireNonNull(path, "path");
      requireNonNull(at, "at");
    }

    @Override
    public Outcome<Truncated> applyTo(Namespace ns) {
      return ns.truncate(path, length, writer, at);
    }
  }

  record OpenForWrite(DfsPath path, LeaseHolder.Client writer, Instant at)
      implements NamespaceCommand<FileStatus> {
    public OpenForWrite {
      requireNonNull(path, "path");
      requireNonNull(writer, "writer");
      requireNonNull(at, "at");
    }

    @Override
    public Outcome<FileStatus> applyTo(Namespace ns) {
      return ns.openForWrite(path, writer, at);
    }
  }

  record CloseFile(FileId fileId, LeaseHolder.Client writer, Instant at)
      implements NamespaceCommand<FileStatus> {
    public CloseFile {
      requireNonNull(writer, "writer");
      requireNonNull(at, "at");
    }

    @Override
    public Outcome<FileStatus> applyTo(Namespace ns) {
      return ns.closeFile(fileId, writer, at);
    }
  }

  /** Lease recovery: the holder's lease expired; the master releases it. */
  record RecoverLease(FileId fileId, Instant at) implements NamespaceCommand<FileStatus> {
    public RecoverLease {
      requireNonNull(at, "at");
    }

    @Override
    public Outcome<FileStatus> applyTo(Namespace ns) {
      return ns.recoverLease(fileId, at);
    }
  }

  /** Lease recovery of a chunk whose replicas all committed the granted version. */
  record AdoptChunk(
      FileId fileId, int index, ChunkId chunkId, ChunkVersion version, long length, Instant at)
      implements NamespaceCommand<Long> {
    public AdoptChunk {
      requireNonNull(chunkId, "chunkId");
      requireNonNull(version, "version");
      requireNonNull(at, "at");
    }

    @Override
    public Outcome<Long> applyTo(Namespace ns) {
      return ns.adoptChunk(fileId, index, chunkId, version, length, at);
    }
  }

  /** Pipeline recovery: the next version of a chunk whose write lost a replica. */
  record RegrantChunk(
      DfsPath path,
      FileId fileId,
      int index,
      ChunkId chunkId,
      ChunkVersion failedVersion,
      LeaseHolder writer,
      Instant at)
      implements NamespaceCommand<ChunkAllocation> {
    public RegrantChunk {
      requireNonNull(writer, "writer");
      requireNonNull(path, "path");
      requireNonNull(chunkId, "chunkId");
      requireNonNull(failedVersion, "failedVersion");
      requireNonNull(at, "at");
    }

    @Override
    public Outcome<ChunkAllocation> applyTo(Namespace ns) {
      return ns.regrantChunk(path, fileId, index, chunkId, failedVersion, writer, at);
    }
  }

  /** Chunks whose replicas the master saw all deleted leave the deletion queue. */
  record ForgetDeleted(List<ChunkId> chunks, Instant at) implements NamespaceCommand<Integer> {
    public ForgetDeleted {
      chunks = List.copyOf(chunks);
      requireNonNull(at, "at");
    }

    @Override
    public Outcome<Integer> applyTo(Namespace ns) {
      return ns.forgetDeleted(chunks, at);
    }
  }

  /**
   * A new key for chunk access tokens, made by the leader before proposing (applying only stores
   * it, so every replica holds the same bytes); keys expired at {@code at} are dropped. Answers the
   * key's id.
   */
  record AddChunkAccessKey(ChunkAccessKey key, Instant at) implements NamespaceCommand<Long> {
    public AddChunkAccessKey {
      requireNonNull(key, "key");
      requireNonNull(at, "at");
    }

    @Override
    public Outcome<Long> applyTo(Namespace ns) {
      return ns.chunkAccessKeys().add(key, at);
    }

    /** Never the key's secret: commands are logged when they fail. */
    @Override
    public String toString() {
      return "AddChunkAccessKey[" + key + ", at=" + at + "]";
    }
  }

  /**
   * A new key for delegation tokens, made by the leader before proposing; keys expired at {@code
   * at} are dropped. Answers the key's id. The key type is the chunk keys'; the ring is its own.
   */
  record AddDelegationKey(ChunkAccessKey key, Instant at) implements NamespaceCommand<Long> {
    public AddDelegationKey {
      requireNonNull(key, "key");
      requireNonNull(at, "at");
    }

    @Override
    public Outcome<Long> applyTo(Namespace ns) {
      return ns.delegationKeys().add(key, at);
    }

    /** Never the key's secret: commands are logged when they fail. */
    @Override
    public String toString() {
      return "AddDelegationKey[" + key + ", at=" + at + "]";
    }
  }

  // ---------------------------------------------------------------- snapshots (ADR 0025)

  /** An admin lets snapshots be taken of {@code path} ({@code allow}), or no longer. */
  record SnapshotsAllowed(DfsPath path, boolean allow, Instant at)
      implements NamespaceCommand<FileStatus> {
    public SnapshotsAllowed {
      requireNonNull(path, "path");
      requireNonNull(at, "at");
    }

    @Override
    public Outcome<FileStatus> applyTo(Namespace ns) {
      return allow ? ns.allowSnapshots(path, at) : ns.disallowSnapshots(path, at);
    }
  }

  record CreateSnapshot(DfsPath directory, String name, Instant at)
      implements NamespaceCommand<SnapshotInfo> {
    public CreateSnapshot {
      requireNonNull(directory, "directory");
      requireNonNull(name, "name");
      requireNonNull(at, "at");
    }

    @Override
    public Outcome<SnapshotInfo> applyTo(Namespace ns) {
      return ns.createSnapshot(directory, name, at);
    }
  }

  record DeleteSnapshot(DfsPath directory, String name, Instant at)
      implements NamespaceCommand<Removed> {
    public DeleteSnapshot {
      requireNonNull(directory, "directory");
      requireNonNull(name, "name");
      requireNonNull(at, "at");
    }

    @Override
    public Outcome<Removed> applyTo(Namespace ns) {
      return ns.deleteSnapshot(directory, name, at);
    }
  }

  record RenameSnapshot(DfsPath directory, String from, String to, Instant at)
      implements NamespaceCommand<SnapshotInfo> {
    public RenameSnapshot {
      requireNonNull(directory, "directory");
      requireNonNull(from, "from");
      requireNonNull(to, "to");
      requireNonNull(at, "at");
    }

    @Override
    public Outcome<SnapshotInfo> applyTo(Namespace ns) {
      return ns.renameSnapshot(directory, from, to, at);
    }
  }

  /** Makes {@code to} what {@code from} (a path in a snapshot) was; answers what it replaced. */
  record RestoreSnapshot(DfsPath from, DfsPath to, Instant at)
      implements NamespaceCommand<Removed> {
    public RestoreSnapshot {
      requireNonNull(from, "from");
      requireNonNull(to, "to");
      requireNonNull(at, "at");
    }

    @Override
    public Outcome<Removed> applyTo(Namespace ns) {
      return ns.restore(from, to, at);
    }
  }

  // ---------------------------------------------------------------- quotas (ADR 0026)

  /** Sets a directory's quotas ({@link QuotaUsage#NONE}: none; both none clears them). */
  record SetQuota(DfsPath directory, long nameQuota, long spaceQuota, Instant at)
      implements NamespaceCommand<QuotaUsage> {
    public SetQuota {
      requireNonNull(directory, "directory");
      requireNonNull(at, "at");
    }

    @Override
    public Outcome<QuotaUsage> applyTo(Namespace ns) {
      return ns.setQuota(directory, nameQuota, spaceQuota, at);
    }
  }
}
