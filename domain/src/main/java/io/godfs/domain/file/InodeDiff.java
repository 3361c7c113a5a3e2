package io.godfs.domain.file;

import java.time.Instant;

/** What an inode was when a snapshot was taken (see {@link InodeDiffs}). */
abstract sealed class InodeDiff permits FileDiff, DirectoryDiff {
  /** The snapshot this state belongs to; relabelled when that snapshot is deleted. */
  long snapshotId;

  final Instant modificationTime;

  /** Its owner, group, mode, access and change times then (ADR 0028). */
  final InodeAttributes attributes;

  /** Its extended attributes then. */
  final Xattrs xattrs;

  InodeDiff(long snapshotId, Instant modificationTime, InodeAttributes attributes, Xattrs xattrs) {
    this.snapshotId = snapshotId;
    this.modificationTime = modificationTime;
    this.attributes = attributes;
    this.xattrs = xattrs;
  }
}
