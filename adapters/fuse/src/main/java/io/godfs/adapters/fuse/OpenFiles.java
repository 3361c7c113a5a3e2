package io.godfs.adapters.fuse;

import io.godfs.domain.file.DfsPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The files open in this mount, one {@link OpenFile} per path shared by all its handles, counted so
 * the last release forgets it. Renames re-key the open files below the renamed path.
 */
final class OpenFiles {
  private final Map<DfsPath, OpenFile> byPath = new HashMap<>();
  private final Map<OpenFile, Integer> handles = new HashMap<>();

  synchronized OpenFile get(DfsPath path) {
    return byPath.get(path);
  }

  /**
   * The open file at {@code path} with one more handle; {@code opener} (which may call goDFS) runs
   * outside the registry's lock and is discarded if another open won the race.
   */
  OpenFile acquire(DfsPath path, Supplier<OpenFile> opener) {
    synchronized (this) {
      OpenFile existing = byPath.get(path);
      if (existing != null) {
        handles.merge(existing, 1, Integer::sum);
        return existing;
      }
    }
    OpenFile fresh = opener.get();
    synchronized (this) {
      OpenFile existing = byPath.putIfAbsent(path, fresh);
      OpenFile chosen = existing != null ? existing : fresh;
      handles.merge(chosen, 1, Integer::sum);
      return chosen;
    }
  }

  /** One handle fewer; returns true when it was the last one and the file is forgotten. */
  synchronized boolean release(OpenFile file) {
    int left = handles.merge(file, -1, Integer::sum);
    if (left > 0) {
      return false;
    }
    handles.remove(file);
    byPath.values().remove(file);
    return true;
  }

  /** The open files at or below {@code root}, in path order (the order to lock them in). */
  synchronized List<OpenFile> under(DfsPath root) {
    List<Map.Entry<DfsPath, OpenFile>> found = new ArrayList<>();
    byPath.forEach(
        (path, file) -> {
          if (root.contains(path)) {
            found.add(Map.entry(path, file));
          }
        });
    found.sort(Map.Entry.comparingByKey());
    return found.stream().map(Map.Entry::getValue).toList();
  }

  /** Re-keys the open files at or below {@code from} to their place below {@code to}. */
  synchronized void moved(DfsPath from, DfsPath to) {
    List<Map.Entry<DfsPath, OpenFile>> moving = new ArrayList<>();
    byPath
        .entrySet()
        .removeIf(
            e -> {
              if (from.contains(e.getKey())) {
                moving.add(Map.entry(e.getKey(), e.getValue()));
                return true;
              }
              return false;
            });
    for (Map.Entry<DfsPath, OpenFile> e : moving) {
      DfsPath newPath = e.getKey().rebase(from, to);
      e.getValue().movedTo(newPath);
      byPath.put(newPath, e.getValue());
    }
  }

  /**
   * Swaps the open files at or below {@code first} with those at or below {@code second}, which
   * traded places in one step (RENAME_EXCHANGE; neither contains the other).
   */
  synchronized void exchanged(DfsPath first, DfsPath second) {
    List<Map.Entry<DfsPath, OpenFile>> moving = new ArrayList<>();
    byPath
        .entrySet()
        .removeIf(
            e -> {
              if (first.contains(e.getKey()) || second.contains(e.getKey())) {
                moving.add(Map.entry(e.getKey(), e.getValue()));
                return true;
              }
              return false;
            });
    for (Map.Entry<DfsPath, OpenFile> e : moving) {
      DfsPath newPath =
          first.contains(e.getKey())
              ? e.getKey().rebase(first, second)
              : e.getKey().rebase(second, first);
      e.getValue().movedTo(newPath);
      byPath.put(newPath, e.getValue());
    }
  }

  /** Buffered bytes of every open file, read without the files' locks (for metrics). */
  synchronized long dirtyBytes() {
    long total = 0;
    for (OpenFile file : byPath.values()) {
      total += file.dirtyBytes();
    }
    return total;
  }

  synchronized List<OpenFile> all() {
    return new ArrayList<>(byPath.values());
  }
}
