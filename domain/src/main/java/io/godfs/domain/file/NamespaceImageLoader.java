package io.godfs.domain.file;

import static java.util.Objects.requireNonNull;

import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkLayout;
import io.godfs.domain.file.NamespaceImage.DirectoryEntry;
import io.godfs.domain.file.NamespaceImage.Entry;
import io.godfs.domain.file.NamespaceImage.FileEntry;
import io.godfs.domain.file.NamespaceImage.Header;
import io.godfs.domain.file.NamespaceImage.QueuedDeletion;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds a namespace from an image, checking as it goes: each call either applies its record or
 * throws an {@link IllegalArgumentException} naming what is wrong with the image (and then the
 * loader refuses further use with an {@link IllegalStateException}, so a half-loaded namespace
 * cannot be taken for a whole one). The checks cover what the namespace relies on but never checks
 * itself: the tree's shape (known parents, unique ids and names, valid names), ids below the
 * counters (else a later create or allocate would issue one twice), each chunk in one place only,
 * and values a transition could not have produced. Not thread-safe.
 */
public final class NamespaceImageLoader implements NamespaceImage.Sink {
  private enum Stage {
    HEADER,
    ENTRIES,
    KEPT,
    LINKS,
    DIFFS,
    ROOTS,
    QUOTAS,
    QUEUE,
    FINISHED,
    FAILED
  }

  private static final long ROOT_ID = 1;

  private Stage stage = Stage.HEADER;
  private Header header;
  private Namespace ns;
  private SnapshotImageLoader snapshots;

  /** Directories loaded so far, by id: where later entries find their parent. */
  private final Map<Long, DirectoryInode> directories = new HashMap<>();

  NamespaceImageLoader() {}

  @Override
  public void header(Header header) {
    requireNonNull(header, "header");
    usable();
    if (stage != Stage.HEADER) {
      throw invalid("a second header (expected: one, first)");
    }
    if (header.nextInodeId() <= ROOT_ID) {
      throw invalid("nextInodeId : " + header.nextInodeId() + " (expected: > " + ROOT_ID + ")");
    }
    if (header.nextChunkId() < 1) {
      throw invalid("nextChunkId : " + header.nextChunkId() + " (expected: >= 1)");
    }
    this.header = header;
    ns =
        Namespace.restored(
            header.rootCreated(),
            header.rootModified(),
            header.nextInodeId(),
            header.nextChunkId(),
            header.nextSnapshotId());
    ns.root().xattrs = header.rootXattrs();
    ns.root()
        .restoreAttributes(
            SnapshotImageLoader.orDefaults(
                header.rootAttributes(), FileType.DIRECTORY, header.rootModified()));
    directories.put(ROOT_ID, ns.root());
    snapshots = new SnapshotImageLoader(ns, this::liveInode, this::invalid);
    stage = Stage.ENTRIES;
  }

  @Override
  public void entry(Entry entry) {
    requireNonNull(entry, "entry");
    usable();
    if (stage == Stage.HEADER) {
      throw invalid("entry " + entry.id() + " before the header");
    }
    if (stage != Stage.ENTRIES) {
      throw invalid(
          "entry "
              + entry.id()
              + (stage == Stage.QUEUE
                  ? " after the deletion queue (expected: all entries first)"
                  : " after the " + stage + " records (expected: entries first)"));
    }
    DirectoryInode parent = checkedParent(entry);
    switch (entry) {
      case DirectoryEntry d -> {
        DirectoryInode dir = new DirectoryInode(d.id(), d.created(), parent, d.name());
        dir.modificationTime = d.modified();
        attributes(dir, d);
        ns.restore(dir, LeaseHolder.NONE);
        directories.put(dir.id, dir);
      }
      case FileEntry f -> ns.restore(file(f, parent), f.writer());
    }
  }

