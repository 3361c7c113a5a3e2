package io.godfs.domain.file;

import static io.godfs.domain.error.ErrorCode.ALREADY_EXISTS;
import static io.godfs.domain.error.ErrorCode.BUSY;
import static io.godfs.domain.error.ErrorCode.CONFLICT;
import static io.godfs.domain.error.ErrorCode.INVALID_ARGUMENT;
import static io.godfs.domain.error.ErrorCode.IS_A_DIRECTORY;
import static io.godfs.domain.error.ErrorCode.NOT_A_DIRECTORY;
import static io.godfs.domain.error.ErrorCode.NOT_EMPTY;
import static io.godfs.domain.error.ErrorCode.NOT_FOUND;

import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkLayout;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.error.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The namespace aggregate: a tree of directories and files, each file an ordered set of chunk
 * slots. Every transition is a pure function of the current state and its arguments (time comes
 * in; inode and chunk ids come from counters in the state), so the in-memory store and a
 * replicated log apply the very same code and end in the same state.
 *
 * <p>Expected refusals (missing parent, existing target, stale version ...) are returned as
 * {@link Outcome.Rejected}; nothing here throws for bad user input. Not thread-safe: the owner
 * serialises calls (a lock, or the Raft apply thread).
 */
public final class Namespace {
  /** Largest file offset: chunk indexes are ints and no file may exceed 2^53 bytes (JSON-safe). */
  public static final long MAX_FILE_LENGTH = 1L << 53;

  private final DirectoryInode root;
  private final Map<Long, FileInode> filesById = new HashMap<>();
  private final Map<ChunkId, FileInode> fileByChunk = new HashMap<>();
  /** Files open for writing, by the client holding their lease (sorted: deterministic iteration). */
  private final Map<String, Set<Long>> filesByWriter = new TreeMap<>();
  /**
   * Chunks released by deletes, overwrites and truncates whose replicas may still exist: kept here,
   * in the replicated state, until the master saw every replica deleted, so a deletion is retried
   * until done and never lost with a master (the deletion queue).
   */
  private final TreeMap<ChunkId, Instant> deletionQueue = new TreeMap<>();
  private long nextInodeId;
  private long nextChunkId;

  private Namespace(Instant created) {
    this.root = new DirectoryInode(1, created, null, "");
    this.nextInodeId = 2;
    this.nextChunkId = 1;
  }

  public static Namespace empty(Instant created) {
    return new Namespace(created);
  }

  // ---------------------------------------------------------------- queries

  public Outcome<FileStatus> stat(DfsPath path) {
    return lookup(path).map(inode -> inode.status(path));
  }

