package io.godfs.domain.file;

import java.time.Instant;

/** What an inode was when a snapshot was taken (see {@link InodeDiffs}). */
abstract sealed class InodeDiff permits FileDiff, DirectoryDiff {
  /** The snapshot this state belongs to; relabelled when that snapshot is deleted. */
  long snapshotId;

  final Instant modificationTime;

  /** Its owner, group, mode, access and change times then (ADR 0028). */
  final InodeAttributes attributes;

  InodeDiff(long snapshotId, Instant modificationTime, InodeAttributes attributes) {
    this.snapshotId = snapshotId;
    this.modificationTime = modificationTime;
    this.attributes = attributes;
  }
}
