package io.godfs.domain.file;

import java.time.Instant;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A directory's changes since the snapshot, not a copy of it: the children the snapshot saw that
 * were removed or replaced since (each holds a {@link Inode#links link}), and the names created
 * since. Undoing them on the current children gives the snapshot's children.
 */
final class DirectoryDiff extends InodeDiff {
  final TreeMap<String, Inode> removed = new TreeMap<>();
  final TreeSet<String> created = new TreeSet<>();

  DirectoryDiff(
      long snapshotId, Instant modificationTime, InodeAttributes attributes, Xattrs xattrs) {
    super(snapshotId, modificationTime, attributes, xattrs);
  }
}
