package io.godfs.domain.file;

import java.time.Instant;
import java.util.TreeMap;

/** A directory: children by name, kept sorted so listing is O(page) and stable. */
final class DirectoryInode extends Inode {
  /**
   * Its entries. Changed only through {@link #put} and {@link #remove}, which keep {@link
   * #subdirectories} in step.
   */
  final TreeMap<String, Inode> children = new TreeMap<>();

  /**
   * How many of its entries are directories: st_nlink is 2 plus this (its entry, its "." and each
   * child's ".."). Counted as entries change, so stat stays O(1) on a large directory.
   */
  int subdirectories;

  /** Its snapshots when an admin made it snapshottable, else null (ADR 0025). */
  SnapshotRoot snapshots;

  /** Its quotas and their usage, else null (ADR 0026). */
  DirectoryQuota quota;

  DirectoryInode(long id, Instant creationTime, DirectoryInode parent, String name) {
    super(id, creationTime, parent, name);
  }

  /** Sets entry {@code name} to {@code child}; returns the entry it replaced, or null. */
  Inode put(String name, Inode child) {
    Inode before = children.put(name, child);
    counted(before, -1);
    counted(child, 1);
    return before;
  }

  /** Removes entry {@code name}; returns what it named, or null. */
  Inode remove(String name) {
    Inode before = children.remove(name);
    counted(before, -1);
    return before;
  }

  private void counted(Inode entry, int delta) {
    if (entry instanceof DirectoryInode) {
      subdirectories += delta;
    }
  }

  /** st_nlink of the directory as it is now. */
  int linkCount() {
    return 2 + subdirectories;
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
        attributes(),
        linkCount());
  }
}
