package io.godfs.domain.file;

import static io.godfs.domain.error.ErrorCode.ALREADY_EXISTS;
import static io.godfs.domain.error.ErrorCode.BUSY;
import static io.godfs.domain.error.ErrorCode.CONFLICT;
import static io.godfs.domain.error.ErrorCode.INVALID_ARGUMENT;
import static io.godfs.domain.error.ErrorCode.IS_A_DIRECTORY;
import static io.godfs.domain.error.ErrorCode.NOT_A_DIRECTORY;
import static io.godfs.domain.error.ErrorCode.NOT_EMPTY;
import static io.godfs.domain.error.ErrorCode.NOT_FOUND;
import static io.godfs.domain.error.ErrorCode.READ_ONLY;

import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkLayout;
import io.godfs.domain.error.DfsError;
import io.godfs.domain.error.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The directory tree under the root, and everything done by path: resolving, listing, creating,
 * moving and removing inodes. Issues inode ids from a counter in the replicated state, so every
 * replica hands out the same ids. A file leaving the tree leaves the indexes and its lease with it,
 * and its chunks go to the deletion queue: their replicas outlive the file. The contracts are on
 * {@link Namespace}'s methods of the same names.
 */
final class DirectoryTree {
  private final DirectoryInode root;
  private final FileIndex files;
  private final FileLeases leases;
  private final ChunkDeletionQueue deletions;
  private final InodeReleases releases;
  private final Snapshots snapshots;
  private final Quotas quotas;
  private final TreeReads reads;
  private long nextInodeId = 2;

  DirectoryTree(
      Instant rootCreated,
      FileIndex files,
      FileLeases leases,
      ChunkDeletionQueue deletions,
      InodeReleases releases,
      Snapshots snapshots,
      Quotas quotas) {
    this.root = new DirectoryInode(1, rootCreated, null, "");
    this.files = files;
    this.leases = leases;
    this.deletions = deletions;
    this.releases = releases;
    this.snapshots = snapshots;
    this.quotas = quotas;
    this.reads = new TreeReads(root, snapshots);
  }

  DirectoryInode root() {
    return root;
  }

  long nextInodeId() {
    return nextInodeId;
  }

  /** Issues the next inode id. */
  long newInodeId() {
    return nextInodeId++;
  }

  long directories() {
    return releases.directories;
  }

  /** A directory read from an image was linked into the tree. */
  void restoredDirectory() {
    releases.directories++;
  }

  TreeReads reads() {
    return reads;
  }

  /** Sets the counter read from a snapshot image. */
  void restoreNextInodeId(long next) {
    nextInodeId = next;
  }

  Outcome<FileStatus> stat(DfsPath path) {
    return reads.resolve(path).map(v -> reads.status(v, path));
  }

  Outcome<Listing> list(DfsPath path, String startAfter, int limit) {
    return reads.resolve(path).flatMap(v -> reads.list(v, path, startAfter, limit));
  }

  Outcome<NameListing> listNames(DfsPath path, String startAfter, int limit) {
    return reads.resolve(path).flatMap(v -> reads.listNames(v, path, startAfter, limit));
  }

  Outcome<FileChunks> locate(DfsPath path, long offset, long length) {
    if (offset < 0 || length < 0) {
      return Outcome.rejected(
          INVALID_ARGUMENT,
          "range offset " + offset + " length " + length + " (expected: both >= 0)");
    }
    return reads
        .resolve(path)
        .flatMap(
            v -> {
              if (v.snapshots() || !(v.inode() instanceof FileInode file)) {
                return Outcome.rejected(IS_A_DIRECTORY, path + " is a directory");
              }
              TreeReads.FileState st = TreeReads.fileAt(file, v.at());
              long end =
                  length == 0 ? st.length() : Math.min(st.length(), saturatedAdd(offset, length));
              List<IndexedChunk> chunks = new ArrayList<>();
              if (offset < end) {
                int first = (int) (offset / file.chunkSize);
                int last = (int) ((end - 1) / file.chunkSize);
                for (var e : st.chunks().subMap(first, true, last, true).entrySet()) {
                  chunks.add(new IndexedChunk(e.getKey(), e.getValue()));
                }
              }
              return Outcome.ok(
                  new FileChunks(
                      reads.status(v, path),
                      chunks,
                      st.inline() == null ? null : st.inline().clone()));
            });
  }

