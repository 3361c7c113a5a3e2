package io.godfs.domain.file;

import java.time.Instant;
import java.util.Objects;

/** What {@code stat} tells about a path. Directories have length 0 and no chunks. */
public record FileStatus(
    DfsPath path,
    FileType type,
    long fileId,
    long length,
    Instant creationTime,
    Instant modificationTime,
    long chunkSize,
    int replication,
    int chunkCount) {
  public FileStatus {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(creationTime, "creationTime");
    Objects.requireNonNull(modificationTime, "modificationTime");
  }

  public boolean isDirectory() {
    return type == FileType.DIRECTORY;
  }
}
