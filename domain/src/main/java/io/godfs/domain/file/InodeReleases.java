package io.godfs.domain.file;

import io.godfs.domain.chunk.ChunkId;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * What happens to an inode that loses a name (ADR 0025). An inode is held by its parent's entry and
 * by every snapshot diff that kept it ({@link Inode#links}). Losing its last one frees it: its
 * chunks go unless something else references them, and whatever it held loses a link in turn.
 * Losing its live name while a snapshot keeps it retires it: it leaves the live indexes, and its
 * chunks become held for the snapshot. Also keeps the count of live directories.
 */
final class InodeReleases {
  private final FileIndex files;
  private final FileLeases leases;

  /** Directories under the root, kept in step by mkdir, delete and restore (ADR 0023). */
  long directories;

  /** Set once the namespace's parts exist (they refer to each other). */
  Snapshots snapshots;

  InodeReleases(FileIndex files, FileLeases leases) {
    this.files = files;
    this.leases = leases;
  }

  /**
   * A live inode lost its entry {@code name} in {@code dir}; returns how many live files left the
   * tree. A file with another name keeps its index, lease and chunks (ADR 0028).
   */
  int unlinkLive(DirectoryInode dir, String name, Inode inode, List<ChunkId> released) {
    inode.links--;
    if (inode instanceof FileInode file && file.nlink > 1) {
      dropLiveName(file, dir, name);
      return 0;
    }
    return inode.links == 0 ? free(inode, true, released) : retire(inode, released);
  }

  /**
   * One name of a file that keeps another goes. The snapshots that saw the file through any name
   * are pinned first: from its remaining names they may no longer be reachable, yet they still read
   * it through the entry that went (a directory diff or a kept directory).
   */
  private void dropLiveName(FileInode file, DirectoryInode dir, String name) {
    List<Snapshots.Pin> seenBy = snapshots.seers(file);
    file.dropName(dir, name);
    snapshots.namesDropped(file, seenBy);
  }

  /** A snapshot diff, or a kept directory being freed, let go of {@code inode}. */
  void unlinkKept(Inode inode, List<ChunkId> released) {
    if (--inode.links == 0) {
      free(inode, false, released);
    }
  }

  /** Drops one of an inode's diffs: what only it held goes. */
  void dropDiff(InodeDiff diff, List<ChunkId> released) {
    switch (diff) {
      case FileDiff f -> f.chunks.values().forEach(c -> files.releaseHold(c.id(), released));
      case DirectoryDiff d -> d.removed.values().forEach(kept -> unlinkKept(kept, released));
    }
  }

  private int free(Inode inode, boolean live, List<ChunkId> released) {
    int freedFiles = 0;
    if (inode instanceof FileInode file) {
      file.nlink = 0;
      if (live) {
        leases.setWriter(file, LeaseHolder.NONE);
        files.remove(file, released);
        freedFiles = 1;
      } else {
        files.destroy(file, released);
      }
    } else {
      DirectoryInode dir = (DirectoryInode) inode;
      if (live) {
        directories--;
      }
      for (var e : dir.children.entrySet()) {
        if (live) {
          freedFiles += unlinkLive(dir, e.getKey(), e.getValue(), released);
        } else {
          unlinkKept(e.getValue(), released);
        }
      }
    }
    if (inode.diffs != null) {
      inode.diffs.diffs.forEach(d -> dropDiff(d, released));
      inode.diffs = null;
    }
    return freedFiles;
  }

  private int retire(Inode inode, List<ChunkId> released) {
    List<Snapshots.Pin> seers = snapshots.seers(inode);
    long latest = 0;
    for (Snapshots.Pin p : seers) {
      latest = Math.max(latest, p.id());
    }
    if (inode instanceof FileInode file) {
      file.nlink = 0;
      leases.setWriter(file, LeaseHolder.NONE);
      files.retire(file, released);
    } else {
      directories--;
    }
    int retired = inode instanceof FileInode ? 1 : 0;
    if (inode instanceof DirectoryInode dir) {
      for (var e : dir.children.entrySet()) {
        if (e.getValue() instanceof FileInode file && file.nlink > 1) {
          // The kept directory's entry still holds the file (its link stays); only the live
          // name goes, and the file lives on through its others.
          dropLiveName(file, dir, e.getKey());
        } else {
          retired += retire(e.getValue(), released);
        }
      }
    }
    if (inode.diffs != null && !inode.diffs.diffs.isEmpty() && inode.diffs.lastId() >= latest) {
      collapse(inode, released);
    }
    if (!seers.isEmpty()) {
      if (inode.diffs == null) {
        inode.diffs = new InodeDiffs();
      }
      inode.diffs.keptBy = new TreeMap<>();
      seers.forEach(p -> inode.diffs.keptBy.merge(p.id(), p.enteredBelow(), Math::min));
    }
    return retired;
  }

  /**
   * A kept inode whose current state no snapshot reads any more (every one that sees it reads a
   * diff) lets go of what only that state holds: a file becomes what its newest diff says; a
   * directory drops the children made since.
   */
  void collapse(Inode inode, List<ChunkId> released) {
    switch (inode) {
      case FileInode file -> {
        FileDiff last = (FileDiff) inode.diffs.diffs.removeLast();
        file.chunks.values().forEach(c -> files.releaseHold(c.id(), released));
        file.chunks.clear();
        file.chunks.putAll(last.chunks); // the diff's holds become the kept file's
        file.length = last.length;
        file.inline = last.inline;
        file.modificationTime = last.modificationTime;
        file.restoreAttributes(last.attributes);
        file.xattrs = last.xattrs;
      }
      case DirectoryInode dir -> {
        // The children made or put in place since its newest diff: no snapshot lists them.
        DirectoryDiff last = (DirectoryDiff) inode.diffs.last();
        List<String> since = new ArrayList<>(last.created);
        since.addAll(last.removed.keySet());
        for (String name : since) {
          Inode later = dir.remove(name);
          if (later != null) {
            unlinkKept(later, released);
          }
        }
        last.created.clear();
      }
    }
  }
}
