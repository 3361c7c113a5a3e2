package io.godfs.adapters.fuse;

import io.godfs.domain.file.DfsPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The names this mount has seen of each file with several (hard links, ADR 0028). libfuse's
 * high-level API gives every name a kernel inode of its own, so a change made through one name
 * leaves the kernel's cached attributes and pages of the others stale: the mount drops those itself
 * ({@link MetadataCache#otherNamesChanged}). Only files whose link count is above one are kept, so
 * a tree without hard links costs nothing here.
 */
final class LinkedNames {
  private final Map<Long, Set<DfsPath>> byInode = new HashMap<>();
  private final Map<DfsPath, Long> inodeOf = new HashMap<>();

  /** {@code path} names the file {@code a} describes (its inode and link count). */
  synchronized void seen(DfsPath path, Attributes a) {
    if (a == null || a.directory() || a.links() < 2) {
      if (!inodeOf.isEmpty()) {
        forget(path);
      }
      return;
    }
    Long previous = inodeOf.put(path, a.inode());
    if (previous != null && previous != a.inode()) {
      remove(previous, path);
    }
    byInode.computeIfAbsent(a.inode(), i -> new LinkedHashSet<>()).add(path);
  }

  /** The other names seen of the file {@code path} names; empty when it has one. */
  synchronized List<DfsPath> othersOf(DfsPath path) {
    Long inode = inodeOf.get(path);
    if (inode == null) {
      return List.of();
    }
    List<DfsPath> others = new ArrayList<>(byInode.get(inode));
    others.remove(path);
    return others;
  }

  /** The names kept at or below {@code root}. */
  synchronized List<DfsPath> under(DfsPath root) {
    if (inodeOf.isEmpty()) {
      return List.of();
    }
    return inodeOf.keySet().stream().filter(root::contains).toList();
  }

  /** {@code path} no longer names what it did (removed, renamed, replaced). */
  synchronized void forget(DfsPath path) {
    Long inode = inodeOf.remove(path);
    if (inode != null) {
      remove(inode, path);
    }
  }

  private void remove(long inode, DfsPath path) {
    Set<DfsPath> names = byInode.get(inode);
    if (names != null && names.remove(path) && names.isEmpty()) {
      byInode.remove(inode);
    }
  }
}
