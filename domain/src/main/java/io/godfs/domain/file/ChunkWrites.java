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

/**
 * How a file's chunk slots change on the write path: granted to a writer, committed once the
 * pipeline fsynced, cut back by a truncate. Issues chunk ids from a counter in the replicated
 * state, so every replica hands out the same ids and none is ever reused.
 */
final class ChunkWrites {
  private final FileIndex files;
  private final FileLeases leases;
  private final ChunkDeletionQueue deletions;
  private long nextChunkId = 1;

  ChunkWrites(FileIndex files, FileLeases leases, ChunkDeletionQueue deletions) {
    this.files = files;
    this.leases = leases;
    this.deletions = deletions;
  }

  long nextChunkId() {
    return nextChunkId;
  }

  /** Sets the counter read from a snapshot image. */
  void restoreNextChunkId(long next) {
    nextChunkId = next;
  }

  Outcome<ChunkAllocation> allocate(DfsPath path, FileId fileId, int index, LeaseHolder writer) {
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
              ChunkRef current = file.chunks.get(index);
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
              // Chunk 0 now holds the inline bytes (the writer carried them).
              files.setInline(file, null);
              long newLength = Math.max(chunkLength, current.length());
              file.chunks.put(index, new ChunkRef(chunkId, version, version, newLength));
              files.setLength(
                  file, Math.max(file.length, (long) index * file.chunkSize + newLength));
              file.modificationTime = now;
              return Outcome.ok(file.length);
            });
  }

  /**
   * Sets the file's length, releasing the chunks wholly past it and shortening the one it falls in.
   */
  Truncated cut(FileInode file, DfsPath path, long length, Instant now) {
    List<ChunkId> dropped = new ArrayList<>();
    if (length < file.length) {
      long firstDropped = (length + file.chunkSize - 1) / file.chunkSize;
      var tail = file.chunks.tailMap((int) Math.min(firstDropped, Integer.MAX_VALUE), true);
      for (ChunkRef c : tail.values()) {
        files.removeChunk(c.id());
        dropped.add(c.id());
      }
      tail.clear();
      deletions.enqueue(dropped, now);
      int boundary = (int) (length / file.chunkSize);
      long keep = length - (long) boundary * file.chunkSize;
      ChunkRef cut = file.chunks.get(boundary);
      if (cut != null && cut.length() > keep) {
        file.chunks.put(
            boundary, new ChunkRef(cut.id(), cut.grantedVersion(), cut.committedVersion(), keep));
      }
    }
    files.setLength(file, length);
    file.modificationTime = now;
    return new Truncated(file.status(path), new Removed(0, dropped));
  }
}
