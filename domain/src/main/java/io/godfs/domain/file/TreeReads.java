package io.godfs.domain.file;

import static io.godfs.domain.error.ErrorCode.INVALID_ARGUMENT;
import static io.godfs.domain.error.ErrorCode.NOT_A_DIRECTORY;
import static io.godfs.domain.error.ErrorCode.NOT_FOUND;

import io.godfs.domain.error.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Reads of the tree as it is now or as a snapshot saw it (ADR 0025). A path may pass through {@code
 * <dir>/.snapshot/<name>}: from there on every directory's children and every file's state are the
 * snapshot's, rebuilt from the inodes' diffs. Without snapshots it is the plain tree walk.
 */
final class TreeReads {
  /** Now: no snapshot. */
  static final long NOW = 0;

  /**
   * What a path names: {@code inode} as snapshot {@code at} saw it ({@link #NOW}: as it is), or,
   * with {@code snapshots}, the {@code .snapshot} directory of {@code inode} listing its snapshots.
   */
  record View(Inode inode, long at, boolean snapshots) {}

  /** A file's content as of some time: what a reader sees. */
  record FileState(
      long length, NavigableMap<Integer, ChunkRef> chunks, byte[] inline, Instant modified) {}

  private final DirectoryInode root;
  private final Snapshots snapshots;

  TreeReads(DirectoryInode root, Snapshots snapshots) {
    this.root = root;
    this.snapshots = snapshots;
  }

  Outcome<View> resolve(DfsPath path) {
    Inode node = root;
    long at = NOW;
    boolean listing = false;
    DfsPath walked = DfsPath.ROOT;
    for (String name : path.segments()) {
      if (listing) {
        SnapshotRoot.Snapshot s = ((DirectoryInode) node).snapshots.byName.get(name);
        walked = walked.child(name);
        if (s == null) {
          return Outcome.rejected(NOT_FOUND, "snapshot " + walked + " does not exist");
        }
        at = s.id();
        listing = false;
        continue;
      }
      if (!(node instanceof DirectoryInode dir)) {
        return Outcome.rejected(NOT_A_DIRECTORY, walked + " is a file, not a directory");
      }
      walked = walked.child(name);
      if (name.equals(Snapshots.DOT_SNAPSHOT) && dir.snapshots != null && at == NOW) {
        listing = true;
        continue;
      }
      node = at == NOW ? dir.children.get(name) : childAt(dir, name, at);
      if (node == null) {
        return Outcome.rejected(
            NOT_FOUND,
            walked.equals(path)
                ? path + " does not exist"
                : path + " does not exist (no directory " + walked + ")");
      }
    }
    return Outcome.ok(new View(node, at, listing));
  }

  FileStatus status(View v, DfsPath path) {
    if (v.snapshots()) {
      DirectoryInode dir = (DirectoryInode) v.inode();
      return new FileStatus(
          path,
          FileType.DIRECTORY,
          dir.fileId(),
          0,
          dir.creationTime,
          dir.modificationTime,
          0,
          0,
          0,
          false,
          dir.attributes(),
          2 + dir.snapshots.byId.size());
    }
    if (v.at() == NOW) {
      return v.inode().status(path);
    }
    if (v.inode() instanceof FileInode file) {
      FileState st = fileAt(file, v.at());
      return new FileStatus(
          path,
          file.kind,
          file.fileId(),
          st.length(),
          file.creationTime,
          st.modified(),
          file.chunkSize,
          file.replication,
          st.chunks().size(),
          st.inline() != null,
          attributesAt(file, v.at()),
          file.linkCount()); // the live count, as the ctime: documented (ADR 0028)
    }
    DirectoryInode dir = (DirectoryInode) v.inode();
    return new FileStatus(
        path,
        FileType.DIRECTORY,
        dir.fileId(),
        0,
        dir.creationTime,
        modifiedAt(dir, v.at()),
        0,
        0,
        0,
        false,
        attributesAt(dir, v.at()),
        linksAt(dir, v.at()));
  }