  @Override
  public void kept(SnapshotImage.Kept k) {
    requireNonNull(k, "kept");
    usable();
    at(Stage.KEPT, "kept inode " + k.entry().id());
    Entry e = k.entry();
    checkId(e);
    checkName(e);
    Inode inode =
        switch (e) {
          case DirectoryEntry d -> {
            DirectoryInode dir = new DirectoryInode(d.id(), d.created(), null, d.name());
            dir.modificationTime = d.modified();
            attributes(dir, d);
            yield dir;
          }
          case FileEntry f -> {
            if (!f.copies().isEmpty()) {
              throw invalid(label(f) + ": a kept file writes no copies");
            }
            FileInode file = file(f, null);
            file.nlink = 0; // only snapshots keep it: no live name
            yield file;
          }
        };
    snapshots.kept(k, inode);
  }

  /**
   * Another name of a file (ADR 0028): in a live directory a name of a live file, added after its
   * earlier ones (their order decides which becomes primary); in a kept directory an entry that
   * holds the file for snapshots. Either way one more link.
   */
  @Override
  public void link(NamespaceImage.Link link) {
    requireNonNull(link, "link");
    usable();
    String what = "link '" + link.name() + "' in " + link.directoryId() + " to " + link.inodeId();
    at(Stage.LINKS, what);
    DirectoryInode live = directories.get(link.directoryId());
    Inode dir = live != null ? live : snapshots.keptInode(link.directoryId());
    if (!(dir instanceof DirectoryInode into)) {
      throw invalid(what + ": " + link.directoryId() + " is not a directory of the image");
    }
    FileInode liveFile = ns.files().file(link.inodeId());
    Inode target = liveFile != null ? liveFile : liveInode(link.inodeId());
    if (target == null) {
      target = snapshots.keptInode(link.inodeId());
    }
    if (target == null) {
      throw invalid(what + ": unknown inode " + link.inodeId());
    }
    if (!(target instanceof FileInode file)) {
      throw invalid(what + ": a hard link to a directory");
    }
    try {
      DfsPath.ROOT.child(link.name());
    } catch (IllegalArgumentException badName) {
      throw invalid(what + ": " + badName.getMessage());
    }
    if (into.children.containsKey(link.name())) {
      throw invalid(what + ": duplicate name in directory " + into.id);
    }
    if (live != null && liveFile == null) {
      throw invalid(what + ": a live directory cannot hold a kept inode");
    }
    if (live != null && file.nlink >= HardLinks.MAX_LINKS) {
      throw invalid(what + ": more than " + HardLinks.MAX_LINKS + " names");
    }
    into.put(link.name(), file);
    file.links++;
    if (live != null) {
      file.addName(into, link.name());
    }
  }

  @Override
  public void diff(SnapshotImage.Diff diff) {
    requireNonNull(diff, "diff");
    usable();
    at(Stage.DIFFS, "diff of inode " + diff.inodeId());
    if (diff instanceof SnapshotImage.FileState f) {
      f.chunks().forEach(c -> checkIssued(c.chunk().id(), "diff of inode " + f.inodeId()));
    }
    snapshots.diff(diff);
  }

  @Override
  public void snapshots(SnapshotImage.Root root) {
    requireNonNull(root, "root");
    usable();
    at(Stage.ROOTS, "snapshottable directory " + root.directoryId());
    snapshots.root(root);
  }

  @Override
  public void quota(NamespaceImage.Quota quota) {
    requireNonNull(quota, "quota");
    usable();
    at(Stage.QUOTAS, "quota of directory " + quota.directoryId());
    DirectoryInode dir = directories.get(quota.directoryId());
    if (dir == null) {
      throw invalid("a quota of " + quota.directoryId() + ", not a directory of the tree");
    }
    if (dir.quota != null) {
      throw invalid("two quotas of directory " + quota.directoryId());
    }
    ns.files().quotas.restore(dir, quota.nameQuota(), quota.spaceQuota());
    if (dir.quota == null) {
      throw invalid(
          "quota of directory "
              + quota.directoryId()
              + ": names "
              + quota.nameQuota()
              + ", space "
              + quota.spaceQuota()
              + " (expected: a quota)");
    }
  }

