package io.godfs.domain.file;

import static io.godfs.domain.error.ErrorCode.CONFLICT;
import static io.godfs.domain.error.ErrorCode.INVALID_ARGUMENT;
import static io.godfs.domain.file.Namespace.MAX_FILE_LENGTH;

import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.error.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a file's chunk slots change on the write path: granted to a writer, committed once the
 * pipeline fsynced, cut back by a truncate. Issues chunk ids from a counter in the replicated
 * state, so every replica hands out the same ids and none is ever reused.
 */
final class ChunkWrites {
  private final FileIndex files;
  private final FileLeases leases;
  private final ChunkDeletionQueue deletions;
  private final Snapshots snapshots;
  private long nextChunkId = 1;

  ChunkWrites(
      FileIndex files, FileLeases leases, ChunkDeletionQueue deletions, Snapshots snapshots) {
    this.files = files;
    this.leases = leases;
    this.deletions = deletions;
    this.snapshots = snapshots;
  }

  long nextChunkId() {
    return nextChunkId;
  }

  /** Sets the counter read from a snapshot image. */
  void restoreNextChunkId(long next) {
    nextChunkId = next;
  }

  Outcome<ChunkAllocation> allocate(
      DfsPath path, FileId fileId, int index, LeaseHolder writer, Instant now) {
    return leases
        .writableFile(path, fileId, writer)
        .flatMap(
            file -> {
              if (index < 0 || (long) index * file.chunkSize >= MAX_FILE_LENGTH) {
                return Outcome.rejected(
                    INVALID_ARGUMENT,
                    "chunk index : "
                        + index
                        + " (expected: 0 to "
                        + (MAX_FILE_LENGTH / file.chunkSize - 1)
                        + ")");
              }
              if (file.inline != null && index != 0) {
                return Outcome.rejected(
                    CONFLICT,
                    "file "
                        + path
                        + " is stored inline: its bytes must move to chunk 0"
                        + " before chunk "
                        + index
                        + " is written");
              }
              Outcome.Rejected<ChunkAllocation> full =
                  files.quotas.checkGrowth(file, mayGrow(file, index), path);
              if (full != null) {
                return full;
              }
              snapshots.beforeChange(file);
              ChunkRef current = file.chunks.get(index);
              if (current != null && files.isShared(current.id())) {
                return Outcome.ok(copyOnWrite(file, index, current, now));
              }
              if (current == null) {
                ChunkId id = new ChunkId(nextChunkId++);
                ChunkVersion granted = ChunkVersion.FIRST.next();
                file.chunks.put(index, new ChunkRef(id, granted, ChunkVersion.FIRST, 0));
                files.addChunk(id, file);
                return Outcome.ok(
                    new ChunkAllocation(
                        id,
                        granted,
                        ChunkVersion.FIRST,
                        true,
                        0,
                        file.replication,
                        file.chunkSize));
              }
              ChunkVersion granted = current.grantedVersion().next();
              file.chunks.put(
                  index,
                  new ChunkRef(
                      current.id(), granted, current.committedVersion(), current.length()));
              return Outcome.ok(
                  new ChunkAllocation(
                      current.id(),
                      granted,
                      current.committedVersion(),
                      false,
                      current.length(),
                      file.replication,
                      file.chunkSize));
            });
  }

  /**
   * The space a grant of chunk {@code index} may fill, which must fit the quotas (ADR 0026): the
   * rest of its chunk, and the rest of each chunk before it past the committed length that the
   * writer holds a grant for and has not committed yet (a stream keeps a few in flight). As HDFS
   * counts blocks under construction at their full size: otherwise three grants in a row would pass
   * a quota with room for one. What is already committed stays.
   */
  static long mayGrow(FileInode file, int index) {
    long grow = rest(file, index);
    int firstUncommitted = (int) Math.min(index, file.length / file.chunkSize);
    for (Map.Entry<Integer, ChunkRef> e :
        file.chunks.subMap(firstUncommitted, true, index, false).entrySet()) {
      ChunkRef c = e.getValue();
      if (!c.grantedVersion().equals(c.committedVersion())) {
        grow += rest(file, e.getKey());
      }
    }
    return grow;
  }

