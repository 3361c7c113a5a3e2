package io.godfs.domain.file;

import io.godfs.domain.chunk.ChunkId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Deleting one snapshot of a directory (ADR 0025): each inode's diff for it is relabelled to the
 * next older snapshot that may read it, merged into the older diff of a directory, or dropped; a
 * kept inode whose current state lost its last reader lets go of it; what only those held is
 * released. O(the directory's tree and what its diffs keep).
 */
final class SnapshotDeletion {
  private final Snapshots snapshots;
  private final InodeReleases releases;

  SnapshotDeletion(Snapshots snapshots, InodeReleases releases) {
    this.snapshots = snapshots;
    this.releases = releases;
  }

  /** Forgets snapshot {@code id} of {@code dir} (already unregistered); returns what it freed. */
  List<ChunkId> run(DirectoryInode dir, long id) {
    List<ChunkId> released = new ArrayList<>();
    List<Inode> reached = reachable(dir);
    for (Inode inode : reached) {
      forget(inode, id, dir.snapshots, released);
    }
    for (Inode inode : reached) {
      InodeDiffs d = inode.diffs;
      if (d != null && !d.diffs.isEmpty() && !isLive(inode) && !currentStillRead(inode)) {
        releases.collapse(inode, released); // its current state lost its last reader
      }
    }
    return released;
  }

  /**
   * Relabels, merges or drops {@code inode}'s diff for the deleted snapshot {@code id} of {@code
   * root}.
   */
  private void forget(Inode inode, long id, SnapshotRoot root, List<ChunkId> released) {
    InodeDiffs d = inode.diffs;
    if (d == null) {
      return;
    }
    d.keptBy = replaced(d.keptBy, id, root);
    d.pins = replaced(d.pins, id, root); // still snapshots of the tree it left, if they saw it
    InodeDiff diff = null;
    for (InodeDiff x : d.diffs) {
      if (x.snapshotId == id) {
        diff = x;
      }
    }
    if (diff != null) {
      long before = d.before(diff);
      long older = olderReader(inode, id, before, root);
      if (older != 0) {
        diff.snapshotId = older; // that snapshot reads this state now
      } else {
        int at = d.diffs.indexOf(diff);
        d.diffs.remove(at);
        if (diff instanceof DirectoryDiff later && at > 0) {
          merge((DirectoryDiff) d.diffs.get(at - 1), later, released);
        } else {
          releases.dropDiff(diff, released);
        }
      }
    }
    if (d.isEmpty()) {
      inode.diffs = null;
    }
  }

  /**
   * The newest snapshot older than {@code id} and newer than {@code before} that may read {@code
   * inode}: one of its root's taken while the inode was there, or, for an inode moved from another
   * root, one of that root's taken before it left ({@link InodeDiffs#pins}). 0 when there is none.
   */
  private long olderReader(Inode inode, long id, long before, SnapshotRoot root) {
    // The largest candidate of any tree: relabelling to a snapshot that does not see the inode
    // only keeps the diff longer, while one below a snapshot that does would lose its state.
    long reader = newestSeeing(inode, root, id, Math.max(before, enteredBelow(inode, root) - 1));
    long entered = 0;
    for (Inode a = inode; a != null; a = a.parent) {
      if (a instanceof DirectoryInode d && d.snapshots != null && d.snapshots != root) {
        reader =
            Math.max(reader, newestSeeing(inode, d.snapshots, id, Math.max(before, entered - 1)));
      }
      if (a.diffs != null) {
        entered = Math.max(entered, a.diffs.entered);
      }
    }
    if (inode instanceof FileInode file && file.nlink > 1) {
      // A file with several names counts every tree's snapshots as seers (Snapshots#seers).
      for (DirectoryInode other : snapshots.roots()) {
        reader = Math.max(reader, newestSeeing(inode, other.snapshots, id, before));
      }
    }
    for (Snapshots.Pin p : marks(inode)) {
      DirectoryInode left = snapshots.rootOf(p.id());
      reader =
          Math.max(
              reader,
              newestSeeing(
                  inode,
                  left.snapshots,
                  Math.min(id, p.id() + 1),
                  Math.max(before, p.enteredBelow() - 1)));
    }
    return reader;
  }

  /** The pins above and of {@code inode}, and the snapshots that saw it when it left the tree. */
  private List<Snapshots.Pin> marks(Inode inode) {
    List<Snapshots.Pin> out = new ArrayList<>(snapshots.pinsSeeing(inode));
    if (inode.diffs != null && inode.diffs.keptBy != null) {
      inode.diffs.keptBy.forEach(
          (k, from) -> {
            if (snapshots.rootOf(k) != null) {
              out.add(new Snapshots.Pin(k, from));
            }
          });
    }
    return out;
  }

  /** {@code marks} with snapshot {@code id} of {@code root} replaced by the root's next older. */
  private static TreeMap<Long, Long> replaced(
      TreeMap<Long, Long> marks, long id, SnapshotRoot root) {
    if (marks == null) {
      return null;
    }
    Long from = marks.remove(id);
    if (from != null) {
      Long older = root.byId.lowerKey(id);
      if (older != null && older >= from) {
        marks.merge(older, from, Math::min);
      }
    }
    return marks.isEmpty() ? null : marks;
  }

  private static boolean isLive(Inode inode) {
    if (inode instanceof FileInode file) {
      return file.nlink > 0; // a file's primary name is live while any is
    }
    Inode a = inode;
    for (; a.parent != null; a = a.parent) {
      if (a.parent.children.get(a.name) != a) {
        return false;
      }
    }
    return a.id == 1; // the root's id: a kept inode's chain ends elsewhere
  }

  /**
   * Whether a snapshot still reads the current state of an inode that left the tree: one taken
   * after its last diff, up to the newest of each tree that saw it then ({@link
   * InodeDiffs#keptBy}), or of one it had moved out of.
   */
  private boolean currentStillRead(Inode inode) {
    long last = inode.diffs.lastId();
    for (Snapshots.Pin p : marks(inode)) {
      DirectoryInode tree = snapshots.rootOf(p.id());
      if (newestSeeing(inode, tree.snapshots, p.id() + 1, Math.max(last, p.enteredBelow() - 1))
          != 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * When {@code inode}, or a directory between it and {@code root}, last moved into {@code root}'s
   * tree (0: never, or the inode is not in that tree now, so nothing is known).
   */
  private static long enteredBelow(Inode inode, SnapshotRoot root) {
    if (inode instanceof FileInode file && file.nlink > 1) {
      return 0; // its names may have entered at different times: assume the earliest
    }
    long entered = 0;
    for (Inode a = inode; a != null; a = a.parent) {
      if (a instanceof DirectoryInode d && d.snapshots == root) {
        return entered;
      }
      if (a.diffs != null) {
        entered = Math.max(entered, a.diffs.entered);
      }
    }
    return 0;
  }

  /**
   * The newest snapshot of {@code root} below {@code below} and above {@code before} that saw it.
   */
  private static long newestSeeing(Inode inode, SnapshotRoot root, long below, long before) {
    for (SnapshotRoot.Snapshot q : root.byId.headMap(below, false).descendingMap().values()) {
      if (q.id() <= before) {
        break;
      }
      if (inode.id < q.firstLaterInode()) {
        return q.id();
      }
    }
    return 0;
  }

  /**
   * Folds {@code later}'s changes into the {@code earlier} diff of the same directory, so that
   * undoing the diffs still walks back to the earlier snapshot's children.
   */
  private void merge(DirectoryDiff earlier, DirectoryDiff later, List<ChunkId> released) {
    for (var e : later.removed.entrySet()) {
      String name = e.getKey();
      if (earlier.created.contains(name) || earlier.removed.containsKey(name)) {
        releases.unlinkKept(e.getValue(), released); // the earlier snapshot never saw it
      } else {
        earlier.removed.put(name, e.getValue()); // its link moves with it
      }
    }
    for (String name : later.created) {
      if (!earlier.removed.containsKey(name)) {
        earlier.created.add(name);
      }
    }
  }

  /** The directory's tree and every inode its diffs keep, each once. */
  private static List<Inode> reachable(DirectoryInode top) {
    Set<Inode> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Inode> out = new ArrayList<>();
    Deque<Inode> todo = new ArrayDeque<>();
    todo.push(top);
    while (!todo.isEmpty()) {
      Inode inode = todo.pop();
      if (!seen.add(inode)) {
        continue;
      }
      out.add(inode);
      if (inode instanceof DirectoryInode dir) {
        dir.children.values().forEach(todo::push);
        if (dir.diffs != null) {
          for (InodeDiff diff : dir.diffs.diffs) {
            ((DirectoryDiff) diff).removed.values().forEach(todo::push);
          }
        }
      }
    }
    return out;
  }
}
