package io.godfs.domain.file;

import static io.godfs.domain.error.ErrorCode.ALREADY_EXISTS;
import static io.godfs.domain.error.ErrorCode.INVALID_ARGUMENT;
import static io.godfs.domain.error.ErrorCode.NO_ATTRIBUTE;

import io.godfs.domain.chunk.ChunkLayout;
import io.godfs.domain.error.DfsError;
import io.godfs.domain.error.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The changes of an inode's POSIX metadata (ADR 0028): attributes (chmod, chown, utimensat),
 * extended attributes, and symbolic links, on the live tree; a snapshot that sees the inode keeps
 * what it had.
 */
final class InodeMetadata {
  private final DirectoryTree tree;
  private final Snapshots snapshots;
  private final FileIndex files;

  InodeMetadata(DirectoryTree tree, Snapshots snapshots, FileIndex files) {
    this.tree = tree;
    this.snapshots = snapshots;
    this.files = files;
  }

  /**
   * Changes the attributes of the live inode at {@code path} (ADR 0028): what the change names, and
   * the change time. A snapshot that sees the inode keeps what it had.
   */
  Outcome<FileStatus> setAttributes(DfsPath path, AttributeChange change, Instant now) {
    return tree.lookup(path)
        .map(
            inode -> {
              if (change.isEmpty()) {
                return inode.status(path);
              }
              snapshots.beforeAttributeChange(inode);
              change.owner().ifPresent(o -> inode.owner = o);
              change.group().ifPresent(g -> inode.group = g);
              change.mode().ifPresent(m -> inode.mode = m);
              Instant accessed = change.accessed().resolve(now);
              if (accessed != null) {
                inode.accessTime = accessed;
              }
              Instant modified = change.modified().resolve(now);
              if (modified != null) {
                inode.modificationTime = modified;
              }
              inode.changed(now);
              return inode.status(path);
            });
  }

  /** The extended attributes of {@code path}, in a snapshot as it saw them (ADR 0028). */
  Outcome<Xattrs> xattrs(DfsPath path) {
    return tree.reads()
        .resolve(path)
        .map(v -> v.snapshots() ? v.inode().xattrs : TreeReads.xattrsAt(v.inode(), v.at()));
  }

  /** setxattr (ADR 0028): the change time moves; a snapshot keeps the set it saw. */
  Outcome<FileStatus> setXattr(
      DfsPath path, String name, byte[] value, XattrMode mode, Instant now) {
    return tree.lookup(path)
        .flatMap(
            inode -> {
              DfsError bad = XattrRules.setProblem(inode.xattrs, name, value);
              if (bad != null) {
                return new Outcome.Rejected<>(bad);
              }
              boolean exists = inode.xattrs.contains(name);
              if (mode == XattrMode.CREATE && exists) {
                return Outcome.rejected(
                    ALREADY_EXISTS, path + " already has extended attribute " + name);
              }
              if (mode == XattrMode.REPLACE && !exists) {
                return Outcome.rejected(NO_ATTRIBUTE, path + " has no extended attribute " + name);
              }
              snapshots.beforeAttributeChange(inode);
              inode.xattrs = inode.xattrs.with(name, value);
              inode.changed(now);
              return Outcome.ok(inode.status(path));
            });
  }

  /** removexattr (ADR 0028). */
  Outcome<FileStatus> removeXattr(DfsPath path, String name, Instant now) {
    return tree.lookup(path)
        .flatMap(
            inode -> {
              DfsError bad = XattrRules.nameProblem(name);
              if (bad != null) {
                return new Outcome.Rejected<>(bad);
              }
              if (!inode.xattrs.contains(name)) {
                return Outcome.rejected(NO_ATTRIBUTE, path + " has no extended attribute " + name);
              }
              snapshots.beforeAttributeChange(inode);
              inode.xattrs = inode.xattrs.without(name);
              inode.changed(now);
              return Outcome.ok(inode.status(path));
            });
  }

  /**
   * symlink(2) (ADR 0028): a new link at {@code path} to {@code target}, which is stored as the
   * link's content and never followed here; an existing name is refused (EEXIST). Links are 0777,
   * as on Linux, owned as {@code ownership} says.
   */
  Outcome<FileStatus> symlink(DfsPath path, String target, Ownership ownership, Instant now) {
    byte[] bytes = target.getBytes(StandardCharsets.UTF_8);
    if (bytes.length == 0 || bytes.length > MAX_SYMLINK_BYTES || target.indexOf('\0') >= 0) {
      return Outcome.rejected(
          INVALID_ARGUMENT,
          "symlink "
              + path
              + ": target : "
              + bytes.length
              + " bytes (expected: 1 to "
              + MAX_SYMLINK_BYTES
              + ", no NUL)");
    }
    Ownership owner =
        ownership == null
            ? new Ownership(0, 0, 0777)
            : new Ownership(ownership.owner(), ownership.group(), 0777);
    return tree.createFile(path, false, 1, ChunkLayout.MIN_CHUNK_SIZE, LeaseHolder.NONE, owner, now)
        .map(
            created -> {
              FileInode link = files.file(created.status().fileId().value());
              link.kind = FileType.SYMLINK;
              files.setInline(link, bytes);
              files.setLength(link, bytes.length);
              return link.status(path);
            });
  }

  /**
   * mknod(2) and mkfifo(3) (ADR 0028): a FIFO, device or socket at {@code path}, with {@code
   * device}'s number for a device (0 otherwise), owned and moded as {@code ownership} says (the
   * caller has applied its umask). It holds no content: the kernel serves its I/O on the client.
   */
  Outcome<FileStatus> makeNode(
      DfsPath path, FileType kind, long device, Ownership ownership, Instant now) {
    if (!kind.isSpecial()) {
      return Outcome.rejected(
          INVALID_ARGUMENT,
          "mknod "
              + path
              + ": kind : "
              + kind
              + " (expected: FIFO, CHARACTER_DEVICE, "
              + "BLOCK_DEVICE or SOCKET; files and directories have calls of their own)");
    }
    if (!kind.isDevice() && device != 0) {
      return Outcome.rejected(
          INVALID_ARGUMENT,
          "mknod " + path + ": device : " + device + " (expected: 0 for a " + kind + ")");
    }
    return tree.createFile(
            path, false, 1, ChunkLayout.MIN_CHUNK_SIZE, LeaseHolder.NONE, ownership, now)
        .map(
            created -> {
              FileInode node = files.file(created.status().fileId().value());
              node.kind = kind;
              node.device = device;
              return node.status(path);
            });
  }

  /** The longest symlink target, in bytes (Linux's PATH_MAX less its NUL). */
  static final int MAX_SYMLINK_BYTES = 4095;
}
