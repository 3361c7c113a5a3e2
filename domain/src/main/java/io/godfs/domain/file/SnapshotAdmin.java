package io.godfs.domain.file;

import static io.godfs.domain.error.ErrorCode.INVALID_ARGUMENT;
import static io.godfs.domain.error.ErrorCode.NOT_EMPTY;
import static io.godfs.domain.error.ErrorCode.NOT_FOUND;

import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.error.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Snapshot operations addressed by path (ADR 0025): the administration of {@link Snapshots}, the
 * diff between two states of a snapshottable directory, and restoring from a snapshot, which links
 * the snapshot's chunks into new live files (no byte is copied).
 */
final class SnapshotAdmin {
  private final DirectoryTree tree;
  private final Snapshots snapshots;
  private final FileIndex files;
  private final InodeReleases releases;

  SnapshotAdmin(DirectoryTree tree, Snapshots snapshots, FileIndex files, InodeReleases releases) {
    this.tree = tree;
    this.snapshots = snapshots;
    this.files = files;
    this.releases = releases;
  }

  Outcome<FileStatus> allow(DfsPath dir) {
    return tree.directory(dir).flatMap(d -> snapshots.allow(d, dir));
  }

  Outcome<FileStatus> disallow(DfsPath dir) {
    return tree.directory(dir).flatMap(d -> snapshots.disallow(d, dir));
  }

  Outcome<SnapshotInfo> create(DfsPath dir, String name, Instant now) {
    return tree.directory(dir)
        .flatMap(d -> snapshots.create(d, dir, name, tree.nextInodeId(), now));
  }

  Outcome<Removed> delete(DfsPath dir, String name, Instant now) {
    return tree.directory(dir).flatMap(d -> snapshots.delete(d, dir, name, now));
  }

  Outcome<SnapshotInfo> rename(DfsPath dir, String from, String to) {
    return tree.directory(dir).flatMap(d -> snapshots.rename(d, dir, from, to));
  }

  Outcome<List<SnapshotInfo>> list(DfsPath dir) {
    return tree.directory(dir).map(d -> snapshots.list(d, dir));
  }

  /** Every snapshot of every snapshottable directory, by directory path then id. */
  List<SnapshotInfo> all() {
    List<SnapshotInfo> out = new ArrayList<>();
    List<DirectoryInode> roots = new ArrayList<>(snapshots.roots());
    roots.sort((a, b) -> a.path().toString().compareTo(b.path().toString()));
    roots.forEach(r -> out.addAll(snapshots.list(r, r.path())));
    return out;
  }

  /** Snapshottable directories, by path. */
  List<DfsPath> snapshottable() {
    List<DfsPath> out = new ArrayList<>();
    snapshots.roots().forEach(r -> out.add(r.path()));
    out.sort((a, b) -> a.toString().compareTo(b.toString()));
    return out;
  }

  Outcome<SnapshotInfo> byId(long id) {
    SnapshotRoot.Snapshot s = snapshots.byId(id);
    if (s == null) {
      return Outcome.rejected(NOT_FOUND, "snapshot " + id + " does not exist");
    }
    DirectoryInode root = snapshots.rootOf(id);
    return Outcome.ok(new SnapshotInfo(root.path(), s.name(), s.id(), s.created()));
  }

  // ---------------------------------------------------------------- diff

  /**
   * What changed under {@code dir} from snapshot {@code from} to snapshot {@code to} (null: now).
   */
  Outcome<List<SnapshotChange>> diff(DfsPath dir, String from, String to) {
    return tree.directory(dir)
        .flatMap(
            d ->
                snapshots
                    .snapshot(d, dir, from)
                    .flatMap(
                        older -> {
                          if (to == null) {
                            return Outcome.ok(compare(d, dir, older.id(), TreeReads.NOW));
                          }
                          return snapshots
                              .snapshot(d, dir, to)
                              .map(newer -> compare(d, dir, older.id(), newer.id()));
                        }));
  }

