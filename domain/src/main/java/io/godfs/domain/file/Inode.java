package io.godfs.domain.file;

import java.time.Instant;

/**
 * A node of the namespace tree. Mutable, and only ever touched by {@link Namespace} and its
 * package-private parts, which share the tree and are serialised by the namespace's caller.
 */
abstract sealed class Inode permits DirectoryInode, FileInode {
  final long id;

  /** This inode's id as the ports name it. */
  FileId fileId() {
    return new FileId(id);
  }

  final Instant creationTime;
  Instant modificationTime;
  DirectoryInode parent;
  String name;

  /**
   * How many names hold this inode: its parent's entry, plus each snapshot diff that kept it when
   * it was removed or moved ({@link DirectoryDiff#removed}). At 0 nothing can reach it any more.
   */
  int links = 1;

  /** Its states as earlier snapshots saw them, or null when no snapshot needed one (ADR 0025). */
  InodeDiffs diffs;

  Inode(long id, Instant creationTime, DirectoryInode parent, String name) {
    this.id = id;
    this.creationTime = creationTime;
    this.modificationTime = creationTime;
    this.parent = parent;
    this.name = name;
  }

  DfsPath path() {
    if (parent == null) {
      return DfsPath.ROOT;
    }
    return parent.path().child(name);
  }

  abstract FileStatus status(DfsPath path);
}
