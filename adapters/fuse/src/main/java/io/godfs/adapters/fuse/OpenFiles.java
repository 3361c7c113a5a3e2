package io.godfs.adapters.fuse;

import io.godfs.domain.file.DfsPath;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The files open in this mount: one {@link OpenFile} per file (its inode), shared by all its
 * handles whichever of its names they were opened through, so that a write through one name is seen
 * at once through the others and buffered bytes of one name never undo a later write through
 * another (ADR 0028). The names it was opened through find it too; they follow renames and
 * exchanges, and a name that stops naming the file (unlinked, replaced) is forgotten, the file then
 * written through another of them. The last release forgets the file.
 *
 * <p>Methods that change names ({@link #moved}, {@link #exchanged}, {@link #unlinked}) may point an
 * open file at another name: their callers hold the locks of the files {@link #under} the paths
 * they change, taken in the order that method returns them.
 */
final class OpenFiles {
  /** One open file's names here and its handle count. */
  private static final class Entry {
    final Set<DfsPath> names = new LinkedHashSet<>();
    int handles;
  }

  private final Map<DfsPath, OpenFile> byPath = new HashMap<>();
  private final Map<Long, OpenFile> byInode = new HashMap<>();
  private final Map<OpenFile, Entry> entries = new HashMap<>();

  /** The open file {@code path} was opened through, or null. */
  synchronized OpenFile get(DfsPath path) {
    return byPath.get(path);
  }

  /** The open file whose file id is {@code inode}, or null. */
  synchronized OpenFile ofInode(long inode) {
    return byInode.get(inode);
  }

  /**
   * The open file at {@code path} with one more handle. When no handle was opened through this name
   * yet, {@code opener} (which may call goDFS) runs outside the registry's lock and gives the
   * file's inode: if the file is open through another name, that open file is shared and {@code
   * opener}'s is discarded (as when another open of the name won the race).
   */
  OpenFile acquire(DfsPath path, Supplier<OpenFile> opener) {
    synchronized (this) {
      OpenFile existing = byPath.get(path);
      if (existing != null) {
        entries.get(existing).handles++;
        return existing;
      }
    }
    OpenFile fresh = opener.get();
    synchronized (this) {
      OpenFile chosen = byPath.get(path);
      if (chosen == null) {
        chosen = byInode.computeIfAbsent(fresh.inode(), i -> fresh);
      }
      Entry entry = entries.computeIfAbsent(chosen, f -> new Entry());
      byPath.put(path, chosen);
      entry.names.add(path);
      entry.handles++;
      return chosen;
    }
  }

  /** One handle fewer; returns true when it was the last one and the file is forgotten. */
  synchronized boolean release(OpenFile file) {
    Entry entry = entries.get(file);
    if (entry == null || --entry.handles > 0) {
      return false;
    }
    entries.remove(file);
    entry.names.forEach(name -> byPath.remove(name, file));
    byInode.remove(file.inode(), file);
    return true;
  }

  /**
   * The open files with a name at or below any of {@code roots}, each once, in the order to lock
   * them in (by inode: the same order whichever names a caller reaches them by).
   */
  synchronized List<OpenFile> under(DfsPath... roots) {
    Set<OpenFile> found = new LinkedHashSet<>();
    byPath.forEach(
        (path, file) -> {
          for (DfsPath root : roots) {
            if (root.contains(path)) {
              found.add(file);
            }
          }
        });
    List<OpenFile> ordered = new ArrayList<>(found);
    ordered.sort(Comparator.comparingLong(OpenFile::inode));
    return ordered;
  }

  /**
   * {@code from} was renamed to {@code to}: the names below {@code from} move there, those that
   * were below {@code to} named files that lost them. The caller holds the locks of {@link
   * #under}({@code from}, {@code to}).
   */
  synchronized void moved(DfsPath from, DfsPath to) {
    if (from.equals(to)) {
      return;
    }
    namesUnder(to).stream().filter(p -> !from.contains(p)).forEach(this::forgetName);
    Map<DfsPath, DfsPath> moves = new HashMap<>();
    namesUnder(from).forEach(p -> moves.put(p, p.rebase(from, to)));
    rename(moves);
  }

  /**
   * {@code first} and {@code second} traded places (RENAME_EXCHANGE; neither contains the other).
   * The caller holds the locks of {@link #under}({@code first}, {@code second}).
   */
  synchronized void exchanged(DfsPath first, DfsPath second) {
    Map<DfsPath, DfsPath> moves = new HashMap<>();
    namesUnder(first).forEach(p -> moves.put(p, p.rebase(first, second)));
    namesUnder(second).forEach(p -> moves.put(p, p.rebase(second, first)));
    rename(moves);
  }

  /** {@code path} was unlinked; the caller holds the lock of {@link #get}({@code path}). */
  synchronized void unlinked(DfsPath path) {
    forgetName(path);
  }

  private List<DfsPath> namesUnder(DfsPath root) {
    return byPath.keySet().stream().filter(root::contains).toList();
  }

  /** Moves each name to its new place, all at once (an exchange swaps names). */
  private void rename(Map<DfsPath, DfsPath> moves) {
    Map<DfsPath, OpenFile> moving = new HashMap<>();
    moves.keySet().forEach(old -> moving.put(old, byPath.remove(old)));
    moves.forEach(
        (old, renamed) -> {
          OpenFile file = moving.get(old);
          Entry entry = entries.get(file);
          entry.names.remove(old);
          entry.names.add(renamed);
          byPath.put(renamed, file);
        });
    moves.forEach(
        (old, renamed) -> {
          OpenFile file = moving.get(old);
          if (file.path().equals(old)) {
            file.movedTo(renamed);
          }
        });
  }

  /**
   * {@code path} no longer names its file: when the file was written through it, another name it
   * was opened through takes over (none left: its handles fail as the file's name is gone).
   */
  private void forgetName(DfsPath path) {
    OpenFile file = byPath.remove(path);
    if (file == null) {
      return;
    }
    Entry entry = entries.get(file);
    entry.names.remove(path);
    if (file.path().equals(path) && !entry.names.isEmpty()) {
      file.movedTo(entry.names.iterator().next());
    }
  }

  /** Buffered bytes of every open file, read without the files' locks (for metrics). */
  synchronized long dirtyBytes() {
    long total = 0;
    for (OpenFile file : entries.keySet()) {
      total += file.dirtyBytes();
    }
    return total;
  }

  synchronized List<OpenFile> all() {
    return new ArrayList<>(entries.keySet());
  }
}