  /** The bytes chunk {@code index} adds to the file when written to its end. */
  private static long rest(FileInode file, int index) {
    return Math.max(
        0,
        (long) (index + 1) * file.chunkSize - Math.max(file.length, (long) index * file.chunkSize));
  }

  Outcome<Long> commit(
      DfsPath path,
      FileId fileId,
      int index,
      ChunkId chunkId,
      ChunkVersion version,
      long chunkLength,
      LeaseHolder writer,
      Instant now) {
    return leases
        .writableFile(path, fileId, writer)
        .flatMap(
            file -> {
              ChunkRef copy = file.copies == null ? null : file.copies.get(index);
              if (copy != null && copy.id().equals(chunkId)) {
                return commitCopy(file, path, index, copy, version, chunkLength, now);
              }
              ChunkRef current = file.chunks.get(index);
              if (current == null || !current.id().equals(chunkId)) {
                return Outcome.rejected(
                    CONFLICT, chunkId + " is no longer chunk " + index + " of " + path);
              }
              if (!current.grantedVersion().equals(version)) {
                return Outcome.rejected(
                    CONFLICT,
                    "chunk "
                        + index
                        + " of "
                        + path
                        + " was granted "
                        + current.grantedVersion()
                        + " after this writer's "
                        + version
                        + " (another writer took it)");
              }
              if (chunkLength < 0 || chunkLength > file.chunkSize) {
                return Outcome.rejected(
                    INVALID_ARGUMENT,
                    "chunk length : " + chunkLength + " (expected: 0-" + file.chunkSize + ")");
              }
              Outcome.Rejected<Long> inlineKept =
                  InlineFiles.refusesChunk(file, path, index, chunkLength);
              if (inlineKept != null) {
                return inlineKept;
              }
              snapshots.beforeChange(file);
              // Chunk 0 now holds the inline bytes (the writer carried them).
              files.setInline(file, null);
              long newLength = Math.max(chunkLength, current.length());
              file.chunks.put(index, new ChunkRef(chunkId, version, version, newLength));
              files.setLength(
                  file, Math.max(file.length, (long) index * file.chunkSize + newLength));
              file.modified(now);
              return Outcome.ok(file.length);
            });
  }

  /**
   * Sets the file's length, releasing the chunks wholly past it and shortening the one it falls in.
   */
  Truncated cut(FileInode file, DfsPath path, long length, Instant now) {
    snapshots.beforeChange(file);
    List<ChunkId> dropped = new ArrayList<>();
    if (length < file.length) {
      long firstDropped = (length + file.chunkSize - 1) / file.chunkSize;
      int from = (int) Math.min(firstDropped, Integer.MAX_VALUE);
      var tail = file.chunks.tailMap(from, true);
      for (ChunkRef c : tail.values()) {
        files.dropLive(file, c.id(), dropped);
      }
      tail.clear();
      int boundary = (int) (length / file.chunkSize);
      if (file.copies != null) {
        // A copy being written past the new end, or of the chunk the end falls in, is moot.
        var moot = file.copies.tailMap(Math.min(boundary, from), true);
        for (ChunkRef c : moot.values()) {
          files.dropLive(file, c.id(), dropped);
        }
        moot.clear();
        if (file.copies.isEmpty()) {
          file.copies = null;
        }
      }
      deletions.enqueue(dropped, now);
      long keep = length - (long) boundary * file.chunkSize;
      ChunkRef cut = file.chunks.get(boundary);
      if (cut != null && cut.length() > keep) {
        // A held chunk stays as the snapshot has it: only the live slot is shorter, and the next
        // write of it copies just the bytes kept.
        file.chunks.put(
            boundary, new ChunkRef(cut.id(), cut.grantedVersion(), cut.committedVersion(), keep));
      }
    }
    files.setLength(file, length);
    file.modified(now);
    return new Truncated(file.status(path), new Removed(0, dropped));
  }

