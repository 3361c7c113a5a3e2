package io.godfs.application.port.in;

import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.AttributeChange;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileId;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.FileType;
import io.godfs.domain.file.Listing;
import io.godfs.domain.file.LocatedFile;
import io.godfs.domain.file.NameChange;
import io.godfs.domain.file.NameListing;
import io.godfs.domain.file.Ownership;
import io.godfs.domain.file.XattrMode;
import io.godfs.domain.file.Xattrs;
import io.godfs.domain.node.ClusterInfo;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalInt;

/**
 * What a client (SDK, CLI, REST gateway, FUSE mount) does with goDFS files. Namespace methods throw
 * {@link io.godfs.domain.error.DfsException} with the refusal; streams throw {@link
 * DfsIOException}. Thread-safe; each stream is used by one thread at a time.
 */
public interface FileSystemUseCase extends AutoCloseable {

  FileStatus mkdir(DfsPath path, boolean parents);

  /** Creates an empty file; with {@code overwrite} an existing file is replaced. */
  FileStatus createEmpty(DfsPath path, boolean overwrite);

  FileStatus stat(DfsPath path);

  /** Cluster defaults and the space the live chunkservers offer and use (for df / statfs). */
  ClusterInfo clusterInfo();

  /** One page of a directory, sorted by name; {@code limit} 0 = default. */
  Listing list(DfsPath path, String startAfter, int limit);

  /**
   * A page of a directory's names, types and file ids only, sorted by name (ADR 0033): what a plain
   * readdir needs, in far fewer bytes than {@link #list}. {@code limit} 0 = default. This default
   * reads {@link #list}'s pages, for implementations without the master's names-only call.
   */
  default NameListing listNames(DfsPath path, String startAfter, int limit) {
    int wanted = limit == 0 ? NameListing.DEFAULT_LIMIT : limit;
    NameListing.Builder names = new NameListing.Builder();
    String after = startAfter;
    boolean more = true;
    while (more && names.size() < wanted) {
      Listing page = list(path, after, Math.min(Listing.MAX_LIMIT, wanted - names.size()));
      for (FileStatus s : page.entries()) {
        names.add(s.path().name(), s.type(), s.fileId().value());
      }
      more = page.hasMore() && !page.entries().isEmpty();
      after = more ? page.entries().getLast().path().name() : after;
    }
    return names.build(more);
  }

  void rename(DfsPath source, DfsPath target, boolean replace);

  /**
   * link(2) (ADR 0028): {@code link} becomes another name of the file at {@code existing} (not a
   * directory: NOT_PERMITTED); both names then read and write the same inode.
   */
  default FileStatus link(DfsPath existing, DfsPath link) {
    throw new DfsException(ErrorCode.UNSUPPORTED, "this client cannot make hard links");
  }

  /** renameat2(RENAME_EXCHANGE) (ADR 0028): swaps what the two paths name, atomically. */
  default void exchange(DfsPath first, DfsPath second) {
    throw new DfsException(ErrorCode.UNSUPPORTED, "this client cannot exchange names");
  }

  /**
   * Moves {@code source} over {@code target} only while the target is still the file with id {@code
   * expectedTargetId} (from its {@link FileStatus#fileId()}); refused with CONFLICT once another
   * client replaced or removed it. A compare-and-swap for conditional overwrites.
   */
  void renameOver(DfsPath source, DfsPath target, FileId expectedTargetId);

  /** Returns how many files were deleted (0 when the master moved the path to its trash). */
  int delete(DfsPath path, boolean recursive);

  /**
   * mkdir(2) for a client that caches attributes (the mount): the new directory and the status,
   * after it, of the directory it was made in, when the master sends it; one call where a stat of
   * the parent would be a second (issue 26).
   */
  default NameChange<FileStatus> mkdirAndStatParent(DfsPath path, Ownership ownership) {
    return NameChange.withoutParents(mkdir(path, false, ownership));
  }

  /**
   * open(2) with O_CREAT of a missing file, owned as {@code ownership} says: the stream writing it,
   * with the status of the directory it was made in after it.
   */
  default NameChange<DfsOutput> createAndStatParent(DfsPath path, Ownership ownership) {
    return NameChange.withoutParents(create(path, false, ownership));
  }