  Outcome<List<FileChunks>> filesUnder(DfsPath path) {
    return reads.resolve(path).map(v -> reads.filesUnder(v, path));
  }

  Outcome<FileStatus> mkdir(DfsPath path, boolean parents, Ownership ownership, Instant now) {
    if (path.isRoot()) {
      return parents
          ? Outcome.ok(root.status(path))
          : Outcome.rejected(ALREADY_EXISTS, "directory / already exists");
    }
    DirectoryInode dir = root;
    List<String> segments = path.segments();
    DfsPath walked = DfsPath.ROOT;
    for (int i = 0; i < segments.size(); i++) {
      String name = segments.get(i);
      walked = walked.child(name);
      boolean last = i == segments.size() - 1;
      Outcome.Rejected<FileStatus> reserved = reservedName(dir, walked, name);
      if (reserved != null) {
        return reserved;
      }
      Inode child = dir.children.get(name);
      if (child == null) {
        if (!last && !parents) {
          return Outcome.rejected(
              NOT_FOUND,
              "parent directory " + walked + " does not exist (use -p to create parents)");
        }
        Outcome.Rejected<FileStatus> full = quotas.check(dir, 1, 0, null, walked);
        if (full != null) {
          return full;
        }
        DirectoryInode created = new DirectoryInode(nextInodeId++, now, dir, name);
        own(created, dir, ownership);
        snapshots.beforeChildChange(dir, name, null);
        dir.put(name, created);
        quotas.linked(dir, created);
        releases.directories++;
        dir.modified(now);
        dir = created;
      } else if (child instanceof DirectoryInode existing) {
        if (last && !parents) {
          return Outcome.rejected(ALREADY_EXISTS, "directory " + path + " already exists");
        }
        dir = existing;
      } else {
        return Outcome.rejected(last ? ALREADY_EXISTS : NOT_A_DIRECTORY, walked + " is a file");
      }
    }
    return Outcome.ok(dir.status(path));
  }

  Outcome<CreatedFile> createFile(
      DfsPath path,
      boolean overwrite,
      int replication,
      long chunkSize,
      LeaseHolder writer,
      Ownership ownership,
      Instant now) {
    if (path.isRoot()) {
      return Outcome.rejected(IS_A_DIRECTORY, "/ is a directory");
    }
    if (replication < 1 || replication > 16) {
      return Outcome.rejected(
          INVALID_ARGUMENT,
          "create " + path + ": replication : " + replication + " (expected: 1-16)");
    }
    String sizeProblem = ChunkLayout.chunkSizeProblem(chunkSize);
    if (sizeProblem != null) {
      return Outcome.rejected(INVALID_ARGUMENT, "create " + path + ": " + sizeProblem);
    }
    String name = path.name();
    return directory(path.parent())
        .flatMap(
            parent -> {
              Outcome.Rejected<CreatedFile> reserved = reservedName(parent, path, name);
              if (reserved != null) {
                return reserved;
              }
              Inode existing = parent.children.get(name);
              Removed replaced = Removed.NOTHING;
              if (existing instanceof DirectoryInode) {
                return Outcome.rejected(IS_A_DIRECTORY, path + " is a directory");
              }
              if (existing instanceof FileInode old) {
                if (!overwrite) {
                  return Outcome.rejected(
                      ALREADY_EXISTS,
                      "file " + path + " already exists (use overwrite to replace it)");
                }
                if (FileLeases.heldByAnother(old, writer)) {
                  return Outcome.rejected(BUSY, FileLeases.busy(path));
                }
              }
              if (existing == null) {
                Outcome.Rejected<CreatedFile> full = quotas.check(parent, 1, 0, null, path);
                if (full != null) {
                  return full;
                }
              }
              snapshots.beforeChildChange(parent, name, existing);
              if (existing != null) {
                // Only this name goes: another name of the old file keeps it (as mv new b).
                replaced = unlink(parent, name, existing, now);
              }
              FileInode file =
                  new FileInode(nextInodeId++, now, parent, name, replication, chunkSize);
              own(file, parent, ownership);
              parent.put(name, file);
              quotas.linked(parent, file);
              parent.modified(now);
              files.add(file);
              leases.setWriter(file, writer);
              return Outcome.ok(new CreatedFile(file.status(path), replaced));
            });
  }

