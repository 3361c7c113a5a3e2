package io.godfs.application.port.in;

import io.godfs.domain.access.Caller;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.AttributeChange;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileId;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.FileType;
import io.godfs.domain.file.LeaseHolder;
import io.godfs.domain.file.Listing;
import io.godfs.domain.file.NameListing;
import io.godfs.domain.file.NewFile;
import io.godfs.domain.file.Ownership;
import io.godfs.domain.file.XattrMode;
import io.godfs.domain.file.Xattrs;
import java.util.concurrent.CompletableFuture;

/** The master's namespace operations. Refusals come back as {@link Outcome.Rejected}. */
public interface NamespaceUseCase {

  Outcome<FileStatus> mkdir(Caller caller, DfsPath path, boolean parents);

  /** A directory owned as {@code ownership} says (null: the defaults; ADR 0028). */
  Outcome<FileStatus> mkdir(Caller caller, DfsPath path, boolean parents, Ownership ownership);

  /** Changes the owner, group, mode or times of {@code path} (ADR 0028). */
  Outcome<FileStatus> setAttributes(Caller caller, DfsPath path, AttributeChange change);

  /** setxattr: {@code write} on the path for user.*, {@code admin} for trusted.* (ADR 0028). */
  Outcome<FileStatus> setXattr(
      Caller caller, DfsPath path, String name, byte[] value, XattrMode mode);

  /** removexattr, with the permissions of {@link #setXattr}. */
  Outcome<FileStatus> removeXattr(Caller caller, DfsPath path, String name);

  /** symlink(2): {@code write} on the link's path (ADR 0028). */
  Outcome<FileStatus> symlink(Caller caller, DfsPath path, String target, Ownership ownership);

  /** mknod(2) of a FIFO, device or socket: {@code write} on its path (ADR 0028). */
  Outcome<FileStatus> makeNode(
      Caller caller, DfsPath path, FileType kind, long device, Ownership ownership);

  /** The extended attributes the caller may read ({@code read}; trusted.* only for admins). */
  Outcome<Xattrs> xattrs(Caller caller, DfsPath path);

  /** Creates the file closed: {@link #create(NewFile, LeaseHolder)} for no writer. */
  default Outcome<FileStatus> create(Caller caller, NewFile file) {
    return create(caller, file, LeaseHolder.NONE);
  }

  /**
   * Creates the file open for writing by {@code writer}, who then holds its lease ({@link
   * LeaseHolder#NONE}: created closed); an overwrite releases the old file's chunks.
   */
  Outcome<FileStatus> create(Caller caller, NewFile file, LeaseHolder writer);

  /**
   * Creates (or with {@code overwrite} replaces) a whole small file, closed, its {@code content}
   * kept inline by the master (ADR 0016): one atomic mutation. INVALID_ARGUMENT past the inline
   * limit.
   */
  Outcome<FileStatus> createWithContent(Caller caller, NewFile file, byte[] content);

  /**
   * {@link #create(NewFile, LeaseHolder)} without holding the caller's thread while the master
   * makes the create durable (a replicated master: until a quorum has it). The future fails with
   * what the synchronous call would throw.
   */
  CompletableFuture<Outcome<FileStatus>> createAsync(
      Caller caller, NewFile file, LeaseHolder writer);

  /** {@link #createWithContent} without holding the caller's thread, as {@link #createAsync}. */
  CompletableFuture<Outcome<FileStatus>> createWithContentAsync(
      Caller caller, NewFile file, byte[] content);

  Outcome<FileStatus> stat(Caller caller, DfsPath path);

  /**
   * {@link #stat} without holding the caller's thread while a replicated master confirms that its
   * answer is current (its lease, or a round to the other masters).
   */
  CompletableFuture<Outcome<FileStatus>> statAsync(Caller caller, DfsPath path);

  /** {@code limit} 0 = default page size. */
  Outcome<Listing> list(Caller caller, DfsPath path, String startAfter, int limit);

  /**
   * {@link #list}'s names, types and file ids only, with the same checks (ADR 0033); {@code limit}
   * 0 = {@link NameListing#DEFAULT_LIMIT}.
   */
  Outcome<NameListing> listNames(Caller caller, DfsPath path, String startAfter, int limit);

  Outcome<Void> rename(Caller caller, DfsPath source, DfsPath target, boolean replace);

  /** link(2) (ADR 0028): {@code read} on {@code existing}, {@code write} on {@code link}. */
  Outcome<FileStatus> link(Caller caller, DfsPath existing, DfsPath link);

  /** renameat2(RENAME_EXCHANGE) (ADR 0028): {@code write} on both, as a rename. */
  Outcome<Void> exchange(Caller caller, DfsPath first, DfsPath second);

  /**
   * Moves {@code source} over {@code target} only while the target is still file {@code
   * expectedTargetId} (else CONFLICT).
   */
  Outcome<Void> renameOver(Caller caller, DfsPath source, DfsPath target, FileId expectedTargetId);

  /** Sets a file's length; the chunks past a shrunk end are released. */
  default Outcome<FileStatus> truncate(Caller caller, DfsPath path, long length) {
    return truncate(caller, path, length, LeaseHolder.NONE);
  }

  /**
   * Truncate by {@code writer}, which may hold the file's lease; BUSY while another client writes
   * it.
   */
  Outcome<FileStatus> truncate(Caller caller, DfsPath path, long length, LeaseHolder writer);

  /**
   * Deletes a file, an empty directory or (with {@code recursive}) a tree: at once, or, with the
   * master's trash on, by moving it there (ADR 0024). Either way a non-recursive delete of a
   * directory with entries is refused (NOT_EMPTY).
   */
  Outcome<Deletion> delete(Caller caller, DfsPath path, boolean recursive);
}