  /** unlink(2) or rmdir(2): {@link #delete} of one name, with its parent's status after it. */
  default NameChange<Integer> deleteAndStatParent(DfsPath path) {
    return NameChange.withoutParents(delete(path, false));
  }

  /** {@link #rename}, with the source's and the target's parents' statuses after it. */
  default NameChange<Void> renameAndStatParents(DfsPath source, DfsPath target, boolean replace) {
    rename(source, target, replace);
    return NameChange.withoutParents(null);
  }

  /**
   * {@link #delete}, saying whether the master removed the path or moved it to its trash, and until
   * when it can be restored (ADR 0024). A client that cannot tell says it was deleted.
   */
  default Deletion remove(DfsPath path, boolean recursive) {
    return new Deletion.Deleted(delete(path, recursive));
  }

  /**
   * The master's trash, as this client's caller: what deletes moved there, and restoring it.
   *
   * @throws DfsException CONFLICT when this client reaches no master (an in-process file system)
   */
  default TrashClient trash() {
    throw new DfsException(
        ErrorCode.CONFLICT, "this client reaches no master, and so no trash to list or restore");
  }

  /**
   * The master's snapshots (ADR 0025), as this client's caller: allow, create, list, diff, delete
   * and restore. A snapshot is read through this file system at {@code <dir>/.snapshot/<name>}.
   *
   * @throws DfsException CONFLICT when this client reaches no master (an in-process file system)
   */
  default SnapshotClient snapshots() {
    throw new DfsException(
        ErrorCode.CONFLICT, "this client reaches no master, and so no snapshots to manage");
  }

  /**
   * The master's directory quotas (ADR 0026), as this client's caller: set and clear (an
   * administrator), and show.
   *
   * @throws DfsException CONFLICT when this client reaches no master (an in-process file system)
   */
  default QuotaClient quotas() {
    throw new DfsException(
        ErrorCode.CONFLICT, "this client reaches no master, and so no quotas to set or show");
  }

  /**
   * Sets a file's length: shrinking drops the bytes past it, growing adds a hole that reads as
   * zeros. Returns the new status.
   */
  FileStatus truncate(DfsPath path, long length);

  /**
   * Creates the file (replacing it when {@code overwrite}) and returns a stream writing it from
   * offset 0. Bytes are durable on every replica of a chunk when the chunk is completed and at
   * {@link OutputStream#close()}, which fails if any replica could not fsync. The file is open for
   * writing by this client (single-writer lease) until the stream closes.
   */
  DfsOutput create(DfsPath path, boolean overwrite);

  /**
   * Writes into an existing file, holding its single-writer lease while the stream is open (BUSY
   * while another client writes it); starting at {@code offset} (past the end leaves a hole of
   * zeros).
   */
  DfsOutput openForWriteAt(DfsPath path, long offset);

  /**
   * The longest content {@link #writeSmallFile} takes: this client's inline limit (ADR 0016); 0
   * when it writes every file through chunks.
   */
  default int smallFileLimit() {
    return 0;
  }

  /**
   * Writes a whole small file in one master call: created (with {@code overwrite}: replacing an
   * existing file) closed, complete and durable, atomically, its bytes kept by the master. BUSY
   * while another client writes the file; INVALID_ARGUMENT for content longer than {@link
   * #smallFileLimit()}.
   */
  default FileStatus writeSmallFile(DfsPath path, byte[] content, boolean overwrite) {
    throw new DfsException(
        ErrorCode.INVALID_ARGUMENT,
        "this client writes no small files inline (content : " + content.length + " bytes)");
  }

  /**
   * A directory owned as {@code ownership} says (ADR 0028): the mount passes its caller's uid, gid
   * and mode; null gives the master's defaults.
   */
  default FileStatus mkdir(DfsPath path, boolean parents, Ownership ownership) {
    if (ownership == null) {
      return mkdir(path, parents);
    }
    throw new DfsException(
        ErrorCode.INVALID_ARGUMENT, "this client cannot give " + path + " an owner");
  }

  /** {@link #create(DfsPath, boolean)} owned as {@code ownership} says (null: the defaults). */
  default DfsOutput create(DfsPath path, boolean overwrite, Ownership ownership) {
    if (ownership == null) {
      return create(path, overwrite);
    }
    throw new DfsException(
        ErrorCode.INVALID_ARGUMENT, "this client cannot give " + path + " an owner");
  }