  /** {@link Namespace#renameOver}: a rename over the target only while it is the expected file. */
  Outcome<Removed> renameOver(
      DfsPath source, DfsPath target, FileId expectedTargetId, Instant now) {
    Outcome<FileInode> current = file(target);
    if (!(current instanceof Outcome.Ok<FileInode> ok)
        || ok.value().id != expectedTargetId.value()) {
      return Outcome.rejected(
          CONFLICT,
          "rename of "
              + source
              + " over "
              + target
              + " refused: "
              + target
              + " is no longer file "
              + expectedTargetId
              + " (another client replaced or removed it)");
    }
    return rename(source, target, true, now);
  }

  Outcome<Removed> rename(DfsPath source, DfsPath target, boolean replace, Instant now) {
    if (source.isRoot()) {
      return Outcome.rejected(INVALID_ARGUMENT, "cannot rename /");
    }
    if (target.isRoot()) {
      return Outcome.rejected(ALREADY_EXISTS, "cannot rename onto /");
    }
    return lookupEntry(source)
        .flatMap(
            from -> {
              Inode moving = from.inode();
              DirectoryInode fromDir = from.dir();
              String fromName = from.name();
              if (source.equals(target)) {
                return Outcome.ok(Removed.NOTHING);
              }
              if (moving instanceof DirectoryInode && source.contains(target)) {
                return Outcome.rejected(
                    INVALID_ARGUMENT,
                    "cannot move directory " + source + " into its own subtree " + target);
              }
              return directory(target.parent())
                  .flatMap(
                      newParent -> {
                        Outcome.Rejected<Removed> reserved =
                            reservedName(newParent, target, target.name());
                        if (reserved != null) {
                          return reserved;
                        }
                        Inode existing = newParent.children.get(target.name());
                        Removed removed = Removed.NOTHING;
                        if (existing != null) {
                          if (!replace) {
                            return Outcome.rejected(
                                ALREADY_EXISTS,
                                target + " already exists (use replace to overwrite a file)");
                          }
                          if (existing == moving) {
                            // Two names of one file: POSIX says succeed and do nothing.
                            return Outcome.ok(Removed.NOTHING);
                          }
                          if (existing instanceof DirectoryInode) {
                            return Outcome.rejected(
                                IS_A_DIRECTORY, "cannot replace directory " + target);
                          }
                          if (moving instanceof DirectoryInode) {
                            return Outcome.rejected(
                                NOT_A_DIRECTORY,
                                "cannot replace file " + target + " with directory " + source);
                          }
                        }
                        Outcome.Rejected<Removed> full =
                            fitsAfterMove(moving, fromDir, existing, newParent, target);
                        if (full != null) {
                          return full;
                        }
                        List<Snapshots.Pin> seenBy = snapshots.seers(moving);
                        DirectoryInode fromTree = snapshots.rootAtOrAbove(fromDir);
                        snapshots.beforeChildChange(fromDir, fromName, moving);
                        snapshots.beforeChildChange(newParent, target.name(), existing);
                        if (existing != null) {
                          newParent.remove(target.name());
                          removed = unlink(newParent, target.name(), existing, now);
                        }
                        quotas.unlinking(fromDir, moving);
                        fromDir.remove(fromName);
                        fromDir.modified(now);
                        rename(moving, fromDir, fromName, newParent, target.name());
                        // A rename changes the moved inode (ctime, as Linux): not recorded in a
                        // snapshot diff, so a snapshot shows the ctime of its live inode.
                        moving.changed(now);
                        newParent.put(target.name(), moving);
                        quotas.linked(newParent, moving);
                        newParent.modified(now);
                        snapshots.moved(
                            moving, fromTree, snapshots.rootAtOrAbove(newParent), seenBy);
                        return Outcome.ok(removed);
                      });
            });
  }

