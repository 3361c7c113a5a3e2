package io.godfs.application.port.out;

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

/**
 * The master as a client sees it. Every method throws {@link io.godfs.domain.error.DfsException}
 * with the master's refusal (NOT_FOUND, ALREADY_EXISTS ...) or UNAVAILABLE when it cannot be
 * reached.
 */
public interface MasterClient extends AutoCloseable {

  ClusterInfo clusterInfo();

  FileStatus mkdir(DfsPath path, boolean parents);

  /** A directory owned as {@code ownership} says (null: the master's defaults; ADR 0028). */
  FileStatus mkdir(DfsPath path, boolean parents, Ownership ownership);

  /** chmod, chown, utimensat (ADR 0028). */
  FileStatus setAttributes(DfsPath path, AttributeChange change);

  /** setxattr (ADR 0028). */
  FileStatus setXattr(DfsPath path, String name, byte[] value, XattrMode mode);

  /** removexattr (ADR 0028). */
  FileStatus removeXattr(DfsPath path, String name);

  /** symlink(2) (ADR 0028). */
  FileStatus symlink(DfsPath path, String target, Ownership ownership);

  /** mknod(2) of a FIFO, device or socket (ADR 0028); {@code device} 0 but for a device. */
  FileStatus makeNode(DfsPath path, FileType kind, long device, Ownership ownership);

  /** getxattr, listxattr: the attributes this caller may see (ADR 0028). */
  Xattrs xattrs(DfsPath path);

  /** Creates the file closed: {@link #create(NewFile, LeaseHolder)} for no writer. */
  default FileStatus create(NewFile file) {
    return create(file, LeaseHolder.NONE);
  }

  /**
   * Creates the file open for writing by {@code writer}, who then holds its lease ({@link
   * LeaseHolder#NONE}: created closed).
   */
  FileStatus create(NewFile file, LeaseHolder writer);

  /** {@link #create(NewFile, LeaseHolder)}, with the parent directory's status after it. */
  default NameChange<FileStatus> createAndStatParent(NewFile file, LeaseHolder writer) {
    return NameChange.withoutParents(create(file, writer));
  }

  /**
   * Creates (or replaces) a whole small file, closed, its bytes kept inline by the master (ADR
   * 0016).
   */
  FileStatus createWithContent(NewFile file, byte[] content);

  /** Takes the file's single-writer lease; BUSY while another client holds it. */
  FileStatus openForWrite(DfsPath path, LeaseHolder.Client writer);

  /** Releases the lease taken by create or openForWrite. */
  void closeFile(FileId fileId, LeaseHolder.Client writer);

  /** Renews every lease {@code writer} holds; returns the timeout within which to renew again. */
  Duration renewLease(LeaseHolder.Client writer);

  FileStatus stat(DfsPath path);

  Listing list(DfsPath path, String startAfter, int limit);

  /**
   * A page of a directory's names, types and file ids only (ADR 0033); {@code limit} 0 = default.
   */
  NameListing listNames(DfsPath path, String startAfter, int limit);

  void rename(DfsPath source, DfsPath target, boolean replace);

  /** link(2) (ADR 0028). */
  FileStatus link(DfsPath existing, DfsPath link);

  /** renameat2(RENAME_EXCHANGE) (ADR 0028). */
  void exchange(DfsPath first, DfsPath second);

  /**
   * Moves {@code source} over {@code target} only while the target is still file {@code
   * expectedTargetId}; else CONFLICT.
   */
  void renameOver(DfsPath source, DfsPath target, FileId expectedTargetId);

  int delete(DfsPath path, boolean recursive);

  /**
   * mkdir(2) for a client that caches attributes: the new directory and, after it, the status of
   * the directory it was made in (none from a master that does not send it).
   */
  default NameChange<FileStatus> mkdirAndStatParent(DfsPath path, Ownership ownership) {
    return NameChange.withoutParents(mkdir(path, false, ownership));
  }

  /** {@link #delete} of one name (not recursive), with its parent's status after it. */
  default NameChange<Integer> deleteAndStatParent(DfsPath path) {
    return NameChange.withoutParents(delete(path, false));
  }

  /** {@link #rename}, with the source's and the target's parents' statuses after it. */
  default NameChange<Void> renameAndStatParents(DfsPath source, DfsPath target, boolean replace) {
    rename(source, target, replace);
    return NameChange.withoutParents(null);
  }

  default FileStatus truncate(DfsPath path, long length) {
    return truncate(path, length, LeaseHolder.NONE);
  }

  /** Truncate by {@code writer}, who may hold the file's lease ({@link LeaseHolder#NONE}: none). */
  FileStatus truncate(DfsPath path, long length, LeaseHolder writer);

  /** {@link #allocateChunk(ChunkAllocationRequest, LeaseHolder)} on a file no client holds. */
  default ChunkWriteTarget allocateChunk(ChunkAllocationRequest request) {
    return allocateChunk(request, LeaseHolder.NONE);
  }

  /**
   * A pipeline for the requested chunk, for {@code writer}, who must hold the file's lease: a new
   * chunk placed avoiding the excluded nodes, or the existing one granted again.
   */
  ChunkWriteTarget allocateChunk(ChunkAllocationRequest request, LeaseHolder writer);

  /** {@link #commitChunk(ChunkCommitRequest, LeaseHolder)} on a file no client holds. */
  default long commitChunk(ChunkCommitRequest commit) {
    return commitChunk(commit, LeaseHolder.NONE);
  }

  /** Records a chunk every replica fsynced, for {@code writer}; returns the file's length. */
  long commitChunk(ChunkCommitRequest commit, LeaseHolder writer);

  /**
   * Commits a stream's last chunk and then releases {@code writer}'s lease on the file, as {@link
   * #closeFile} would; returns the file's length. One round trip where the master supports it.
   */
  default long commitChunkAndClose(ChunkCommitRequest commit, LeaseHolder.Client writer) {
    long length = commitChunk(commit, writer);
    closeFile(commit.fileId(), writer);
    return length;
  }

  /**
   * Writes the request's bytes into the namespace itself, into a chunkless file {@code writer}
   * holds (a small file, ADR 0016); and releases the lease if the request closes the file. CONFLICT
   * when the file has chunks, INVALID_ARGUMENT when it would outgrow the inline limit.
   */
  FileStatus storeInline(InlineWriteRequest write, LeaseHolder writer);

  /**
   * Pipeline recovery: the next version of a chunk whose write lost a replica, with a pipeline of
   * the request's survivors.
   */
  ChunkWriteTarget recoverChunk(ChunkRecoveryRequest request, LeaseHolder writer);

  /** {@code length} 0 = to the end of the file. */
  LocatedFile locate(DfsPath path, long offset, long length);

  void reportBadReplica(ChunkId chunk, NodeId node, String reason);

  @Override
  void close();
}