  Outcome<Listing> list(View v, DfsPath path, String startAfter, int limit) {
    if (limit < 1 || limit > Listing.MAX_LIMIT) {
      return Outcome.rejected(
          INVALID_ARGUMENT, "limit : " + limit + " (expected: 1-" + Listing.MAX_LIMIT + ")");
    }
    if (v.inode() instanceof FileInode) {
      return Outcome.ok(new Listing(List.of(status(v, path)), false));
    }
    DirectoryInode dir = (DirectoryInode) v.inode();
    List<FileStatus> page = new ArrayList<>();
    boolean more = false;
    if (v.snapshots()) {
      NavigableMap<String, SnapshotRoot.Snapshot> tail = tail(dir.snapshots.byName, startAfter);
      for (SnapshotRoot.Snapshot s : tail.values()) {
        if (page.size() == limit) {
          more = true;
          break;
        }
        DfsPath child = path.child(s.name());
        page.add(
            new FileStatus(
                child,
                FileType.DIRECTORY,
                dir.fileId(),
                0,
                s.created(),
                modifiedAt(dir, s.id()),
                0,
                0,
                0,
                false,
                attributesAt(dir, s.id()),
                linksAt(dir, s.id())));
      }
      return Outcome.ok(new Listing(page, more));
    }
    NavigableMap<String, Inode> children = v.at() == NOW ? dir.children : childrenAt(dir, v.at());
    for (var e : tail(children, startAfter).entrySet()) {
      if (page.size() == limit) {
        more = true;
        break;
      }
      page.add(status(new View(e.getValue(), v.at(), false), path.child(e.getKey())));
    }
    return Outcome.ok(new Listing(page, more));
  }

  /**
   * {@link #list}'s page as names, types and file ids (ADR 0033): no status is built, so a page
   * costs a map walk. The same views: a file lists as itself, a {@code .snapshot} directory its
   * snapshots (directories with its own file id, as {@link #list} shows them).
   */
  Outcome<NameListing> listNames(View v, DfsPath path, String startAfter, int limit) {
    if (limit < 1 || limit > NameListing.MAX_LIMIT) {
      return Outcome.rejected(
          INVALID_ARGUMENT, "limit : " + limit + " (expected: 1-" + NameListing.MAX_LIMIT + ")");
    }
    if (v.inode() instanceof FileInode file) {
      return Outcome.ok(
          new NameListing.Builder()
              .add(path.name(), file.kind, file.fileId().value())
              .build(false));
    }
    DirectoryInode dir = (DirectoryInode) v.inode();
    NameListing.Builder page = new NameListing.Builder();
    if (v.snapshots()) {
      long dirId = dir.fileId().value();
      for (String name : tail(dir.snapshots.byName, startAfter).keySet()) {
        if (full(page, limit)) {
          return Outcome.ok(page.build(true));
        }
        page.add(name, FileType.DIRECTORY, dirId);
      }
      return Outcome.ok(page.build(false));
    }
    NavigableMap<String, Inode> children = v.at() == NOW ? dir.children : childrenAt(dir, v.at());
    for (var e : tail(children, startAfter).entrySet()) {
      if (full(page, limit)) {
        return Outcome.ok(page.build(true));
      }
      Inode child = e.getValue();
      page.add(e.getKey(), typeOf(child), child.fileId().value());
    }
    return Outcome.ok(page.build(false));
  }

  private static boolean full(NameListing.Builder page, int limit) {
    return page.size() == limit || page.bytes() >= NameListing.MAX_PAGE_BYTES;
  }

  private static FileType typeOf(Inode inode) {
    return inode instanceof FileInode file ? file.kind : FileType.DIRECTORY;
  }

  /** Every file at or under the view, depth first in name order, with all its chunks. */
  List<FileChunks> filesUnder(View v, DfsPath path) {
    List<FileChunks> out = new ArrayList<>();
    if (v.snapshots()) {
      DirectoryInode dir = (DirectoryInode) v.inode();
      for (SnapshotRoot.Snapshot s : dir.snapshots.byName.values()) {
        collect(dir, s.id(), path.child(s.name()), out);
      }
    } else {
      collect(v.inode(), v.at(), path, out);
    }
    return out;
  }

