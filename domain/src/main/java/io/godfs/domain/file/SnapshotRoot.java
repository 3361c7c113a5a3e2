package io.godfs.domain.file;

import java.time.Instant;
import java.util.TreeMap;

/** A snapshottable directory's snapshots (ADR 0025), by name and by id. */
final class SnapshotRoot {
  /**
   * One snapshot. {@code firstLaterInode}: the inode counter when it was taken; inodes with this id
   * or above did not exist then, so their changes need no diff for it.
   */
  record Snapshot(long id, String name, Instant created, long firstLaterInode) {}

  final TreeMap<String, Snapshot> byName = new TreeMap<>();
  final TreeMap<Long, Snapshot> byId = new TreeMap<>();

  long latestId() {
    return byId.isEmpty() ? 0 : byId.lastKey();
  }

  void add(Snapshot s) {
    byName.put(s.name(), s);
    byId.put(s.id(), s);
  }

  void remove(Snapshot s) {
    byName.remove(s.name());
    byId.remove(s.id());
  }
}
