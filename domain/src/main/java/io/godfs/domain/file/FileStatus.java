package io.godfs.domain.file;

import java.time.Instant;
import java.util.Objects;

/**
 * What {@code stat} tells about a path. Directories have length 0 and no chunks. {@code inline}:
 * the file's bytes are held by the master itself (a small file), not in chunks. {@code
 * creationTime} is the birth time; {@code attributes} the owner, group, mode, access and change
 * times (ADR 0028); {@code links} the link count (st_nlink): a file's names, a directory's 2 plus
 * its subdirectories.
 */
public record FileStatus(
    DfsPath path,
    FileType type,
    FileId fileId,
    long length,
    Instant creationTime,
    Instant modificationTime,
    long chunkSize,
    int replication,
    int chunkCount,
    boolean inline,
    InodeAttributes attributes,
    int links) {
  public FileStatus {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(creationTime, "creationTime");
    Objects.requireNonNull(modificationTime, "modificationTime");
    Objects.requireNonNull(attributes, "attributes");
    if (links < 1) {
      throw new IllegalArgumentException("links : " + links + " (expected: 1 or more)");
    }
  }

  /**
   * A status with the link count an inode has without hard links: 2 for a directory (its entry and
   * its "."), 1 for anything else.
   */
  public FileStatus(
      DfsPath path,
      FileType type,
      FileId fileId,
      long length,
      Instant creationTime,
      Instant modificationTime,
      long chunkSize,
      int replication,
      int chunkCount,
      boolean inline,
      InodeAttributes attributes) {
    this(
        path,
        type,
        fileId,
        length,
        creationTime,
        modificationTime,
        chunkSize,
        replication,
        chunkCount,
        inline,
        attributes,
        type == FileType.DIRECTORY ? 2 : 1);
  }

  /** A status with the attributes of an inode that has none recorded (root's, default mode). */
  public FileStatus(
      DfsPath path,
      FileType type,
      FileId fileId,
      long length,
      Instant creationTime,
      Instant modificationTime,
      long chunkSize,
      int replication,
      int chunkCount,
      boolean inline) {
    this(
        path,
        type,
        fileId,
        length,
        creationTime,
        modificationTime,
        chunkSize,
        replication,
        chunkCount,
        inline,
        InodeAttributes.defaults(type, modificationTime));
  }

  /** A status of a file whose bytes are in chunks (or a directory). */
  public FileStatus(
      DfsPath path,
      FileType type,
      FileId fileId,
      long length,
      Instant creationTime,
      Instant modificationTime,
      long chunkSize,
      int replication,
      int chunkCount) {
    this(
        path,
        type,
        fileId,
        length,
        creationTime,
        modificationTime,
        chunkSize,
        replication,
        chunkCount,
        false);
  }

  public boolean isDirectory() {
    return type == FileType.DIRECTORY;
  }

  /** A FIFO, device or socket: no content; a device has its number in the attributes. */
  public boolean isSpecial() {
    return type.isSpecial();
  }

  /** A kind as messages name it: "symbolic link", "FIFO", "character device" ... */
  public static String describe(FileType type) {
    return switch (type) {
      case FILE -> "regular file";
      case DIRECTORY -> "directory";
      case SYMLINK -> "symbolic link";
      case FIFO -> "FIFO";
      case CHARACTER_DEVICE -> "character device";
      case BLOCK_DEVICE -> "block device";
      case SOCKET -> "socket";
    };
  }

  /** A symbolic link: its length is its target's, in UTF-8 bytes (ADR 0028). */
  public boolean isSymlink() {
    return type == FileType.SYMLINK;
  }
}
