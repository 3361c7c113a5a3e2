package io.godfs.domain.file;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * An inode's states as snapshots saw them (ADR 0025), in the HDFS manner: a diff labelled with
 * snapshot id {@code s} holds what the inode was when snapshot {@code s} was taken, recorded just
 * before the first change after it. The inode as snapshot {@code s} sees it is the first diff whose
 * id is at least {@code s}, or, with none, the inode as it is now. A snapshot therefore costs
 * nothing until something under it changes, and then only the changed inodes.
 */
final class InodeDiffs {
  /**
   * For each snapshottable tree this inode moved out of, the newest snapshot of it that saw the
   * inode there: its later changes must be recorded for that snapshot although no ancestor holds it
   * any more; each with the oldest snapshot id that could have seen it there (when it entered that
   * tree). Null when it never moved.
   */
  TreeMap<Long, Long> pins;

  /**
   * The snapshot counter when this inode moved in from outside its snapshottable tree: that tree's
   * snapshots older than this did not see it (0: it did not move in).
   */
  long entered;

  /**
   * For an inode that left the tree while snapshots kept it: the newest snapshot of each tree that
   * saw it then, with the oldest that could have (as {@link #pins}). Its current state is read only
   * by snapshots after its last diff and up to these. Null otherwise.
   */
  TreeMap<Long, Long> keptBy;

  /** By snapshot id, ascending. */
  final List<InodeDiff> diffs = new ArrayList<>(1);

  long lastId() {
    return diffs.isEmpty() ? 0 : diffs.getLast().snapshotId;
  }

  InodeDiff last() {
    return diffs.isEmpty() ? null : diffs.getLast();
  }

  /** The diff snapshot {@code snapshotId} reads, or null when it reads the current state. */
  InodeDiff at(long snapshotId) {
    for (InodeDiff d : diffs) {
      if (d.snapshotId >= snapshotId) {
        return d;
      }
    }
    return null;
  }

  /** The id of the diff before {@code diff} (0 for the first). */
  long before(InodeDiff diff) {
    int i = diffs.indexOf(diff);
    return i <= 0 ? 0 : diffs.get(i - 1).snapshotId;
  }

  boolean isEmpty() {
    return pins == null && entered == 0 && keptBy == null && diffs.isEmpty();
  }
}
