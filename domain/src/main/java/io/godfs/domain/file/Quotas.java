package io.godfs.domain.file;

import static io.godfs.domain.error.ErrorCode.INVALID_ARGUMENT;
import static io.godfs.domain.error.ErrorCode.QUOTA_EXCEEDED;

import io.godfs.domain.error.DfsError;
import io.godfs.domain.error.Outcome;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * HDFS-style name and space quotas on directories (ADR 0026). A directory with a quota keeps its
 * tree's usage ({@link DirectoryQuota}), updated as inodes are linked into or unlinked from the
 * live tree and as file lengths change; a change that would take a directory past a quota is
 * refused (QUOTA_EXCEEDED) before it is made. Without any quota every hook returns at once. A file
 * with several names (ADR 0028) counts once per name, as MooseFS counts it per parent edge; {@link
 * #measure} counts the same way, so a recount agrees with the running usage.
 */
final class Quotas {
  /** Directories that have a quota: while 0, nothing is counted. */
  private int count;

  boolean any() {
    return count > 0;
  }

  // ---------------------------------------------------------------- administration

  /**
   * Sets {@code dir}'s quotas ({@link QuotaUsage#NONE}: none; both none clears them). Usage is
   * counted once from its tree: O(the tree). A quota below the current usage is allowed (as HDFS):
   * only growth is refused.
   */
  Outcome<QuotaUsage> set(DirectoryInode dir, DfsPath path, long nameQuota, long spaceQuota) {
    if (nameQuota < QuotaUsage.NONE || spaceQuota < QuotaUsage.NONE || nameQuota == 0) {
      return Outcome.rejected(
          INVALID_ARGUMENT,
          "quota of "
              + path
              + ": names "
              + nameQuota
              + ", space "
              + spaceQuota
              + " (expected: names at least 1, space at least 0, or -1 for none)");
    }
    if (nameQuota == QuotaUsage.NONE && spaceQuota == QuotaUsage.NONE) {
      if (dir.quota != null) {
        dir.quota = null;
        count--;
      }
      return Outcome.ok(usage(dir, path));
    }
    if (dir.quota == null) {
      long[] used = measure(dir);
      dir.quota = new DirectoryQuota(nameQuota, spaceQuota);
      dir.quota.names = used[0];
      dir.quota.space = used[1];
      count++;
    } else {
      dir.quota.nameQuota = nameQuota;
      dir.quota.spaceQuota = spaceQuota;
    }
    return Outcome.ok(usage(dir, path));
  }

  QuotaUsage usage(DirectoryInode dir, DfsPath path) {
    if (dir.quota == null) {
      long[] used = measure(dir);
      return new QuotaUsage(path, QuotaUsage.NONE, used[0], QuotaUsage.NONE, used[1]);
    }
    DirectoryQuota q = dir.quota;
    return new QuotaUsage(path, q.nameQuota, q.names, q.spaceQuota, q.space);
  }

  /** A directory read from an image: its quotas, its usage counted from its loaded tree. */
  void restore(DirectoryInode dir, long nameQuota, long spaceQuota) {
    set(dir, DfsPath.ROOT, nameQuota, spaceQuota);
  }

  // ---------------------------------------------------------------- checks, before a change

  /**
   * Refusal when adding {@code names} names and {@code space} bytes under {@code parent} would take
   * a directory at or above it past a quota, stopping below {@code common} (whose usage does not
   * change: a move within it). Null when allowed.
   */
  <T> Outcome.Rejected<T> check(
      DirectoryInode parent, long names, long space, DirectoryInode common, DfsPath where) {
    if (count == 0 || (names <= 0 && space <= 0)) {
      return null;
    }
    for (DirectoryInode d = parent; d != null && d != common; d = d.parent) {
      DirectoryQuota q = d.quota;
      if (q == null) {
        continue;
      }
      if (names > 0 && q.nameQuota != QuotaUsage.NONE && q.names + names > q.nameQuota) {
        return new Outcome.Rejected<>(
            DfsError.of(
                QUOTA_EXCEEDED,
                where
                    + ": the name quota of "
                    + d.path()
                    + " is exceeded (quota "
                    + q.nameQuota
                    + ", in use "
                    + q.names
                    + ", adding "
                    + names
                    + ")"));
      }
      if (space > 0 && q.spaceQuota != QuotaUsage.NONE && q.space + space > q.spaceQuota) {
        return new Outcome.Rejected<>(
            DfsError.of(
                QUOTA_EXCEEDED,
                where
                    + ": the space quota of "
                    + d.path()
                    + " is exceeded (quota "
                    + q.spaceQuota
                    + " bytes, in use "
                    + q.space
                    + ", adding "
                    + space
                    + ")"));
      }
    }
    return null;
  }

  /** As {@link #check} for growing {@code file} by {@code bytes} (times its replication). */
  <T> Outcome.Rejected<T> checkGrowth(FileInode file, long bytes, DfsPath where) {
    if (count == 0 || bytes <= 0) {
      return null;
    }
    if (file.nlink <= 1) {
      return check(file.parent, 0, bytes * file.replication, null, where);
    }
    // Each name counts the file (ADR 0028): a quota directory above two of its names grows twice.
    Map<DirectoryInode, Integer> names = new LinkedHashMap<>();
    for (DirectoryInode dir : file.nameDirs()) {
      for (DirectoryInode d = dir; d != null; d = d.parent) {
        if (d.quota != null) {
          names.merge(d, 1, Integer::sum);
        }
      }
    }
    for (var e : names.entrySet()) {
      DirectoryInode d = e.getKey();
      Outcome.Rejected<T> full =
          check(d, 0, bytes * file.replication * e.getValue(), d.parent, where);
      if (full != null) {
        return full;
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- keeping usage in step

  /** {@code inode} and its tree were linked into the live tree as an entry of {@code dir}. */
  void linked(DirectoryInode dir, Inode inode) {
    if (count > 0) {
      long[] used = measure(inode);
      add(dir, used[0], used[1], null);
    }
  }

  /** {@code inode} and its tree are about to leave the live tree as an entry of {@code dir}. */
  void unlinking(DirectoryInode dir, Inode inode) {
    if (count > 0) {
      long[] used = measure(inode);
      add(dir, -used[0], -used[1], null);
    }
  }

  /** A live file's length changed by {@code delta}: counted under each of its names. */
  void lengthChanged(FileInode file, long delta) {
    if (count > 0 && delta != 0) {
      for (DirectoryInode dir : file.nameDirs()) {
        add(dir, 0, delta * file.replication, null);
      }
    }
  }

  /**
   * What a tree uses: its names (itself included) and its space. O(1) for a directory with a quota.
   */
  long[] measure(Inode top) {
    if (top instanceof DirectoryInode d && d.quota != null) {
      return new long[] {d.quota.names, d.quota.space};
    }
    long names = 0;
    long space = 0;
    Deque<Inode> todo = new ArrayDeque<>();
    todo.push(top);
    while (!todo.isEmpty()) {
      Inode inode = todo.pop();
      if (inode != top && inode instanceof DirectoryInode d && d.quota != null) {
        names += d.quota.names;
        space += d.quota.space;
        continue;
      }
      names++;
      if (inode instanceof FileInode f) {
        space += f.length * f.replication;
      } else {
        ((DirectoryInode) inode).children.values().forEach(todo::push);
      }
    }
    return new long[] {names, space};
  }

  private static void add(DirectoryInode from, long names, long space, DirectoryInode common) {
    for (DirectoryInode d = from; d != null && d != common; d = d.parent) {
      if (d.quota != null) {
        d.quota.names += names;
        d.quota.space += space;
      }
    }
  }
}
