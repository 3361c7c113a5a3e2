package io.godfs.domain.file;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * The {@link NamespaceImageLoader}'s part for {@link SnapshotImage} records: rebuilds kept inodes,
 * diffs and snapshottable directories, and derives what the records do not carry: each inode's
 * links and each chunk's holds. Problems are reported through {@code invalid}, which the loader
 * turns into its own failure.
 */
final class SnapshotImageLoader {
  private final Namespace ns;
  private final LongFunction<Inode> liveInode;
  private final Function<String, IllegalArgumentException> invalid;

  /** Kept inodes by id. */
  private final Map<Long, Inode> kept = new HashMap<>();

  /** Detached kept inodes and the id of where they were, resolved when the image ends. */
  private final Map<Inode, Long> detachedFrom = new HashMap<>();

  SnapshotImageLoader(
      Namespace ns,
      LongFunction<Inode> liveInode,
      Function<String, IllegalArgumentException> invalid) {
    this.ns = ns;
    this.liveInode = liveInode;
    this.invalid = invalid;
  }

  boolean isKept(long id) {
    return kept.containsKey(id);
  }

  /** A kept inode; its entry's id and name were checked by the loader. */
  void kept(SnapshotImage.Kept k, Inode inode) {
    if (k.detached()) {
      inode.links = 0; // only the diffs that name it hold it
      detachedFrom.put(inode, k.entry().parentId());
    } else {
      Inode parent = kept.get(k.entry().parentId());
      if (!(parent instanceof DirectoryInode dir)) {
        throw invalid.apply(
            "kept inode "
                + inode.id
                + ": parent "
                + k.entry().parentId()
                + " is not a kept directory listed before it");
      }
      if (dir.children.containsKey(inode.name)) {
        throw invalid.apply("kept inode " + inode.id + ": duplicate name in " + dir.id);
      }
      dir.put(inode.name, inode);
      inode.parent = dir;
    }
    if (inode instanceof FileInode file) {
      file.chunks.forEach((index, ref) -> ns.files().holds.hold(ref, index, file));
    }
    kept.put(inode.id, inode);
  }

  /** The kept inode with this id, or null. */
  Inode keptInode(long id) {
    return kept.get(id);
  }

  void diff(SnapshotImage.Diff record) {
    Inode inode = inode(record.inodeId());
    if (inode == null) {
      throw invalid.apply("a diff of unknown inode " + record.inodeId());
    }
    if (inode.diffs == null) {
      inode.diffs = new InodeDiffs();
    }
    InodeDiffs diffs = inode.diffs;
    switch (record) {
      case SnapshotImage.Marks m -> {
        diffs.pins = m.pins().isEmpty() ? null : new TreeMap<>(m.pins());
        diffs.entered = m.entered();
        diffs.keptBy = m.keptBy().isEmpty() ? null : new TreeMap<>(m.keptBy());
      }
      case SnapshotImage.FileState f -> {
        if (!(inode instanceof FileInode file)) {
          throw invalid.apply("a file state of directory " + inode.id);
        }
        checkOrder(diffs, f.snapshotId(), inode.id);
        TreeMap<Integer, ChunkRef> chunks = new TreeMap<>();
        for (IndexedChunk c : f.chunks()) {
          chunks.put(c.index(), c.chunk());
          ns.files().holds.hold(c.chunk(), c.index(), file);
        }
        diffs.diffs.add(
            new FileDiff(
                f.snapshotId(),
                f.modified(),
                f.length(),
                chunks,
                f.inline(),
                orDefaults(f.attributes(), FileType.FILE, f.modified()),
                f.xattrs()));
      }
      case SnapshotImage.DirectoryChanges d -> {
        if (!(inode instanceof DirectoryInode)) {
          throw invalid.apply("directory changes of file " + inode.id);
        }
        checkOrder(diffs, d.snapshotId(), inode.id);
        DirectoryDiff diff =
            new DirectoryDiff(
                d.snapshotId(),
                d.modified(),
                orDefaults(d.attributes(), FileType.DIRECTORY, d.modified()),
                d.xattrs());
        d.removed()
            .forEach(
                (name, id) -> {
                  Inode removed = inode(id);
                  if (removed == null) {
                    throw invalid.apply("directory " + inode.id + " kept unknown inode " + id);
                  }
                  removed.links++;
                  diff.removed.put(name, removed);
                });
        diff.created.addAll(d.created());
        diffs.diffs.add(diff);
      }
    }
  }

  void root(SnapshotImage.Root root) {
    if (!(liveInode.apply(root.directoryId()) instanceof DirectoryInode dir)) {
      throw invalid.apply("snapshottable " + root.directoryId() + " is not a live directory");
    }
    if (dir.snapshots != null) {
      throw invalid.apply("snapshottable directory " + dir.id + " listed twice");
    }
    for (SnapshotImage.Snapshot s : root.snapshots()) {
      if (s.id() < 1 || s.id() >= ns.snapshotRegistry().nextSnapshotId()) {
        throw invalid.apply("snapshot id : " + s.id() + " (expected: below nextSnapshotId)");
      }
      if (Snapshots.nameProblem(s.name()) != null) {
        throw invalid.apply(
            "snapshot name " + DfsPath.escaped(s.name()) + Snapshots.nameProblem(s.name()));
      }
    }
    ns.snapshotRegistry().restoreRoot(dir, root.snapshots());
  }

  /** Links detached inodes to where they were, and checks every kept inode is held. */
  void finish() {
    detachedFrom.forEach(
        (inode, parentId) -> {
          Inode parent = parentId == 0 ? null : inode(parentId);
          if (parentId != 0 && !(parent instanceof DirectoryInode)) {
            throw invalid.apply(
                "kept inode "
                    + inode.id
                    + " was in "
                    + parentId
                    + ", not a directory of the image");
          }
          inode.parent = (DirectoryInode) parent;
          if (inode.links == 0) {
            throw invalid.apply("kept inode " + inode.id + " is named by no snapshot diff");
          }
        });
  }

  private Inode inode(long id) {
    Inode live = liveInode.apply(id);
    return live != null ? live : kept.get(id);
  }

  private void checkOrder(InodeDiffs diffs, long snapshotId, long inodeId) {
    if (snapshotId <= diffs.lastId()) {
      throw invalid.apply("diffs of inode " + inodeId + " out of order at snapshot " + snapshotId);
    }
  }

  /** Recorded attributes, or those of an image from before ADR 0028. */
  static InodeAttributes orDefaults(InodeAttributes recorded, FileType type, Instant modified) {
    return recorded != null ? recorded : InodeAttributes.defaults(type, modified);
  }
}