  /**
   * A write to a slot whose chunk a snapshot holds gets a fresh chunk that starts as a copy of it
   * (ADR 0025); the slot keeps the held chunk until the copy commits. A copy granted before and not
   * committed is dropped: this writer starts over.
   */
  private ChunkAllocation copyOnWrite(FileInode file, int index, ChunkRef held, Instant now) {
    if (file.copies == null) {
      file.copies = new TreeMap<>();
    }
    ChunkRef stale = file.copies.remove(index);
    if (stale != null) {
      List<ChunkId> dropped = new ArrayList<>();
      files.dropLive(file, stale.id(), dropped);
      deletions.enqueue(dropped, now);
    }
    ChunkId id = new ChunkId(nextChunkId++);
    ChunkVersion granted = ChunkVersion.FIRST.next();
    file.copies.put(index, new ChunkRef(id, granted, ChunkVersion.FIRST, 0));
    files.addChunk(id, file);
    return new ChunkAllocation(
        id,
        granted,
        ChunkVersion.FIRST,
        true,
        0,
        file.replication,
        file.chunkSize,
        new ChunkCopy(held.id(), held.committedVersion(), held.length()));
  }

  /** Whether {@code chunkId} is the copy being written of {@code file}'s chunk {@code index}. */
  static boolean isCopy(FileInode file, int index, ChunkId chunkId) {
    ChunkRef copy = file.copies == null ? null : file.copies.get(index);
    return copy != null && copy.id().equals(chunkId);
  }

  /**
   * The copy of a held chunk committed (or lease recovery found it finished): it takes the slot,
   * and the held chunk loses its live reference. It must carry at least the bytes it copied.
   */
  Outcome<Long> commitCopy(
      FileInode file,
      DfsPath path,
      int index,
      ChunkRef copy,
      ChunkVersion version,
      long chunkLength,
      Instant now) {
    if (!copy.grantedVersion().equals(version)) {
      return Outcome.rejected(
          CONFLICT,
          "chunk "
              + index
              + " of "
              + path
              + " was granted "
              + copy.grantedVersion()
              + " after this writer's "
              + version
              + " (another writer took it)");
    }
    ChunkRef held = file.chunks.get(index);
    long copied = held == null ? 0 : held.length();
    if (chunkLength < copied || chunkLength > file.chunkSize) {
      return Outcome.rejected(
          INVALID_ARGUMENT,
          "chunk length : "
              + chunkLength
              + " (expected: "
              + copied
              + "-"
              + file.chunkSize
              + ": the copy of a chunk a snapshot holds keeps its "
              + copied
              + " bytes)");
    }
    snapshots.beforeChange(file);
    List<ChunkId> released = new ArrayList<>();
    if (held != null) {
      files.dropLive(file, held.id(), released);
    }
    deletions.enqueue(released, now);
    file.copies.remove(index);
    if (file.copies.isEmpty()) {
      file.copies = null;
    }
    file.chunks.put(index, new ChunkRef(copy.id(), version, version, chunkLength));
    files.setLength(file, Math.max(file.length, (long) index * file.chunkSize + chunkLength));
    file.modified(now);
    return Outcome.ok(file.length);
  }

  /** Pipeline recovery of a copy being written: the next version, on the survivors. */
  Outcome<ChunkAllocation> regrantCopy(
      FileInode file, DfsPath path, int index, ChunkVersion failedVersion) {
    ChunkRef copy = file.copies.get(index);
    if (!copy.grantedVersion().equals(failedVersion)) {
      return Outcome.rejected(
          CONFLICT,
          "chunk "
              + index
              + " of "
              + path
              + " is at "
              + copy.grantedVersion()
              + ", not the failed write's "
              + failedVersion);
    }
    ChunkVersion granted = failedVersion.next();
    file.copies.put(index, new ChunkRef(copy.id(), granted, copy.committedVersion(), 0));
    ChunkRef held = file.chunks.get(index);
    return Outcome.ok(
        new ChunkAllocation(
            copy.id(),
            granted,
            copy.committedVersion(),
            false,
            0,
            file.replication,
            file.chunkSize,
            held == null
                ? null
                : new ChunkCopy(held.id(), held.committedVersion(), held.length())));
  }
}