  /** Moves to {@code next}, refusing a record that comes after a later kind. */
  private void at(Stage next, String what) {
    if (stage == Stage.HEADER) {
      throw invalid(what + " before the header");
    }
    if (stage.compareTo(next) > 0) {
      throw invalid(what + " after the " + stage + " records");
    }
    stage = next;
  }

  private static void attributes(Inode inode, Entry e) {
    inode.xattrs = e.xattrs();
    inode.restoreAttributes(
        SnapshotImageLoader.orDefaults(
            e.attributes(),
            e instanceof DirectoryEntry ? FileType.DIRECTORY : FileType.FILE,
            e.modified()));
  }

  private FileInode file(FileEntry f, DirectoryInode parent) {
    checkFile(f);
    FileInode file =
        new FileInode(f.id(), f.created(), parent, f.name(), f.replication(), f.chunkSize());
    file.modificationTime = f.modified();
    file.kind = f.kind();
    attributes(file, f);
    file.length = f.length();
    f.chunks().forEach(c -> file.chunks.put(c.index(), c.chunk()));
    if (!f.copies().isEmpty()) {
      file.copies = new TreeMap<>();
      f.copies().forEach(c -> file.copies.put(c.index(), c.chunk()));
    }
    file.inline = f.inline() == null ? null : f.inline().clone();
    return file;
  }

  private Inode liveInode(long id) {
    DirectoryInode dir = directories.get(id);
    return dir != null ? dir : ns.files().file(id);
  }

  @Override
  public void queued(QueuedDeletion deletion) {
    requireNonNull(deletion, "deletion");
    usable();
    if (stage == Stage.HEADER) {
      throw invalid("queued deletion of " + deletion.chunk() + " before the header");
    }
    ChunkId chunk = deletion.chunk();
    checkIssued(chunk, "queued deletion");
    if (ns.deletions().contains(chunk)) {
      throw invalid(chunk + " is queued for deletion twice");
    }
    if (ns.files().holdsChunk(chunk)) {
      throw invalid(
          chunk
              + " is queued for deletion but file "
              + ns.chunkOwner(chunk).orElseThrow().fileId()
              + " holds it");
    }
    ns.deletions().enqueue(chunk, deletion.queuedAt());
    stage = Stage.QUEUE;
  }

  /** The namespace the image described; the loader is done with it and refuses further use. */
  public Namespace finish() {
    usable();
    if (stage == Stage.HEADER) {
      throw invalid("the image has no header");
    }
    snapshots.finish();
    stage = Stage.FINISHED;
    Namespace loaded = ns;
    ns = null;
    directories.clear();
    return loaded;
  }

  /** The entry's parent directory, after checking the entry's id and name fit in the tree. */
  private DirectoryInode checkedParent(Entry e) {
    checkId(e);
    String what = label(e);
    DirectoryInode parent = directories.get(e.parentId());
    if (parent == null) {
      throw invalid(
          ns.files().file(e.parentId()) != null
              ? what + ": parent " + e.parentId() + " is a file, not a directory"
              : what
                  + ": unknown parent id "
                  + e.parentId()
                  + " (expected: a directory listed before it)");
    }
    checkName(e);
    if (parent.children.containsKey(e.name())) {
      throw invalid(what + ": duplicate name '" + e.name() + "' in directory " + parent.id);
    }
    return parent;
  }

  private void checkId(Entry e) {
    String what = label(e);
    if (e.id() <= ROOT_ID || e.id() >= header.nextInodeId()) {
      throw invalid(
          what
              + ": id : "
              + e.id()
              + " (expected: "
              + (ROOT_ID + 1)
              + " to "
              + (header.nextInodeId() - 1)
              + ", below the header's nextInodeId)");
    }
    if (directories.containsKey(e.id())
        || ns.files().file(e.id()) != null
        || snapshots.isKept(e.id())) {
      throw invalid(what + ": inode id " + e.id() + " appears twice");
    }
  }