  /**
   * Changes the owner, group, mode or times of {@code path} (ADR 0028); answers its new status.
   * Needs {@code write} on the path.
   */
  default FileStatus setAttributes(DfsPath path, AttributeChange change) {
    throw new DfsException(
        ErrorCode.INVALID_ARGUMENT, "this client cannot change the attributes of " + path);
  }

  /**
   * setxattr (ADR 0028): {@code user.*} needs {@code write} on the path, {@code trusted.*} an
   * administrator; values up to 64 KiB, 64 KiB per inode.
   */
  default FileStatus setXattr(DfsPath path, String name, byte[] value, XattrMode mode) {
    throw new DfsException(
        ErrorCode.UNSUPPORTED, "this client cannot set extended attributes of " + path);
  }

  /** removexattr (ADR 0028); NO_ATTRIBUTE when it has none of that name. */
  default FileStatus removeXattr(DfsPath path, String name) {
    throw new DfsException(
        ErrorCode.UNSUPPORTED, "this client cannot remove extended attributes of " + path);
  }

  /**
   * symlink(2) (ADR 0028): a link at {@code path} to {@code target}, stored as given and never
   * followed by goDFS (the kernel follows it through the mount); {@code ownership} null: root's.
   */
  default FileStatus symlink(DfsPath path, String target, Ownership ownership) {
    throw new DfsException(ErrorCode.UNSUPPORTED, "this client cannot make symbolic links");
  }

  /**
   * mknod(2) and mkfifo(3) (ADR 0028): a FIFO, character or block device, or socket at {@code
   * path}, with {@code device}'s number for a device (0 otherwise); {@code ownership} null: root's.
   */
  default FileStatus makeNode(DfsPath path, FileType kind, long device, Ownership ownership) {
    throw new DfsException(ErrorCode.UNSUPPORTED, "this client cannot make special files");
  }

  /** readlink(2): the target of the symbolic link at {@code path}. */
  default String readlink(DfsPath path) {
    LocatedFile link = locate(path, 0, 0);
    if (!link.status().isSymlink() || link.inline() == null) {
      throw new DfsException(ErrorCode.INVALID_ARGUMENT, path + " is not a symbolic link");
    }
    return new String(link.inline(), StandardCharsets.UTF_8);
  }

  /** The extended attributes of {@code path} the caller may read (ADR 0028). */
  default Xattrs xattrs(DfsPath path) {
    throw new DfsException(
        ErrorCode.UNSUPPORTED, "this client cannot read extended attributes of " + path);
  }

  /** HDFS's {@code setOwner}: either may be empty (left as it is). */
  default FileStatus setOwner(DfsPath path, OptionalInt owner, OptionalInt group) {
    return setAttributes(path, AttributeChange.owner(owner, group));
  }

  /** HDFS's {@code setPermission}: the 12 permission bits (e.g. 0750, 01777). */
  default FileStatus setPermission(DfsPath path, int mode) {
    return setAttributes(path, AttributeChange.mode(mode));
  }

  /** HDFS's {@code setTimes}, to the nanosecond; {@code null} keeps a time. */
  default FileStatus setTimes(DfsPath path, Instant modified, Instant accessed) {
    return setAttributes(
        path,
        AttributeChange.times(
            accessed == null ? AttributeChange.TimeChange.KEEP : new AttributeChange.At(accessed),
            modified == null ? AttributeChange.TimeChange.KEEP : new AttributeChange.At(modified)));
  }

  /**
   * The status of file {@code path} with its chunks overlapping {@code [offset, offset+length)}:
   * ids, versions, lengths and replicas (and the whole content of an inline file). A backup names
   * the chunks it copies by id and version (ADR 0027); reading goes through {@link #open}.
   */
  default LocatedFile locate(DfsPath path, long offset, long length) {
    throw new DfsException(
        ErrorCode.INVALID_ARGUMENT, "this client cannot locate the chunks of " + path);
  }

  /** Opens a file for reading with seek; every byte is verified against its block CRC32C. */
  SeekableInput open(DfsPath path);

  @Override
  void close();
}
