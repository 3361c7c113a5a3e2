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

  /** What was below {@code from} is now below {@code to}; what {@code to} named is gone. */
  synchronized void moved(DfsPath from, DfsPath to) {
    if (inodeOf.isEmpty()) {
      return;
    }
    under(to).forEach(this::forget);
    rebase(under(from), from, to);
  }

  /** What was below {@code first} is below {@code second}, and the other way round. */
  synchronized void exchanged(DfsPath first, DfsPath second) {
    if (inodeOf.isEmpty()) {
      return;
    }
    List<DfsPath> wasFirst = under(first);
    List<DfsPath> wasSecond = under(second);
    Map<DfsPath, Long> moving = new HashMap<>();
    wasFirst.forEach(p -> moving.put(p.rebase(first, second), inodeOf.get(p)));
    wasSecond.forEach(p -> moving.put(p.rebase(second, first), inodeOf.get(p)));
    wasFirst.forEach(this::forget);
    wasSecond.forEach(this::forget);
    moving.forEach(this::add);
  }

  private void rebase(List<DfsPath> names, DfsPath from, DfsPath to) {
    Map<DfsPath, Long> moving = new HashMap<>();
    names.forEach(p -> moving.put(p.rebase(from, to), inodeOf.get(p)));
    names.forEach(this::forget);
    moving.forEach(this::add);
  }

  private void add(DfsPath path, long inode) {
    inodeOf.put(path, inode);
    byInode.computeIfAbsent(inode, i -> new LinkedHashSet<>()).add(path);
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