  private void checkName(Entry e) {
    String what = label(e);
    if (e.name().isEmpty()) {
      throw invalid(what + ": the name is empty");
    }
    try {
      DfsPath.ROOT.child(e.name());
    } catch (IllegalArgumentException badName) {
      throw invalid(what + ": " + badName.getMessage());
    }
  }

  /** What createFile, allocateChunk and commitChunk would never have let into a file. */
  private void checkFile(FileEntry f) {
    String what = label(f);
    if (f.replication() < 1 || f.replication() > 16) {
      throw invalid(what + ": replication : " + f.replication() + " (expected: 1-16)");
    }
    String sizeProblem = ChunkLayout.chunkSizeProblem(f.chunkSize());
    if (sizeProblem != null) {
      throw invalid(what + ": " + sizeProblem);
    }
    if (f.length() < 0 || f.length() > Namespace.MAX_FILE_LENGTH) {
      throw invalid(
          what + ": length : " + f.length() + " (expected: 0-" + Namespace.MAX_FILE_LENGTH + ")");
    }
    if (f.inline() != null
        && (f.inline().length != f.length()
            || f.inline().length == 0
            || f.inline().length > Namespace.MAX_INLINE_LENGTH)) {
      throw invalid(
          what
              + ": inline bytes : "
              + f.inline().length
              + " (expected: 1-"
              + Namespace.MAX_INLINE_LENGTH
              + ", as many as its length "
              + f.length()
              + ")");
    }
    Set<ChunkId> inThisFile = new HashSet<>();
    int previous = -1;
    for (IndexedChunk c : f.chunks()) {
      if (c.chunk() == null) {
        throw invalid(what + ": chunk slot " + c.index() + " holds no chunk");
      }
      if (c.index() < 0 || (long) c.index() * f.chunkSize() >= Namespace.MAX_FILE_LENGTH) {
        throw invalid(
            what
                + ": chunk index : "
                + c.index()
                + " (expected: 0 to "
                + (Namespace.MAX_FILE_LENGTH / f.chunkSize() - 1)
                + ")");
      }
      if (c.index() <= previous) {
        throw invalid(
            what + ": chunk index " + c.index() + " after " + previous + " (expected: ascending)");
      }
      previous = c.index();
      ChunkRef ref = c.chunk();
      if (ref.length() > f.chunkSize()) {
        throw invalid(
            what
                + ": chunk "
                + c.index()
                + " length : "
                + ref.length()
                + " (expected: 0-"
                + f.chunkSize()
                + ")");
      }
      checkIssued(ref.id(), what);
      if (!inThisFile.add(ref.id())) {
        throw invalid(
            what + ": " + ref.id() + " appears twice (expected: each chunk once in a file)");
      }
    }
    for (IndexedChunk c : f.copies()) {
      checkIssued(c.chunk().id(), what);
      if (!inThisFile.add(c.chunk().id()) || ns.files().holdsChunk(c.chunk().id())) {
        throw invalid(what + ": copy " + c.chunk().id() + " is held elsewhere too");
      }
    }
  }

  private void checkIssued(ChunkId chunk, String what) {
    if (chunk.value() >= header.nextChunkId()) {
      throw invalid(
          what + ": " + chunk + " is not below the header's nextChunkId " + header.nextChunkId());
    }
  }

  private static String label(Entry e) {
    return (e instanceof FileEntry ? "file " : "directory ") + e.id() + " '" + e.name() + "'";
  }

  private void usable() {
    if (stage == Stage.FINISHED) {
      throw new IllegalStateException(
          "this loader has finished (expected: a new loader per image)");
    }
    if (stage == Stage.FAILED) {
      throw new IllegalStateException(
          "this loader rejected its image earlier (expected: a new loader)");
    }
  }

  IllegalArgumentException invalid(String problem) {
    stage = Stage.FAILED;
    return new IllegalArgumentException("namespace image: " + problem);
  }
}
