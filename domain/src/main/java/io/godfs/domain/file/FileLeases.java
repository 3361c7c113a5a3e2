package io.godfs.domain.file;

import static io.godfs.domain.error.ErrorCode.BUSY;
import static io.godfs.domain.error.ErrorCode.CONFLICT;
import static io.godfs.domain.error.ErrorCode.INVALID_ARGUMENT;
import static io.godfs.domain.error.ErrorCode.NOT_FOUND;

import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.error.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Single-writer file leases and their recovery (ADR 9). The holder is stored on the file ({@link
 * FileInode#writer}); this class owns every change to it, so the index of files by writer, which
 * lease recovery scans, never drifts from the files. Sorted maps keep iteration deterministic
 * across replicas.
 */
final class FileLeases {
  private final FileIndex files;

  /** Clients only (never {@link LeaseHolder#NONE}), by name: a deterministic order for replay. */
  private final Map<LeaseHolder.Client, Set<Long>> filesByWriter =
      new TreeMap<>(Comparator.comparing(LeaseHolder.Client::name));

  /**
   * Files whose lease a client holds (ADR 0023); every change of holder passes {@link #setWriter}.
   */
  private long held;

  FileLeases(FileIndex files) {
    this.files = files;
  }

  boolean isOpenForWrite(FileId fileId) {
    FileInode file = files.file(fileId.value());
    return file != null && file.writer.isClient();
  }

  long held() {
    return held;
  }

  Set<LeaseHolder.Client> writers() {
    return Collections.unmodifiableSequencedSet(new LinkedHashSet<>(filesByWriter.keySet()));
  }

  /** Every file a client holds, in writer then id order. */
  List<FileInode> heldFiles() {
    List<FileInode> out = new ArrayList<>();
    filesByWriter.values().forEach(ids -> ids.forEach(id -> out.add(files.file(id))));
    return out;
  }

  List<OpenFile> openFiles(LeaseHolder writer) {
    List<OpenFile> out = new ArrayList<>();
    for (long id : filesByWriter.getOrDefault(writer, Set.of())) {
      FileInode file = files.file(id);
      List<IndexedChunk> pending = new ArrayList<>();
      for (var e : file.chunks.entrySet()) {
        if (e.getValue().grantedVersion().compareTo(e.getValue().committedVersion()) > 0) {
          pending.add(new IndexedChunk(e.getKey(), e.getValue()));
        }
      }
      if (file.copies != null) {
        file.copies.forEach((index, copy) -> pending.add(new IndexedChunk(index, copy)));
      }
      out.add(new OpenFile(file.fileId(), file.path(), writer, pending));
    }
    return out;
  }

  /**
   * Whether a client other than {@code writer} ({@link LeaseHolder#NONE}: nobody in particular)
   * holds the file.
   */
  static boolean heldByAnother(FileInode file, LeaseHolder writer) {
    return file.writer.isClient() && !file.writer.equals(writer);
  }

  /**
   * Why a client that does not hold {@code path}'s lease is refused. Never names the holder: with
   * its name anyone could release its lease (ADR 0018).
   */
  static String busy(DfsPath path) {
    return "file " + path + " is being written by another client";
  }

  Outcome<FileStatus> openForWrite(FileInode file, DfsPath path, LeaseHolder writer) {
    if (heldByAnother(file, writer)) {
      return Outcome.rejected(BUSY, busy(path));
    }
    setWriter(file, writer);
    return Outcome.ok(file.status(path));
  }

  Outcome<FileStatus> close(FileId fileId, LeaseHolder writer) {
    Objects.requireNonNull(writer, "writer");
    FileInode file = files.file(fileId.value());
    if (file == null) {
      return Outcome.rejected(
          CONFLICT, "file id " + fileId + " was deleted or replaced while being written");
    }
    if (heldByAnother(file, writer)) {
      return Outcome.rejected(BUSY, busy(file.path()) + ", not by this one");
    }
    setWriter(file, LeaseHolder.NONE);
    return Outcome.ok(file.status(file.path()));
  }

  Outcome<FileStatus> recover(FileId fileId) {
    FileInode file = files.file(fileId.value());
    if (file == null) {
      return Outcome.rejected(NOT_FOUND, "no file with id " + fileId);
    }
    setWriter(file, LeaseHolder.NONE);
    return Outcome.ok(file.status(file.path()));
  }

  Outcome<Long> adoptChunk(
      FileId fileId, int index, ChunkId chunkId, ChunkVersion version, long length, Instant now) {
    FileInode file = files.file(fileId.value());
    if (file == null) {
      return Outcome.rejected(NOT_FOUND, "no file with id " + fileId);
    }
    ChunkRef current = file.chunks.get(index);
    if (current == null
        || !current.id().equals(chunkId)
        || !current.grantedVersion().equals(version)
        || current.committedVersion().equals(version)) {
      return Outcome.rejected(
          CONFLICT,
          chunkId
              + " "
              + version
              + " is not the pending write of chunk "
              + index
              + " of "
              + file.path());
    }
    if (length < 0 || length > file.chunkSize) {
      return Outcome.rejected(
          INVALID_ARGUMENT, "chunk length : " + length + " (expected: 0-" + file.chunkSize + ")");
    }
    Outcome.Rejected<Long> inlineKept = InlineFiles.refusesChunk(file, file.path(), index, length);
    if (inlineKept != null) {
      return inlineKept;
    }
    files.setInline(file, null);
    file.chunks.put(index, new ChunkRef(chunkId, version, version, length));
    files.setLength(file, Math.max(file.length, (long) index * file.chunkSize + length));
    file.modified(now);
    return Outcome.ok(file.length);
  }

  Outcome<ChunkAllocation> regrantChunk(
      DfsPath path,
      FileId fileId,
      int index,
      ChunkId chunkId,
      ChunkVersion failedVersion,
      LeaseHolder writer) {
    return writableFile(path, fileId, writer)
        .flatMap(
            file -> {
              ChunkRef current = file.chunks.get(index);
              if (current == null || !current.id().equals(chunkId)) {
                return Outcome.rejected(
                    CONFLICT, chunkId + " is no longer chunk " + index + " of " + file.path());
              }
              if (!current.grantedVersion().equals(failedVersion)) {
                return Outcome.rejected(
                    CONFLICT,
                    "chunk "
                        + index
                        + " of "
                        + file.path()
                        + " is at "
                        + current.grantedVersion()
                        + ", not the failed write's "
                        + failedVersion);
              }
              ChunkVersion granted = failedVersion.next();
              file.chunks.put(
                  index,
                  new ChunkRef(chunkId, granted, current.committedVersion(), current.length()));
              return Outcome.ok(
                  new ChunkAllocation(
                      chunkId,
                      granted,
                      current.committedVersion(),
                      false,
                      current.length(),
                      file.replication,
                      file.chunkSize));
            });
  }

  /**
   * The file being written, found by id so that a rename while writing does not disturb the writer;
   * the caller must hold its lease (or, with a null writer, nobody may).
   */
  Outcome<FileInode> writableFile(DfsPath path, FileId fileId, LeaseHolder writer) {
    FileInode f = files.file(fileId.value());
    if (f == null) {
      return Outcome.rejected(
          CONFLICT,
          path + " was deleted or replaced while being written (file id " + fileId + " is gone)");
    }
    if (f.kind != FileType.FILE) {
      return Outcome.rejected(
          INVALID_ARGUMENT,
          path + " is a " + FileStatus.describe(f.kind) + ": it has no bytes to write");
    }
    if (!Objects.equals(f.writer, writer)) {
      return Outcome.rejected(
          !f.writer.isClient() ? CONFLICT : BUSY,
          !f.writer.isClient()
              ? "file "
                  + f.path()
                  + " is not open for writing by "
                  + writer
                  + " (its lease expired and was recovered)"
              : busy(f.path()));
    }
    return Outcome.ok(f);
  }

  /**
   * Hands the file's lease to {@code writer}, or releases it ({@link LeaseHolder#NONE}); the only
   * writer of {@code file.writer}.
   */
  void setWriter(FileInode file, LeaseHolder writer) {
    Objects.requireNonNull(writer, "writer");
    if (Objects.equals(file.writer, writer)) {
      return;
    }
    if (file.writer instanceof LeaseHolder.Client old) {
      Set<Long> ofOld = filesByWriter.get(old);
      ofOld.remove(file.id);
      if (ofOld.isEmpty()) {
        filesByWriter.remove(old);
      }
      held--;
    }
    file.writer = writer;
    if (writer instanceof LeaseHolder.Client client) {
      held++;
      filesByWriter.computeIfAbsent(client, w -> new TreeSet<>()).add(file.id);
    }
  }
}