  Outcome<Removed> delete(DfsPath path, boolean recursive, Instant now) {
    if (path.isRoot()) {
      return Outcome.rejected(INVALID_ARGUMENT, "cannot delete /");
    }
    return lookupEntry(path)
        .flatMap(
            entry -> {
              Inode inode = entry.inode();
              if (inode instanceof DirectoryInode dir && !dir.children.isEmpty() && !recursive) {
                return Outcome.rejected(
                    NOT_EMPTY, "directory " + path + " is not empty (use recursive delete)");
              }
              DirectoryInode kept = snapshots.holdsSnapshots(inode);
              if (kept != null) {
                return Outcome.rejected(
                    NOT_EMPTY,
                    "cannot delete "
                        + path
                        + ": "
                        + kept.path()
                        + " has snapshots (delete them first: godfs snapshot ls "
                        + kept.path()
                        + ")");
              }
              // By the entry, not the inode's primary name: a file's other names stay.
              snapshots.beforeChildChange(entry.dir(), entry.name(), inode);
              entry.dir().remove(entry.name());
              entry.dir().modified(now);
              return Outcome.ok(unlink(entry.dir(), entry.name(), inode, now));
            });
  }

  /**
   * Gives a new inode its creator's owner, group and mode (the defaults without one), then applies
   * the setgid rule: under a setgid directory it takes the directory's group, and a new directory
   * keeps the bit, as on Linux (ADR 0028).
   */
  private static void own(Inode inode, DirectoryInode parent, Ownership ownership) {
    if (ownership != null) {
      inode.owner = ownership.owner();
      inode.group = ownership.group();
      inode.mode = ownership.mode();
    }
    if ((parent.mode & InodeAttributes.SETGID) != 0) {
      inode.group = parent.group;
      if (inode instanceof DirectoryInode) {
        inode.mode |= InodeAttributes.SETGID;
      }
    }
  }

  /** The live inode at {@code path}, for a change: a path into a snapshot is refused. */
  Outcome<Inode> lookup(DfsPath path) {
    return lookupEntry(path).map(Entry::inode);
  }

  /**
   * The entry {@code name} of {@code dir} naming {@code inode} (the root: no directory, no name). A
   * change of a name goes through its entry: a file may have others (ADR 0028).
   */
  record Entry(DirectoryInode dir, String name, Inode inode) {}

  /** The live entry at {@code path}, for a change: a path into a snapshot is refused. */
  Outcome<Entry> lookupEntry(DfsPath path) {
    DirectoryInode parent = null;
    String entryName = "";
    Inode node = root;
    DfsPath walked = DfsPath.ROOT;
    for (String name : path.segments()) {
      if (!(node instanceof DirectoryInode dir)) {
        return Outcome.rejected(NOT_A_DIRECTORY, walked + " is a file, not a directory");
      }
      if (dir.snapshots != null && name.equals(Snapshots.DOT_SNAPSHOT)) {
        return Outcome.rejected(READ_ONLY, readOnly(path));
      }
      walked = walked.child(name);
      parent = dir;
      entryName = name;
      node = dir.children.get(name);
      if (node == null) {
        return Outcome.rejected(
            NOT_FOUND,
            walked.equals(path)
                ? path + " does not exist"
                : path + " does not exist (no directory " + walked + ")");
      }
    }
    return Outcome.ok(new Entry(parent, entryName, node));
  }

  Outcome<DirectoryInode> directory(DfsPath path) {
    return lookup(path)
        .flatMap(
            inode ->
                inode instanceof DirectoryInode dir
                    ? Outcome.ok(dir)
                    : Outcome.rejected(NOT_A_DIRECTORY, path + " is a file, not a directory"));
  }

