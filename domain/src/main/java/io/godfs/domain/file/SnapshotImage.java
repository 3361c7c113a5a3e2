package io.godfs.domain.file;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The snapshot part of a {@link NamespaceImage} (ADR 0025): after the live tree's entries come the
 * inodes only snapshots keep ({@link Kept}), then every inode's diffs and pins ({@link Diff}), then
 * the snapshottable directories with their snapshots ({@link Root}). Links and chunk holds are
 * derived from these by the loader, so an image cannot contradict itself through them. An image
 * written before snapshots existed simply has none of these records.
 */
public final class SnapshotImage {
  private SnapshotImage() {}

  /**
   * An inode that left the tree but a snapshot keeps. {@code detached}: no kept directory holds it
   * (only diffs do), and {@code entry.parentId()} names where it was, or 0 when that is gone.
   */
  public record Kept(NamespaceImage.Entry entry, boolean detached) {
    public Kept {
      requireNonNull(entry, "entry");
    }
  }

  /** One record of an inode's snapshot state. */
  public sealed interface Diff permits FileState, DirectoryChanges, Marks {
    long inodeId();
  }

  /** A {@link FileDiff}: the file as snapshot {@code snapshotId} saw it. */
  public record FileState(
      long inodeId,
      long snapshotId,
      Instant modified,
      long length,
      List<IndexedChunk> chunks,
      byte[] inline,
      InodeAttributes attributes,
      Xattrs xattrs)
      implements Diff {
    public FileState {
      xattrs = NamespaceImage.orNone(xattrs);
      requireNonNull(modified, "modified");
      chunks = List.copyOf(requireNonNull(chunks, "chunks"));
    }

    /** From an image without attributes (before ADR 0028). */
    public FileState(
        long inodeId,
        long snapshotId,
        Instant modified,
        long length,
        List<IndexedChunk> chunks,
        byte[] inline) {
      this(inodeId, snapshotId, modified, length, chunks, inline, null, null);
    }

    /** Without extended attributes. */
    public FileState(
        long inodeId,
        long snapshotId,
        Instant modified,
        long length,
        List<IndexedChunk> chunks,
        byte[] inline,
        InodeAttributes attributes) {
      this(inodeId, snapshotId, modified, length, chunks, inline, attributes, null);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof FileState f
          && inodeId == f.inodeId
          && snapshotId == f.snapshotId
          && modified.equals(f.modified)
          && length == f.length
          && chunks.equals(f.chunks)
          && Arrays.equals(inline, f.inline)
          && Objects.equals(attributes, f.attributes)
          && xattrs.equals(f.xattrs);
    }

    @Override
    public int hashCode() {
      return Objects.hash(inodeId, snapshotId, modified, length, chunks, attributes, xattrs) * 31
          + Arrays.hashCode(inline);
    }
  }

  /** A {@link DirectoryDiff}: children removed since (name to inode id) and names created since. */
  public record DirectoryChanges(
      long inodeId,
      long snapshotId,
      Instant modified,
      SortedMap<String, Long> removed,
      List<String> created,
      InodeAttributes attributes,
      Xattrs xattrs)
      implements Diff {
    public DirectoryChanges {
      xattrs = NamespaceImage.orNone(xattrs);
      requireNonNull(modified, "modified");
      removed =
          Collections.unmodifiableSortedMap(new TreeMap<>(requireNonNull(removed, "removed")));
      created = List.copyOf(requireNonNull(created, "created"));
    }

    /** From an image without attributes (before ADR 0028). */
    public DirectoryChanges(
        long inodeId,
        long snapshotId,
        Instant modified,
        SortedMap<String, Long> removed,
        List<String> created) {
      this(inodeId, snapshotId, modified, removed, created, null, null);
    }

    /** Without extended attributes. */
    public DirectoryChanges(
        long inodeId,
        long snapshotId,
        Instant modified,
        SortedMap<String, Long> removed,
        List<String> created,
        InodeAttributes attributes) {
      this(inodeId, snapshotId, modified, removed, created, attributes, null);
    }
  }

  /** {@link InodeDiffs#pins}, {@link InodeDiffs#entered} and {@link InodeDiffs#keptBy}. */
  public record Marks(
      long inodeId, SortedMap<Long, Long> pins, long entered, SortedMap<Long, Long> keptBy)
      implements Diff {
    public Marks {
      pins = Collections.unmodifiableSortedMap(new TreeMap<>(requireNonNull(pins, "pins")));
      keptBy = Collections.unmodifiableSortedMap(new TreeMap<>(requireNonNull(keptBy, "keptBy")));
    }
  }

  /** A snapshottable directory and its snapshots, oldest first. */
  public record Root(long directoryId, List<Snapshot> snapshots) {
    public Root {
      snapshots = List.copyOf(requireNonNull(snapshots, "snapshots"));
    }
  }

  /** One snapshot; see {@link SnapshotRoot.Snapshot}. */
  public record Snapshot(long id, String name, Instant created, long firstLaterInode) {
    public Snapshot {
      requireNonNull(name, "name");
      requireNonNull(created, "created");
    }
  }

  // ---------------------------------------------------------------- writing

