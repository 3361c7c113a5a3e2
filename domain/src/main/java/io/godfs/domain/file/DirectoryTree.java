package io.godfs.domain.file;

import static io.godfs.domain.error.ErrorCode.ALREADY_EXISTS;
import static io.godfs.domain.error.ErrorCode.BUSY;
import static io.godfs.domain.error.ErrorCode.INVALID_ARGUMENT;
import static io.godfs.domain.error.ErrorCode.IS_A_DIRECTORY;
import static io.godfs.domain.error.ErrorCode.NOT_A_DIRECTORY;
import static io.godfs.domain.error.ErrorCode.NOT_EMPTY;
import static io.godfs.domain.error.ErrorCode.NOT_FOUND;

import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkLayout;
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
  private long nextInodeId = 2;

  /** Directories under the root, kept in step by mkdir, delete and restore (ADR 0023). */
  private long directories;

  DirectoryTree(
      Instant rootCreated, FileIndex files, FileLeases leases, ChunkDeletionQueue deletions) {
    this.root = new DirectoryInode(1, rootCreated, null, "");
    this.files = files;
    this.leases = leases;
    this.deletions = deletions;
  }

  DirectoryInode root() {
    return root;
  }

  long nextInodeId() {
    return nextInodeId;
  }

  long directories() {
    return directories;
  }

  /** A directory read from an image was linked into the tree. */
  void restoredDirectory() {
    directories++;
  }

  /** Sets the counter read from a snapshot image. */
  void restoreNextInodeId(long next) {
    nextInodeId = next;
  }

  Outcome<FileStatus> stat(DfsPath path) {
    return lookup(path).map(inode -> inode.status(path));
  }

  Outcome<Listing> list(DfsPath path, String startAfter, int limit) {
    if (limit < 1 || limit > Listing.MAX_LIMIT) {
      return Outcome.rejected(
          INVALID_ARGUMENT, "limit : " + limit + " (expected: 1-" + Listing.MAX_LIMIT + ")");
    }
    return lookup(path)
        .map(
            inode -> {
              if (inode instanceof FileInode file) {
                return new Listing(List.of(file.status(path)), false);
              }
              DirectoryInode dir = (DirectoryInode) inode;
              var tail =
                  startAfter == null || startAfter.isEmpty()
                      ? dir.children
                      : dir.children.tailMap(startAfter, false);
              List<FileStatus> page = new ArrayList<>(Math.min(limit, tail.size()));
              for (var e : tail.entrySet()) {
                if (page.size() == limit) {
                  return new Listing(page, true);
                }
                page.add(e.getValue().status(path.child(e.getKey())));
              }
              return new Listing(page, false);
            });
  }

  Outcome<FileChunks> locate(DfsPath path, long offset, long length) {
    if (offset < 0 || length < 0) {
      return Outcome.rejected(
          INVALID_ARGUMENT,
          "range offset " + offset + " length " + length + " (expected: both >= 0)");
    }
    return file(path)
        .map(
            file -> {
              long end =
                  length == 0 ? file.length : Math.min(file.length, saturatedAdd(offset, length));
              List<IndexedChunk> chunks = new ArrayList<>();
              if (offset < end) {
                int first = (int) (offset / file.chunkSize);
                int last = (int) ((end - 1) / file.chunkSize);
                for (var e : file.chunks.subMap(first, true, last, true).entrySet()) {
                  chunks.add(new IndexedChunk(e.getKey(), e.getValue()));
                }
              }
              return new FileChunks(
                  file.status(path), chunks, file.inline == null ? null : file.inline.clone());
            });
  }

  Outcome<List<FileChunks>> filesUnder(DfsPath path) {
    return lookup(path)
        .map(
            inode -> {
              List<FileChunks> out = new ArrayList<>();
              collectFiles(inode, path, out);
              return out;
            });
  }

  private static void collectFiles(Inode inode, DfsPath path, List<FileChunks> out) {
    if (inode instanceof FileInode file) {
      List<IndexedChunk> chunks = new ArrayList<>(file.chunks.size());
      file.chunks.forEach((index, ref) -> chunks.add(new IndexedChunk(index, ref)));
      out.add(new FileChunks(file.status(path), chunks));
      return;
    }
    for (var e : ((DirectoryInode) inode).children.entrySet()) {
      collectFiles(e.getValue(), path.child(e.getKey()), out);
    }
  }

  Outcome<FileStatus> mkdir(DfsPath path, boolean parents, Instant now) {
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
      Inode child = dir.children.get(name);
      if (child == null) {
        if (!last && !parents) {
          return Outcome.rejected(
              NOT_FOUND,
              "parent directory " + walked + " does not exist (use -p to create parents)");
        }
        DirectoryInode created = new DirectoryInode(nextInodeId++, now, dir, name);
        dir.children.put(name, created);
        directories++;
        dir.modificationTime = now;
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
                replaced = release(old, now);
              }
              FileInode file =
                  new FileInode(nextInodeId++, now, parent, name, replication, chunkSize);
              parent.children.put(name, file);
              parent.modificationTime = now;
              files.add(file);
              leases.setWriter(file, writer);
              return Outcome.ok(new CreatedFile(file.status(path), replaced));
            });
  }

  Outcome<Removed> rename(DfsPath source, DfsPath target, boolean replace, Instant now) {
    if (source.isRoot()) {
      return Outcome.rejected(INVALID_ARGUMENT, "cannot rename /");
    }
    if (target.isRoot()) {
      return Outcome.rejected(ALREADY_EXISTS, "cannot rename onto /");
    }
    return lookup(source)
        .flatMap(
            moving -> {
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
                        Inode existing = newParent.children.get(target.name());
                        Removed removed = Removed.NOTHING;
                        if (existing != null) {
                          if (!replace) {
                            return Outcome.rejected(
                                ALREADY_EXISTS,
                                target + " already exists (use replace to overwrite a file)");
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
                          removed = release(existing, now);
                        }
                        moving.parent.children.remove(moving.name);
                        moving.parent.modificationTime = now;
                        moving.parent = newParent;
                        moving.name = target.name();
                        newParent.children.put(target.name(), moving);
                        newParent.modificationTime = now;
                        return Outcome.ok(removed);
                      });
            });
  }

  Outcome<Removed> delete(DfsPath path, boolean recursive, Instant now) {
    if (path.isRoot()) {
      return Outcome.rejected(INVALID_ARGUMENT, "cannot delete /");
    }
    return lookup(path)
        .flatMap(
            inode -> {
              if (inode instanceof DirectoryInode dir && !dir.children.isEmpty() && !recursive) {
                return Outcome.rejected(
                    NOT_EMPTY, "directory " + path + " is not empty (use recursive delete)");
              }
              inode.parent.children.remove(inode.name);
              inode.parent.modificationTime = now;
              return Outcome.ok(release(inode, now));
            });
  }

  private Outcome<Inode> lookup(DfsPath path) {
    Inode node = root;
    DfsPath walked = DfsPath.ROOT;
    for (String name : path.segments()) {
      if (!(node instanceof DirectoryInode dir)) {
        return Outcome.rejected(NOT_A_DIRECTORY, walked + " is a file, not a directory");
      }
      walked = walked.child(name);
      node = dir.children.get(name);
      if (node == null) {
        return Outcome.rejected(
            NOT_FOUND,
            walked.equals(path)
                ? path + " does not exist"
                : path + " does not exist (no directory " + walked + ")");
      }
    }
    return Outcome.ok(node);
  }

  private Outcome<DirectoryInode> directory(DfsPath path) {
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

  /**
   * Takes every file under {@code inode} (already unlinked or about to be replaced) out of the
   * indexes and leases, and queues its chunks for deletion: their replicas outlive the file.
   */
  private Removed release(Inode inode, Instant now) {
    List<ChunkId> chunks = new ArrayList<>();
    int released = unindex(inode, chunks);
    deletions.enqueue(chunks, now);
    return new Removed(released, chunks);
  }

  /** Unindexes every file under {@code inode}; returns how many files, adding their chunks. */
  private int unindex(Inode inode, List<ChunkId> chunks) {
    if (inode instanceof FileInode file) {
      leases.setWriter(file, LeaseHolder.NONE);
      files.remove(file, chunks);
      return 1;
    }
    int count = 0;
    directories--;
    for (Inode child : ((DirectoryInode) inode).children.values()) {
      count += unindex(child, chunks);
    }
    return count;
  }

  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return r < 0 ? Long.MAX_VALUE : r;
  }
}