  /** The file at {@code path}; refused when it does not exist or is a directory. */
  Outcome<FileInode> file(DfsPath path) {
    return lookup(path)
        .flatMap(
            inode ->
                inode instanceof FileInode f
                    ? Outcome.ok(f)
                    : Outcome.rejected(IS_A_DIRECTORY, path + " is a directory"));
  }

  /** The regular file at {@code path}, for a write: a link or special file has no bytes. */
  Outcome<FileInode> regularFile(DfsPath path) {
    return file(path)
        .flatMap(
            f ->
                f.kind == FileType.FILE
                    ? Outcome.ok(f)
                    : Outcome.rejected(
                        INVALID_ARGUMENT,
                        path + " is a " + FileStatus.describe(f.kind) + ", not a regular file"));
  }

  /**
   * {@code inode} left its place in the tree (deleted, replaced): it and everything under it leave
   * the indexes and leases, and the chunks nothing else references are queued for deletion (their
   * replicas outlive the file). A snapshot may keep it (ADR 0025).
   */
  Removed unlink(DirectoryInode dir, String name, Inode inode, Instant now) {
    quotas.unlinking(dir, inode);
    DirectoryInode root;
    while ((root = snapshots.rootAtOrUnder(inode)) != null) {
      snapshots.forgetRoot(root); // it had no snapshots, or the delete was refused
    }
    List<ChunkId> chunks = new ArrayList<>();
    int released = releases.unlinkLive(dir, name, inode, chunks);
    if (inode instanceof FileInode file && file.nlink > 0) {
      file.changed(now); // it lives on through another name, with one link fewer
    }
    deletions.enqueue(chunks, now);
    return new Removed(released, chunks);
  }

  /** Refuses {@code .snapshot} as a name: it is where a snapshottable directory shows snapshots. */
  static <T> Outcome.Rejected<T> reservedName(DirectoryInode parent, DfsPath path, String name) {
    if (!name.equals(Snapshots.DOT_SNAPSHOT)) {
      return null;
    }
    return parent.snapshots != null
        ? new Outcome.Rejected<>(DfsError.of(READ_ONLY, readOnly(path)))
        : new Outcome.Rejected<>(
            DfsError.of(
                INVALID_ARGUMENT,
                path + " : the name " + Snapshots.DOT_SNAPSHOT + " is reserved for snapshots"));
  }

  /**
   * Whether the quotas on the way to {@code newParent} (below the directory both paths share, whose
   * usage does not change) take {@code moving}'s tree in place of {@code existing}'s.
   */
  private <T> Outcome.Rejected<T> fitsAfterMove(
      Inode moving,
      DirectoryInode fromDir,
      Inode existing,
      DirectoryInode newParent,
      DfsPath target) {
    if (!quotas.any()) {
      return null;
    }
    long[] moved = quotas.measure(moving);
    long[] gone = existing == null ? new long[2] : quotas.measure(existing);
    DirectoryInode common = commonAncestor(newParent, fromDir);
    return quotas.check(newParent, moved[0] - gone[0], moved[1] - gone[1], common, target);
  }

  /** The lowest directory at or above both {@code a} and {@code b}. */
  static DirectoryInode commonAncestor(DirectoryInode a, DirectoryInode b) {
    DirectoryInode common = a;
    while (common != null && common != b && !Snapshots.isAncestor(common, b)) {
      common = common.parent;
    }
    return common;
  }

  /**
   * Points {@code moved}'s name at its new entry: a directory's one name, or the moved one of a
   * file's names (its others, and which is primary, stay).
   */
  static void rename(
      Inode moved, DirectoryInode fromDir, String fromName, DirectoryInode toDir, String toName) {
    if (moved instanceof FileInode file) {
      file.renameName(fromDir, fromName, toDir, toName);
    } else {
      moved.parent = toDir;
      moved.name = toName;
    }
  }

  static String readOnly(DfsPath path) {
    return path + " is in a snapshot, and snapshots are read-only";
  }

  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return r < 0 ? Long.MAX_VALUE : r;
  }
}
