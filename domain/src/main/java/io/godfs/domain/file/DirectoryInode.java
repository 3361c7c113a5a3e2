package io.godfs.domain.file;

import java.time.Instant;
import java.util.TreeMap;

/** A directory: children by name, kept sorted so listing is O(page) and stable. */
final class DirectoryInode extends Inode {
  final TreeMap<String, Inode> children = new TreeMap<>();

  /** Its snapshots when an admin made it snapshottable, else null (ADR 0025). */
  SnapshotRoot snapshots;

  /** Its quotas and their usage, else null (ADR 0026). */
  DirectoryQuota quota;

  DirectoryInode(long id, Instant creationTime, DirectoryInode parent, String name) {
    super(id, creationTime, parent, name);
  }

  @Override
  FileStatus status(DfsPath path) {
    return new FileStatus(
        path,
        FileType.DIRECTORY,
        fileId(),
        0,
        creationTime,
        modificationTime,
        0,
        0,
        0,
        false,
        attributes());
  }
}