  private static List<SnapshotChange> compare(
      DirectoryInode dir, DfsPath path, long from, long to) {
    Map<Long, Seen> before = new LinkedHashMap<>();
    Map<Long, Seen> after = new LinkedHashMap<>();
    walk(dir, from, path, before);
    walk(dir, to, path, after);
    List<SnapshotChange> out = new ArrayList<>();
    before.forEach(
        (id, old) -> {
          Seen now = after.get(id);
          if (now == null) {
            old.paths.forEach(p -> out.add(change(SnapshotChange.Kind.DELETED, p)));
            return;
          }
          if (old.paths.size() == 1 && now.paths.size() == 1) {
            if (!now.paths.equals(old.paths)) {
              out.add(
                  new SnapshotChange(
                      SnapshotChange.Kind.RENAMED, old.paths.getFirst(), now.paths.getFirst()));
            }
          } else {
            // A file with several names on a side (ADR 0028): names that went, names that came.
            old.paths.stream()
                .filter(p -> !now.paths.contains(p))
                .forEach(p -> out.add(change(SnapshotChange.Kind.DELETED, p)));
            now.paths.stream()
                .filter(p -> !old.paths.contains(p))
                .forEach(p -> out.add(change(SnapshotChange.Kind.CREATED, p)));
          }
          if (!Objects.equals(now.state, old.state)) {
            out.add(change(SnapshotChange.Kind.MODIFIED, now.paths.getFirst()));
          }
        });
    after.forEach(
        (id, now) -> {
          if (!before.containsKey(id)) {
            now.paths.forEach(p -> out.add(change(SnapshotChange.Kind.CREATED, p)));
          }
        });
    return out;
  }

  private static SnapshotChange change(SnapshotChange.Kind kind, DfsPath path) {
    return new SnapshotChange(kind, path, null);
  }

  /**
   * An inode as one side of a diff sees it: where (each of its names, in walk order), and a
   * comparable summary of its state.
   */
  private record Seen(List<DfsPath> paths, Object state) {}

  private record FileSeen(long length, Object chunks, int inline, Instant modified) {}

  private static void walk(Inode inode, long at, DfsPath path, Map<Long, Seen> out) {
    if (inode instanceof FileInode file) {
      TreeReads.FileState st = TreeReads.fileAt(file, at);
      Map<Integer, String> chunks = new LinkedHashMap<>();
      st.chunks()
          .forEach((i, r) -> chunks.put(i, r.id() + "@" + r.committedVersion() + ":" + r.length()));
      Seen seen = out.get(file.id);
      if (seen != null) {
        seen.paths.add(path); // another name of a file met already
        return;
      }
      out.put(
          file.id,
          new Seen(
              new ArrayList<>(List.of(path)),
              new FileSeen(st.length(), chunks, Arrays.hashCode(st.inline()), st.modified())));
      return;
    }
    DirectoryInode dir = (DirectoryInode) inode;
    out.put(dir.id, new Seen(new ArrayList<>(List.of(path)), TreeReads.modifiedAt(dir, at)));
    var children = at == TreeReads.NOW ? dir.children : TreeReads.childrenAt(dir, at);
    children.forEach((name, child) -> walk(child, at, path.child(name), out));
  }

  // ---------------------------------------------------------------- restore

  /**
   * Restores {@code to} from {@code from}, a path in a snapshot: what is at {@code to} now is
   * replaced by new inodes holding the snapshot's chunks. A directory restored onto itself keeps
   * its identity (and its snapshots): its children are replaced. Returns what the replaced entries
   * released.
   */
  Outcome<Removed> restore(DfsPath from, DfsPath to, Instant now) {
    TreeReads reads = tree.reads();
    return reads
        .resolve(from)
        .flatMap(
            v -> {
              if (v.at() == TreeReads.NOW || v.snapshots()) {
                return Outcome.rejected(
                    INVALID_ARGUMENT,
                    "restore from "
                        + from
                        + ": not a path in a snapshot (expected: <dir>/.snapshot/<name>/...)");
              }
              if (to.isRoot() && v.inode() instanceof FileInode) {
                return Outcome.rejected(INVALID_ARGUMENT, "cannot restore a file onto /");
              }
              if (to.isRoot()) {
                return restoreInto(v, to, null, now);
              }
              return tree.directory(to.parent()).flatMap(parent -> restoreInto(v, to, parent, now));
            });
  }