  private void collect(Inode inode, long at, DfsPath path, List<FileChunks> out) {
    if (inode instanceof FileInode file) {
      FileState st = fileAt(file, at);
      List<IndexedChunk> chunks = new ArrayList<>(st.chunks().size());
      st.chunks().forEach((index, ref) -> chunks.add(new IndexedChunk(index, ref)));
      out.add(new FileChunks(status(new View(file, at, false), path), chunks));
      return;
    }
    DirectoryInode dir = (DirectoryInode) inode;
    for (var e : (at == NOW ? dir.children : childrenAt(dir, at)).entrySet()) {
      collect(e.getValue(), at, path.child(e.getKey()), out);
    }
  }

  /** The file as snapshot {@code at} saw it ({@link #NOW}: its committed state now). */
  static FileState fileAt(FileInode file, long at) {
    if (at != NOW && file.diffs != null && file.diffs.at(at) instanceof FileDiff d) {
      return new FileState(d.length, d.chunks, d.inline, d.modificationTime);
    }
    return new FileState(file.length, file.chunks, file.inline, file.modificationTime);
  }

  static Instant modifiedAt(Inode inode, long at) {
    if (at != NOW && inode.diffs != null) {
      InodeDiff d = inode.diffs.at(at);
      if (d != null) {
        return d.modificationTime;
      }
    }
    return inode.modificationTime;
  }

  /** The inode's extended attributes as snapshot {@code at} saw them. */
  static Xattrs xattrsAt(Inode inode, long at) {
    if (at != NOW && inode.diffs != null) {
      InodeDiff d = inode.diffs.at(at);
      if (d != null) {
        return d.xattrs;
      }
    }
    return inode.xattrs;
  }

  /** The inode's owner, group, mode and times as snapshot {@code at} saw them. */
  static InodeAttributes attributesAt(Inode inode, long at) {
    if (at != NOW && inode.diffs != null) {
      InodeDiff d = inode.diffs.at(at);
      if (d != null) {
        return d.attributes;
      }
    }
    return inode.attributes();
  }

  /**
   * The directory's st_nlink as snapshot {@code at} saw it: its running count while no diff since
   * then changed its entries, else counted from its children then.
   */
  static int linksAt(DirectoryInode dir, long at) {
    if (at == NOW || dir.diffs == null || dir.diffs.lastId() < at) {
      return dir.linkCount();
    }
    int links = 2;
    for (Inode child : childrenAt(dir, at).values()) {
      if (child instanceof DirectoryInode) {
        links++;
      }
    }
    return links;
  }

  /** The directory's children as snapshot {@code at} saw them: its diffs undone, newest first. */
  static TreeMap<String, Inode> childrenAt(DirectoryInode dir, long at) {
    TreeMap<String, Inode> view = new TreeMap<>(dir.children);
    if (dir.diffs != null) {
      List<InodeDiff> diffs = dir.diffs.diffs;
      for (int i = diffs.size() - 1; i >= 0 && diffs.get(i).snapshotId >= at; i--) {
        DirectoryDiff d = (DirectoryDiff) diffs.get(i);
        d.created.forEach(view::remove);
        view.putAll(d.removed);
      }
    }
    return view;
  }

  /** One child as snapshot {@code at} saw it: the oldest diff since then that names it decides. */
  static Inode childAt(DirectoryInode dir, String name, long at) {
    if (dir.diffs != null) {
      for (InodeDiff diff : dir.diffs.diffs) {
        if (diff.snapshotId < at) {
          continue;
        }
        DirectoryDiff d = (DirectoryDiff) diff;
        Inode removed = d.removed.get(name);
        if (removed != null) {
          return removed;
        }
        if (d.created.contains(name)) {
          return null;
        }
      }
    }
    return dir.children.get(name);
  }

  private static <V> NavigableMap<String, V> tail(NavigableMap<String, V> map, String startAfter) {
    return startAfter == null || startAfter.isEmpty() ? map : map.tailMap(startAfter, false);
  }
}