  /**
   * Writes the snapshot records of {@code ns} after its live entries: kept inodes (each kept
   * directory before its children), then diffs, then roots; all in an order fixed by the tree.
   */
  static void write(Namespace ns, NamespaceImage.Sink sink, List<NamespaceImage.Link> liveLinks) {
    List<Inode> live = new ArrayList<>();
    collectLive(ns.root(), live, null);
    Set<Inode> known = Collections.newSetFromMap(new IdentityHashMap<>());
    known.addAll(live);
    // Every inode only snapshots keep: whatever diffs hold, and what kept directories hold.
    List<Inode> closure = new ArrayList<>();
    for (int i = 0; i < live.size() + closure.size(); i++) {
      Inode inode = i < live.size() ? live.get(i) : closure.get(i - live.size());
      List<Inode> held = new ArrayList<>();
      if (inode.diffs != null) {
        for (InodeDiff d : inode.diffs.diffs) {
          if (d instanceof DirectoryDiff dd) {
            held.addAll(dd.removed.values());
          }
        }
      }
      if (i >= live.size() && inode instanceof DirectoryInode dir) {
        held.addAll(dir.children.values());
      }
      for (Inode k : held) {
        if (known.add(k)) {
          closure.add(k);
        }
      }
    }
    Set<Inode> keptSet = Collections.newSetFromMap(new IdentityHashMap<>());
    keptSet.addAll(closure);
    List<Inode> kept = new ArrayList<>();
    List<NamespaceImage.Link> keptLinks = new ArrayList<>();
    for (Inode k : closure) {
      if (!heldByKeptDirectory(k, keptSet)) {
        emitKept(k, known, kept, keptLinks, sink);
      }
    }
    // Every inode exists now: the other names of live files, then kept directories' entries that
    // are not their inode's primary name (a live file, or a kept one named elsewhere too).
    liveLinks.forEach(sink::link);
    keptLinks.forEach(sink::link);
    List<Inode> all = new ArrayList<>(live);
    all.addAll(kept);
    for (Inode inode : all) {
      if (inode.diffs == null) {
        continue;
      }
      InodeDiffs d = inode.diffs;
      if (d.pins != null || d.entered != 0 || d.keptBy != null) {
        sink.diff(
            new Marks(
                inode.id,
                d.pins == null ? new TreeMap<>() : d.pins,
                d.entered,
                d.keptBy == null ? new TreeMap<>() : d.keptBy));
      }
      for (InodeDiff diff : d.diffs) {
        sink.diff(record(inode, diff));
      }
    }
    for (Inode inode : live) {
      if (inode instanceof DirectoryInode dir && dir.snapshots != null) {
        List<Snapshot> snapshots = new ArrayList<>();
        dir.snapshots
            .byId
            .values()
            .forEach(
                s ->
                    snapshots.add(
                        new Snapshot(s.id(), s.name(), s.created(), s.firstLaterInode())));
        sink.snapshots(new Root(dir.id, snapshots));
      }
    }
  }

  /**
   * Pre-order, with an explicit stack: no tree depth overflows the call stack. Each inode once, at
   * its primary name; the other entries go to {@code others} as links (when not null).
   */
  private static void collectLive(Inode top, List<Inode> out, List<NamespaceImage.Link> others) {
    Deque<Inode> todo = new ArrayDeque<>();
    todo.push(top);
    while (!todo.isEmpty()) {
      Inode inode = todo.pop();
      out.add(inode);
      if (inode instanceof DirectoryInode dir) {
        for (var e : dir.children.descendingMap().entrySet()) {
          if (isPrimary(dir, e.getKey(), e.getValue())) {
            todo.push(e.getValue());
          } else if (others != null) {
            others.add(new NamespaceImage.Link(dir.id, e.getKey(), e.getValue().id));
          }
        }
      }
    }
  }

  /** Whether entry {@code name} of {@code dir} is {@code inode}'s primary name (ADR 0028). */
  static boolean isPrimary(DirectoryInode dir, String name, Inode inode) {
    return inode.parent == dir && inode.name.equals(name);
  }

  /** Whether {@code inode} is a child of a kept directory (else only diffs hold it). */
  private static boolean heldByKeptDirectory(Inode inode, Set<Inode> kept) {
    return inode.parent != null
        && kept.contains(inode.parent)
        && inode.parent.children.get(inode.name) == inode;
  }

  /** A kept inode, then its children (all kept too), pre-order. */
  private static void emitKept(
      Inode top,
      Set<Inode> known,
      List<Inode> kept,
      List<NamespaceImage.Link> links,
      NamespaceImage.Sink sink) {
    List<Inode> subtree = new ArrayList<>();
    collectLive(top, subtree, links);
    for (Inode inode : subtree) {
      kept.add(inode);
      // Where a detached inode was may be gone from the namespace: then 0.
      long parentId = inode.parent != null && known.contains(inode.parent) ? inode.parent.id : 0;
      sink.kept(new Kept(NamespaceImage.entryOf(inode, parentId), inode == top));
    }
  }

  private static Diff record(Inode inode, InodeDiff d) {
    return switch (d) {
      case FileDiff f -> {
        List<IndexedChunk> chunks = new ArrayList<>(f.chunks.size());
        f.chunks.forEach((index, ref) -> chunks.add(new IndexedChunk(index, ref)));
        yield new FileState(
            inode.id,
            f.snapshotId,
            f.modificationTime,
            f.length,
            chunks,
            f.inline,
            f.attributes,
            f.xattrs);
      }
      case DirectoryDiff dd -> {
        TreeMap<String, Long> removed = new TreeMap<>();
        dd.removed.forEach((name, k) -> removed.put(name, k.id));
        yield new DirectoryChanges(
            inode.id,
            dd.snapshotId,
            dd.modificationTime,
            removed,
            new ArrayList<>(dd.created),
            dd.attributes,
            dd.xattrs);
      }
    };
  }
}