  private Outcome<Removed> restoreInto(
      TreeReads.View v, DfsPath to, DirectoryInode parent, Instant now) {
    Inode existing = parent == null ? tree.root() : parent.children.get(to.name());
    // What is replaced is deleted, so what a delete refuses is refused first: nothing changes then.
    DirectoryInode kept =
        existing instanceof DirectoryInode dir && v.inode() instanceof DirectoryInode
            ? dir.children.values().stream()
                .map(snapshots::holdsSnapshots)
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null)
            : existing == null ? null : snapshots.holdsSnapshots(existing);
    if (kept != null) {
      return Outcome.rejected(
          NOT_EMPTY,
          "cannot restore onto "
              + to
              + ": it would delete "
              + kept.path()
              + ", which has snapshots (delete them first: godfs snapshot ls "
              + kept.path()
              + ")");
    }
    if (files.quotas.any()) {
      long[] restored = usageAt(v.inode(), v.at());
      long[] replaced = existing == null ? new long[2] : files.quotas.measure(existing);
      Outcome.Rejected<Removed> full =
          files.quotas.check(
              parent == null ? tree.root() : parent,
              restored[0] - replaced[0],
              restored[1] - replaced[1],
              null,
              to);
      if (full != null) {
        return full;
      }
    }
    List<ChunkId> released = new ArrayList<>();
    int files = 0;
    if (existing instanceof DirectoryInode dir && v.inode() instanceof DirectoryInode source) {
      var restored = TreeReads.childrenAt(source, v.at());
      for (var child : new ArrayList<>(dir.children.entrySet())) {
        Outcome<Removed> gone = tree.delete(to.child(child.getKey()), true, now);
        if (!(gone instanceof Outcome.Ok<Removed> ok)) {
          return gone;
        }
        files += ok.value().files();
        released.addAll(ok.value().chunks());
      }
      Map<FileInode, FileInode> copies = new IdentityHashMap<>();
      restored.forEach((name, child) -> copy(child, v.at(), dir, name, copies, now));
      dir.modified(now);
      return Outcome.ok(new Removed(files, released));
    }
    if (existing != null) {
      Outcome<Removed> gone = tree.delete(to, true, now);
      if (!(gone instanceof Outcome.Ok<Removed> ok)) {
        return gone;
      }
      files = ok.value().files();
      released.addAll(ok.value().chunks());
    }
    copy(v.inode(), v.at(), parent, to.name(), new IdentityHashMap<>(), now);
    return Outcome.ok(new Removed(files, released));
  }

  /** The names and space of {@code inode}'s tree as snapshot {@code at} saw it. */
  private static long[] usageAt(Inode inode, long at) {
    if (inode instanceof FileInode file) {
      return new long[] {1, TreeReads.fileAt(file, at).length() * file.replication};
    }
    long[] sum = {1, 0};
    TreeReads.childrenAt((DirectoryInode) inode, at)
        .values()
        .forEach(
            child -> {
              long[] c = usageAt(child, at);
              sum[0] += c[0];
              sum[1] += c[1];
            });
    return sum;
  }

  /**
   * Links a copy of {@code source} as snapshot {@code at} saw it under {@code parent}. A file met
   * again through another of its names gets another name of its copy ({@code copies}: the copies
   * made so far by this restore), so links inside the restored tree survive it (ADR 0028).
   */
  private void copy(
      Inode source,
      long at,
      DirectoryInode parent,
      String name,
      Map<FileInode, FileInode> copies,
      Instant now) {
    snapshots.beforeChildChange(parent, name, null);
    parent.modified(now);
    if (source instanceof FileInode file && copies.get(file) instanceof FileInode made) {
      parent.put(name, made);
      made.addName(parent, name);
      made.links++;
      files.quotas.linked(parent, made);
      return;
    }
    if (source instanceof FileInode file) {
      TreeReads.FileState st = TreeReads.fileAt(file, at);
      FileInode copy =
          new FileInode(
              tree.newInodeId(), file.creationTime, parent, name, file.replication, file.chunkSize);
      copies.put(file, copy);
      parent.put(name, copy);
      files.add(copy);
      files.quotas.linked(parent, copy);
      st.chunks()
          .forEach(
              (index, ref) -> {
                if (ref.length() > 0) {
                  ChunkRef kept = ChunkHolds.committed(ref);
                  copy.chunks.put(index, kept);
                  files.share(copy, index, kept);
                }
              });
      files.setInline(copy, st.inline());
      files.setLength(copy, st.length());
      copy.modificationTime = st.modified();
      copy.restoreAttributes(TreeReads.attributesAt(source, at));
      copy.xattrs = TreeReads.xattrsAt(source, at);
      copy.changed(now); // a restore is a change to the restored inode (ctime), as a copy is
      return;
    }
    DirectoryInode dir = (DirectoryInode) source;
    DirectoryInode copy = new DirectoryInode(tree.newInodeId(), dir.creationTime, parent, name);
    parent.put(name, copy);
    files.quotas.linked(parent, copy);
    releases.directories++;
    var children = at == TreeReads.NOW ? dir.children : TreeReads.childrenAt(dir, at);
    children.forEach((childName, child) -> copy(child, at, copy, childName, copies, now));
    copy.modificationTime = TreeReads.modifiedAt(dir, at);
    copy.restoreAttributes(TreeReads.attributesAt(dir, at));
    copy.xattrs = TreeReads.xattrsAt(dir, at);
    copy.changed(now);
  }
}
