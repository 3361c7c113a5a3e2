package io.godfs.domain.file;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A file: its length and its chunk slots by index (a missing index is a hole of zeros), or, for a
 * small file, its bytes held inline in the namespace ({@link InlineFiles}).
 */
final class FileInode extends Inode {
  final int replication;
  final long chunkSize;
  long length;

  /**
   * A regular file, a symbolic link whose target is held inline, or a special file without content
   * (ADR 0028).
   */
  FileType kind = FileType.FILE;

  /** The client holding the file's write lease, or null when the file is closed. */
  LeaseHolder writer = LeaseHolder.NONE;

  final TreeMap<Integer, ChunkRef> chunks = new TreeMap<>();

  /**
   * Copies being written of chunks a snapshot holds (ADR 0025), by index, or null: the slot keeps
   * the old chunk, which readers still see, until the copy commits.
   */
  TreeMap<Integer, ChunkRef> copies;

  /**
   * The whole content of a small file (length == inline.length), or null. Dropped when chunk 0 is
   * committed: the writer carried these bytes into it ({@link InlineFiles}).
   */
  byte[] inline;

  /**
   * Its live names (st_nlink; ADR 0028): 1 plus {@link #otherNames}, or 0 once it left the live
   * tree. {@link #parent} and {@link #name} are the primary one, which names the file in messages,
   * chunk owners and open files; after its last name goes they keep where it was.
   */
  int nlink = 1;

  /**
   * Its live names besides the primary, oldest first, or null for a file with one name. The order
   * decides which name becomes primary when the primary goes, so it is the same on every replica
   * and after an image load (images list them in this order).
   */
  ArrayList<Name> otherNames;

  FileInode(
      long id,
      Instant creationTime,
      DirectoryInode parent,
      String name,
      int replication,
      long chunkSize) {
    super(id, creationTime, parent, name);
    this.replication = replication;
    this.chunkSize = chunkSize;
  }

  /** One entry naming the file: {@code name} in directory {@code dir}. */
  record Name(DirectoryInode dir, String name) {}

  /** Link(2) made {@code name} in {@code dir} another name of this file. */
  void addName(DirectoryInode dir, String name) {
    if (otherNames == null) {
      otherNames = new ArrayList<>(1);
    }
    otherNames.add(new Name(dir, name));
    nlink++;
  }

  /**
   * One of its names goes while another stays: the oldest other name replaces a dropped primary.
   * Not for the last name, which {@link InodeReleases} retires or frees with the file.
   */
  void dropName(DirectoryInode dir, String name) {
    if (parent == dir && this.name.equals(name)) {
      Name next = otherNames.removeFirst();
      parent = next.dir();
      this.name = next.name();
    } else {
      otherNames.remove(new Name(dir, name));
    }
    if (otherNames.isEmpty()) {
      otherNames = null;
    }
    nlink--;
  }

  /** A rename moved one of its names; the others, and which one is primary, stay. */
  void renameName(DirectoryInode fromDir, String from, DirectoryInode toDir, String to) {
    if (parent == fromDir && name.equals(from)) {
      parent = toDir;
      name = to;
    } else {
      otherNames.set(otherNames.indexOf(new Name(fromDir, from)), new Name(toDir, to));
    }
  }

  /** The directory of each live name, primary first (a directory twice for two names in it). */
  List<DirectoryInode> nameDirs() {
    if (otherNames == null) {
      return parent == null ? List.of() : List.of(parent);
    }
    List<DirectoryInode> dirs = new ArrayList<>(1 + otherNames.size());
    dirs.add(parent);
    otherNames.forEach(n -> dirs.add(n.dir()));
    return dirs;
  }

  /** st_nlink as a status shows it: a file kept only by snapshots still shows one name. */
  int linkCount() {
    return Math.max(1, nlink);
  }

  @Override
  FileStatus status(DfsPath path) {
    return new FileStatus(
        path,
        kind,
        fileId(),
        length,
        creationTime,
        modificationTime,
        chunkSize,
        replication,
        chunks.size(),
        inline != null,
        attributes(),
        linkCount());
  }
}