  /** Children of a directory sorted by name, after {@code startAfter}; a file lists as itself. */
  public Outcome<Listing> list(DfsPath path, String startAfter, int limit) {
    if (limit < 1 || limit > Listing.MAX_LIMIT) {
      return Outcome.rejected(INVALID_ARGUMENT, "limit : " + limit + " (expected: 1-" + Listing.MAX_LIMIT + ")");
    }
    return lookup(path).map(inode -> {
      if (inode instanceof FileInode file) {
        return new Listing(List.of(file.status(path)), false);
      }
      DirectoryInode dir = (DirectoryInode) inode;
      var tail = startAfter == null || startAfter.isEmpty() ? dir.children : dir.children.tailMap(startAfter, false);
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

  /** The file's status and its chunks overlapping {@code [offset, offset+length)}. */
  public Outcome<FileChunks> locate(DfsPath path, long offset, long length) {
    if (offset < 0 || length < 0) {
      return Outcome.rejected(INVALID_ARGUMENT,
          "range offset " + offset + " length " + length + " (expected: both >= 0)");
    }
    return file(path).map(file -> {
      long end = length == 0 ? file.length : Math.min(file.length, saturatedAdd(offset, length));
      List<IndexedChunk> chunks = new ArrayList<>();
      if (offset < end) {
        int first = (int) (offset / file.chunkSize);
        int last = (int) ((end - 1) / file.chunkSize);
        for (var e : file.chunks.subMap(first, true, last, true).entrySet()) {
          chunks.add(new IndexedChunk(e.getKey(), e.getValue()));
        }
      }
      return new FileChunks(file.status(path), chunks);
    });
  }

  public Optional<ChunkOwner> chunkOwner(ChunkId id) {
    FileInode file = fileByChunk.get(id);
    if (file == null) {
      return Optional.empty();
    }
    for (var e : file.chunks.entrySet()) {
      if (e.getValue().id().equals(id)) {
        return Optional.of(new ChunkOwner(file.id, file.path(), e.getKey(), e.getValue()));
      }
    }
    throw new IllegalStateException(id + " indexed to file " + file.id + " which does not hold it");
  }

  /** Every file at or under {@code path}, depth first in name order, with all its chunks (for fsck). */
  public Outcome<List<FileChunks>> filesUnder(DfsPath path) {
    return lookup(path).map(inode -> {
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

  /** Whether a client holds the file's write lease (false for an unknown id). */
  public boolean isOpenForWrite(long fileId) {
    FileInode file = filesById.get(fileId);
    return file != null && file.writer != null;
  }

  /** The oldest {@code limit} chunks waiting for their replicas to be deleted. */
  public List<ChunkId> deletionQueue(int limit) {
    return deletionQueue.keySet().stream().limit(limit).toList();
  }

  public boolean isQueuedForDeletion(ChunkId chunk) {
    return deletionQueue.containsKey(chunk);
  }

  /** The master saw no replica of these chunks left: they leave the deletion queue. Returns how many did. */
  public Outcome<Integer> forgetDeleted(List<ChunkId> chunks, Instant now) {
    int removed = 0;
    for (ChunkId c : chunks) {
      if (deletionQueue.remove(c) != null) {
        removed++;
      }
    }
    return Outcome.ok(removed);
  }

  /** Clients holding a write lease on at least one file. */
  public Set<String> writers() {
    return Set.copyOf(filesByWriter.keySet());
  }

  /** The files {@code writer} holds open, with their chunks whose granted version is not yet committed. */
  public List<OpenFile> openFiles(String writer) {
    List<OpenFile> out = new ArrayList<>();
    for (long id : filesByWriter.getOrDefault(writer, Set.of())) {
      FileInode file = filesById.get(id);
      List<IndexedChunk> pending = new ArrayList<>();
      for (var e : file.chunks.entrySet()) {
        if (e.getValue().grantedVersion().compareTo(e.getValue().committedVersion()) > 0) {
          pending.add(new IndexedChunk(e.getKey(), e.getValue()));
        }
      }
      out.add(new OpenFile(file.id, file.path(), writer, pending));
    }
    return out;
  }

  /** Every chunk of every file, by file id then index (deterministic). */
  public List<ChunkSlot> chunkSlots() {
    List<ChunkSlot> out = new ArrayList<>(fileByChunk.size());
    new TreeMap<>(filesById).values().forEach(file -> file.chunks.forEach((index, ref) ->
        out.add(new ChunkSlot(file.id, index, ref, file.replication, file.writer != null))));
    return out;
  }

  public int fileCount() {
    return filesById.size();
  }

  public int chunkCount() {
    return fileByChunk.size();
  }

  // ---------------------------------------------------------------- transitions

  public Outcome<FileStatus> mkdir(DfsPath path, boolean parents, Instant now) {
    if (path.isRoot()) {
      return parents ? Outcome.ok(root.status(path)) : Outcome.rejected(ALREADY_EXISTS, "directory / already exists");
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
          return Outcome.rejected(NOT_FOUND, "parent directory " + walked + " does not exist (use -p to create parents)");
        }
        DirectoryInode created = new DirectoryInode(nextInodeId++, now, dir, name);
        dir.children.put(name, created);
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

  public Outcome<CreatedFile> createFile(DfsPath path, boolean overwrite, int replication, long chunkSize, Instant now) {
    return createFile(path, overwrite, replication, chunkSize, null, now);
  }

  /**
   * Creates a file, open for writing by {@code writer} (null: created closed). Replacing a file that
   * another client is writing is refused (BUSY) until that client closes it or its lease is recovered.
   */
  public Outcome<CreatedFile> createFile(
      DfsPath path, boolean overwrite, int replication, long chunkSize, String writer, Instant now) {
    if (path.isRoot()) {
      return Outcome.rejected(IS_A_DIRECTORY, "/ is a directory");
    }
    if (replication < 1 || replication > 16) {
      return Outcome.rejected(INVALID_ARGUMENT, "create " + path + ": replication : " + replication + " (expected: 1-16)");
    }
    String sizeProblem = ChunkLayout.chunkSizeProblem(chunkSize);
    if (sizeProblem != null) {
      return Outcome.rejected(INVALID_ARGUMENT, "create " + path + ": " + sizeProblem);
    }
    return directory(path.parent()).flatMap(parent -> {
      Inode existing = parent.children.get(path.name());
      Removed replaced = Removed.NOTHING;
      if (existing instanceof DirectoryInode) {
        return Outcome.rejected(IS_A_DIRECTORY, path + " is a directory");
      }
      if (existing instanceof FileInode old) {
        if (!overwrite) {
          return Outcome.rejected(ALREADY_EXISTS, "file " + path + " already exists (use overwrite to replace it)");
        }
        if (old.writer != null && !old.writer.equals(writer)) {
          return Outcome.rejected(BUSY, "file " + path + " is being written by " + old.writer);
        }
        replaced = removeFile(old, now);
      }
      FileInode file = new FileInode(nextInodeId++, now, parent, path.name(), replication, chunkSize);
      parent.children.put(path.name(), file);
      parent.modificationTime = now;
      filesById.put(file.id, file);
      setWriter(file, writer);
      return Outcome.ok(new CreatedFile(file.status(path), replaced));
    });
  }

  /**
   * Atomically moves {@code source} to {@code target}. The target's parent must exist; an existing
   * target is refused unless {@code replace} is set and both are files. A directory cannot move into
   * its own subtree. Renaming a path to itself succeeds and changes nothing.
   */
  public Outcome<Removed> rename(DfsPath source, DfsPath target, boolean replace, Instant now) {
    if (source.isRoot()) {
      return Outcome.rejected(INVALID_ARGUMENT, "cannot rename /");
    }
    if (target.isRoot()) {
      return Outcome.rejected(ALREADY_EXISTS, "cannot rename onto /");
    }
    return lookup(source).flatMap(moving -> {
      if (source.equals(target)) {
        return Outcome.ok(Removed.NOTHING);
      }
      if (moving instanceof DirectoryInode && source.contains(target)) {
        return Outcome.rejected(INVALID_ARGUMENT,
            "cannot move directory " + source + " into its own subtree " + target);
      }
      return directory(target.parent()).flatMap(newParent -> {
        Inode existing = newParent.children.get(target.name());
        Removed removed = Removed.NOTHING;
        if (existing != null) {
          if (!replace) {
            return Outcome.rejected(ALREADY_EXISTS, target + " already exists (use replace to overwrite a file)");
          }
          if (existing instanceof DirectoryInode) {
            return Outcome.rejected(IS_A_DIRECTORY, "cannot replace directory " + target);
          }
          if (moving instanceof DirectoryInode) {
            return Outcome.rejected(NOT_A_DIRECTORY, "cannot replace file " + target + " with directory " + source);
          }
          removed = removeFile((FileInode) existing, now);
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

  /** Deletes a file, an empty directory, or (with {@code recursive}) a whole subtree. */
  public Outcome<Removed> delete(DfsPath path, boolean recursive, Instant now) {
    if (path.isRoot()) {
      return Outcome.rejected(INVALID_ARGUMENT, "cannot delete /");
    }
    return lookup(path).flatMap(inode -> {
      if (inode instanceof DirectoryInode dir && !dir.children.isEmpty() && !recursive) {
        return Outcome.rejected(NOT_EMPTY, "directory " + path + " is not empty (use recursive delete)");
      }
      inode.parent.children.remove(inode.name);
      inode.parent.modificationTime = now;
      List<ChunkId> chunks = new ArrayList<>();
      int files = collect(inode, chunks);
      chunks.forEach(c -> deletionQueue.put(c, now));
      return Outcome.ok(new Removed(files, chunks));
    });
  }

  /**
   * Gives {@code writer} the file's single-writer lease (again, if it holds it already). Refused
   * (BUSY) while another client holds it.
   */
  public Outcome<FileStatus> openForWrite(DfsPath path, String writer, Instant now) {
    Objects.requireNonNull(writer, "writer");
    return file(path).flatMap(file -> {
      if (file.writer != null && !file.writer.equals(writer)) {
        return Outcome.rejected(BUSY, "file " + path + " is being written by " + file.writer);
      }
      setWriter(file, writer);
      return Outcome.ok(file.status(path));
    });
  }

  /** Releases {@code writer}'s lease on the file; closing a file nobody holds is a no-op. */
  public Outcome<FileStatus> closeFile(long fileId, String writer, Instant now) {
    Objects.requireNonNull(writer, "writer");
    FileInode file = filesById.get(fileId);
    if (file == null) {
      return Outcome.rejected(CONFLICT, "file id " + fileId + " was deleted or replaced while being written");
    }
    if (file.writer != null && !file.writer.equals(writer)) {
      return Outcome.rejected(BUSY, "file " + file.path() + " is being written by " + file.writer + ", not " + writer);
    }
    setWriter(file, null);
    return Outcome.ok(file.status(file.path()));
  }

  /**
   * Lease recovery: releases whoever holds the file's lease. The master calls this once the
   * holder's lease expired, after adopting what its replicas durably finished ({@link #adoptChunk}).
   */
  public Outcome<FileStatus> recoverLease(long fileId, Instant now) {
    FileInode file = filesById.get(fileId);
    if (file == null) {
      return Outcome.rejected(NOT_FOUND, "no file with id " + fileId);
    }
    setWriter(file, null);
    return Outcome.ok(file.status(file.path()));
  }

  /**
   * Lease recovery of one chunk: every replica of the pipeline committed {@code version} (the
   * granted one) but the dead writer never told the master; the master records it as committed.
   * Returns the file's length. Refused when the version is not the granted, uncommitted one.
   */
  public Outcome<Long> adoptChunk(long fileId, int index, ChunkId chunkId, ChunkVersion version, long length,
      Instant now) {
    FileInode file = filesById.get(fileId);
    if (file == null) {
      return Outcome.rejected(NOT_FOUND, "no file with id " + fileId);
    }
    ChunkRef current = file.chunks.get(index);
    if (current == null || !current.id().equals(chunkId) || !current.grantedVersion().equals(version)
        || current.committedVersion().equals(version)) {
      return Outcome.rejected(CONFLICT, chunkId + " " + version + " is not the pending write of chunk " + index
          + " of " + file.path());
    }
    if (length < 0 || length > file.chunkSize) {
      return Outcome.rejected(INVALID_ARGUMENT, "chunk length : " + length + " (expected: 0-" + file.chunkSize + ")");
    }
    file.chunks.put(index, new ChunkRef(chunkId, version, version, length));
    file.length = Math.max(file.length, (long) index * file.chunkSize + length);
    file.modificationTime = now;
    return Outcome.ok(file.length);
  }

  /**
   * Sets a file's length. Shrinking drops the chunks wholly past the new end (returned for
   * collection) and shortens the chunk the end falls in: readers never read past a chunk's length,
   * and the next write of that chunk cuts its replicas back to it. Growing leaves a hole that reads
   * as zeros. The chunks' versions do not change: the bytes that stay are the same bytes.
   */
  public Outcome<Truncated> truncate(DfsPath path, long length, Instant now) {
    return truncate(path, length, null, now);
  }

  /** Truncate by {@code writer} (null: a client not writing the file); refused while another client writes it. */
  public Outcome<Truncated> truncate(DfsPath path, long length, String writer, Instant now) {
    if (length < 0 || length > MAX_FILE_LENGTH) {
      return Outcome.rejected(INVALID_ARGUMENT, "truncate " + path + ": length : " + length
          + " (expected: 0-" + MAX_FILE_LENGTH + ")");
    }
    return file(path).flatMap(file -> {
      if (file.writer != null && !file.writer.equals(writer)) {
        return Outcome.rejected(BUSY, "file " + path + " is being written by " + file.writer);
      }
      return Outcome.ok(cut(file, path, length, now));
    });
  }

  private Truncated cut(FileInode file, DfsPath path, long length, Instant now) {
    List<ChunkId> dropped = new ArrayList<>();
    if (length < file.length) {
      long firstDropped = (length + file.chunkSize - 1) / file.chunkSize;
      var tail = file.chunks.tailMap((int) Math.min(firstDropped, Integer.MAX_VALUE), true);
      for (ChunkRef c : tail.values()) {
        fileByChunk.remove(c.id());
        dropped.add(c.id());
        deletionQueue.put(c.id(), now);
      }
      tail.clear();
      int boundary = (int) (length / file.chunkSize);
      long keep = length - (long) boundary * file.chunkSize;
      ChunkRef cut = file.chunks.get(boundary);
      if (cut != null && cut.length() > keep) {
        file.chunks.put(boundary, new ChunkRef(cut.id(), cut.grantedVersion(), cut.committedVersion(), keep));
      }
    }
    file.length = length;
    file.modificationTime = now;
    return new Truncated(file.status(path), new Removed(0, dropped));
  }

  /**
   * Grants a writer chunk slot {@code index} of file {@code fileId} at {@code path}: creates the
   * chunk (version 1) when the slot is empty, else grants the next version of the existing one.
   */
  public Outcome<ChunkAllocation> allocateChunk(DfsPath path, long fileId, int index, Instant now) {
    return allocateChunk(path, fileId, index, null, now);
  }

  /**
   * As {@link #allocateChunk(DfsPath, long, int, Instant)} for the client holding the file's lease. A
   * new chunk is granted version 2 over a committed, empty version 1 that no replica stores, so a
   * chunk whose write is pending always has granted > committed (what lease recovery looks for).
   */
  public Outcome<ChunkAllocation> allocateChunk(DfsPath path, long fileId, int index, String writer, Instant now) {
    return writableFile(path, fileId, writer).flatMap(file -> {
      if (index < 0 || (long) index * file.chunkSize >= MAX_FILE_LENGTH) {
        return Outcome.rejected(INVALID_ARGUMENT, "chunk index : " + index + " (expected: 0 to "
            + (MAX_FILE_LENGTH / file.chunkSize - 1) + ")");
      }
      ChunkRef current = file.chunks.get(index);
      if (current == null) {
        ChunkId id = new ChunkId(nextChunkId++);
        ChunkVersion granted = ChunkVersion.FIRST.next();
        file.chunks.put(index, new ChunkRef(id, granted, ChunkVersion.FIRST, 0));
        fileByChunk.put(id, file);
        return Outcome.ok(new ChunkAllocation(id, granted, ChunkVersion.FIRST, true, 0, file.replication, file.chunkSize));
      }
      ChunkVersion granted = current.grantedVersion().next();
      file.chunks.put(index, new ChunkRef(current.id(), granted, current.committedVersion(), current.length()));
      return Outcome.ok(
          new ChunkAllocation(current.id(), granted, current.committedVersion(), false, current.length(), file.replication, file.chunkSize));
    });
  }

  /**
   * Pipeline recovery: the write of chunk {@code index} at {@code failedVersion} lost a replica; the
   * writer continues it on the survivors under the next version, so the replica left out holds an
   * older version and is stale. Refused unless {@code failedVersion} is still the granted one.
   */
  public Outcome<ChunkAllocation> regrantChunk(
      DfsPath path, long fileId, int index, ChunkId chunkId, ChunkVersion failedVersion, String writer, Instant now) {
    return writableFile(path, fileId, writer).flatMap(file -> {
      ChunkRef current = file.chunks.get(index);
      if (current == null || !current.id().equals(chunkId)) {
        return Outcome.rejected(CONFLICT, chunkId + " is no longer chunk " + index + " of " + file.path());
      }
      if (!current.grantedVersion().equals(failedVersion)) {
        return Outcome.rejected(CONFLICT, "chunk " + index + " of " + file.path() + " is at " + current.grantedVersion()
            + ", not the failed write's " + failedVersion);
      }
      ChunkVersion granted = failedVersion.next();
      file.chunks.put(index, new ChunkRef(chunkId, granted, current.committedVersion(), current.length()));
      return Outcome.ok(new ChunkAllocation(chunkId, granted, current.committedVersion(), false, current.length(),
          file.replication, file.chunkSize));
    });
  }

  /**
   * Records that every replica of the write pipeline fsynced {@code chunkLength} bytes of the chunk
   * at {@code version}. Refused when a newer version was granted since (another writer) or the
   * file was replaced. Returns the file's new length.
   */
  public Outcome<Long> commitChunk(
      DfsPath path, long fileId, int index, ChunkId chunkId, ChunkVersion version, long chunkLength, Instant now) {
    return commitChunk(path, fileId, index, chunkId, version, chunkLength, null, now);
  }

  public Outcome<Long> commitChunk(DfsPath path, long fileId, int index, ChunkId chunkId, ChunkVersion version,
      long chunkLength, String writer, Instant now) {
    return writableFile(path, fileId, writer).flatMap(file -> {
      ChunkRef current = file.chunks.get(index);
      if (current == null || !current.id().equals(chunkId)) {
        return Outcome.rejected(CONFLICT, chunkId + " is no longer chunk " + index + " of " + path);
      }
      if (!current.grantedVersion().equals(version)) {
        return Outcome.rejected(CONFLICT, "chunk " + index + " of " + path + " was granted " + current.grantedVersion()
            + " after this writer's " + version + " (another writer took it)");
      }
      if (chunkLength < 0 || chunkLength > file.chunkSize) {
        return Outcome.rejected(INVALID_ARGUMENT, "chunk length : " + chunkLength + " (expected: 0-" + file.chunkSize + ")");
      }
      long newLength = Math.max(chunkLength, current.length());
      file.chunks.put(index, new ChunkRef(chunkId, version, version, newLength));
      file.length = Math.max(file.length, (long) index * file.chunkSize + newLength);
      file.modificationTime = now;
      return Outcome.ok(file.length);
    });
  }

  // ---------------------------------------------------------------- internals

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
        return Outcome.rejected(NOT_FOUND, walked.equals(path) ? path + " does not exist"
            : path + " does not exist (no directory " + walked + ")");
      }
    }
    return Outcome.ok(node);
  }

  private Outcome<DirectoryInode> directory(DfsPath path) {
    return lookup(path).flatMap(inode -> inode instanceof DirectoryInode dir
        ? Outcome.ok(dir)
        : Outcome.rejected(NOT_A_DIRECTORY, path + " is a file, not a directory"));
  }

  private Outcome<FileInode> file(DfsPath path) {
    return lookup(path).flatMap(inode -> inode instanceof FileInode f
        ? Outcome.ok(f)
        : Outcome.rejected(IS_A_DIRECTORY, path + " is a directory"));
  }

  /**
   * The file being written, found by id so that a rename while writing does not disturb the
   * writer; the caller must hold its lease (or, with a null writer, nobody may).
   */
  private Outcome<FileInode> writableFile(DfsPath path, long fileId, String writer) {
    FileInode f = filesById.get(fileId);
    if (f == null) {
      return Outcome.rejected(CONFLICT, path + " was deleted or replaced while being written (file id "
          + fileId + " is gone)");
    }
    if (!Objects.equals(f.writer, writer)) {
      return Outcome.rejected(f.writer == null ? CONFLICT : BUSY, f.writer == null
          ? "file " + f.path() + " is not open for writing by " + writer + " (its lease expired and was recovered)"
          : "file " + f.path() + " is being written by " + f.writer);
    }
    return Outcome.ok(f);
  }

  private void setWriter(FileInode file, String writer) {
    if (Objects.equals(file.writer, writer)) {
      return;
    }
    if (file.writer != null) {
      Set<Long> held = filesByWriter.get(file.writer);
      held.remove(file.id);
      if (held.isEmpty()) {
        filesByWriter.remove(file.writer);
      }
    }
    file.writer = writer;
    if (writer != null) {
      filesByWriter.computeIfAbsent(writer, w -> new TreeSet<>()).add(file.id);
    }
  }

  private Removed removeFile(FileInode file, Instant now) {
    List<ChunkId> chunks = new ArrayList<>();
    collect(file, chunks);
    chunks.forEach(c -> deletionQueue.put(c, now));
    return new Removed(1, chunks);
  }

  /** Unindexes every file under {@code inode}; returns how many files, adding their chunks. */
  private int collect(Inode inode, List<ChunkId> chunks) {
    if (inode instanceof FileInode file) {
      setWriter(file, null);
      filesById.remove(file.id);
      for (ChunkRef c : file.chunks.values()) {
        fileByChunk.remove(c.id());
        chunks.add(c.id());
      }
      return 1;
    }
    int files = 0;
    for (Inode child : ((DirectoryInode) inode).children.values()) {
      files += collect(child, chunks);
    }
    return files;
  }

  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return r < 0 ? Long.MAX_VALUE : r;
  }

  @Override
  public String toString() {
    return "Namespace[files=" + filesById.size() + ", chunks=" + fileByChunk.size() + "]";
  }

}
