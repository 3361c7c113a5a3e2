package io.godfs.domain.file;

import java.time.Instant;
import java.util.Objects;

/**
 * What {@code stat} tells about a path. Directories have length 0 and no chunks. {@code inline}:
 * the file's bytes are held by the master itself (a small file), not in chunks.
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
    boolean inline) {
  public FileStatus {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(creationTime, "creationTime");
    Objects.requireNonNull(modificationTime, "modificationTime");
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
}
