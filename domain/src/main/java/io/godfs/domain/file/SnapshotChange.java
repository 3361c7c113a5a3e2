package io.godfs.domain.file;

import java.util.Objects;

/**
 * One line of a snapshot diff: what changed under a snapshottable directory between a snapshot and
 * a later one (or now). {@code target}: where a renamed entry went, else null. Paths are where the
 * entries are (were) under the directory itself, not under {@code .snapshot}.
 */
public record SnapshotChange(Kind kind, DfsPath path, DfsPath target) {
  /** As HDFS prints them: +, -, M and R. */
  public enum Kind {
    CREATED,
    DELETED,
    MODIFIED,
    RENAMED
  }

  public SnapshotChange {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(path, "path");
    if ((kind == Kind.RENAMED) != (target != null)) {
      throw new IllegalArgumentException("a target is given for renames, and only for them");
    }
  }
}
