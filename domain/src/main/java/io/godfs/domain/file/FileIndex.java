package io.godfs.domain.file;

import io.godfs.domain.chunk.ChunkId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Files by id and by the chunks they hold: indexes derived from the tree, so that writers (who
 * address a file by id, surviving renames) and the healing loop (which starts from a chunk) need no
 * tree walk. Every change to a file's chunk slots goes through here to keep them in step.
 */
final class FileIndex {
  private final Map<Long, FileInode> byId = new HashMap<>();
  private final Map<ChunkId, FileInode> byChunk = new HashMap<>();

  /** References beyond each chunk's primary live file: snapshots and restored copies. */
  final ChunkHolds holds = new ChunkHolds();

  /** Directory quotas, told of every live file's length change (ADR 0026). */
  final Quotas quotas = new Quotas();

  /** Running sums over the indexed files (ADR 0023): every length and inline change passes here. */
  private long logicalBytes;

  private long inlineFiles;
  private long inlineBytes;

  /** The file with this id, or null when there is none (deleted, replaced, never created). */
  FileInode file(long id) {
    return byId.get(id);
  }

  boolean holdsChunk(ChunkId id) {
    return byChunk.containsKey(id) || holds.isHeld(id);
  }

  /** Indexes a file and every chunk it already holds. */
  void add(FileInode file) {
    FileInode before = byId.put(file.id, file);
    if (before != null) {
      count(before, -1);
    }
    count(file, 1);
    file.chunks.values().forEach(c -> byChunk.put(c.id(), file));
  }

  /**
   * Indexes a live file read from an image: a chunk an earlier file already holds is shared (a
   * restore made it so), so this file's reference is a hold.
   */
  void addLoaded(FileInode file) {
    byId.put(file.id, file);
    count(file, 1);
    file.chunks.forEach(
        (index, ref) -> {
          if (byChunk.containsKey(ref.id())) {
            holds.hold(ref, index, file);
          } else {
            byChunk.put(ref.id(), file);
          }
        });
    if (file.copies != null) {
      file.copies.values().forEach(c -> byChunk.put(c.id(), file));
    }
  }

  /**
   * Unindexes a live file that nothing keeps, appending to {@code released} the chunks it held that
   * nothing references any more (a snapshot may still hold some, ADR 0025).
   */
  void remove(FileInode file, List<ChunkId> released) {
    unindex(file);
    for (ChunkRef c : file.chunks.values()) {
      dropLive(file, c.id(), released);
    }
    dropCopies(file, released);
  }

  /**
   * A live file left the tree but a snapshot keeps it: unindexed, and the chunks it held as their
   * live file are now held for the snapshot, so they stay (ADR 0025).
   */
  void retire(FileInode file, List<ChunkId> released) {
    unindex(file);
    file.chunks.forEach(
        (index, ref) -> {
          if (byChunk.get(ref.id()) == file) {
            byChunk.remove(ref.id());
            holds.hold(ref, index, file);
          }
        });
    dropCopies(file, released);
  }

  /** A file that a snapshot kept is reached by none any more: its holds go. */
  void destroy(FileInode file, List<ChunkId> released) {
    for (ChunkRef c : file.chunks.values()) {
      releaseHold(c.id(), released);
    }
  }

  /** One hold of {@code id} fewer; appends it to {@code released} when nothing references it. */
  void releaseHold(ChunkId id, List<ChunkId> released) {
    if (holds.release(id) && !byChunk.containsKey(id)) {
      released.add(id);
    }
  }

  /**
   * The live {@code file} no longer references {@code id} (deleted, truncated away, replaced by its
   * copy): appended to {@code released} when nothing else does.
   */
  void dropLive(FileInode file, ChunkId id, List<ChunkId> released) {
    if (byChunk.get(id) == file) {
      byChunk.remove(id);
    } else if (holds.isHeld(id)) {
      holds.release(id); // a second live file, restored from a snapshot, shared it
    }
    if (!byChunk.containsKey(id) && !holds.isHeld(id)) {
      released.add(id);
    }
  }

  /**
   * A live file takes {@code ref} as chunk {@code index} from a snapshot (a restore): its primary
   * file unless another live file already is, else one more hold.
   */
  void share(FileInode file, int index, ChunkRef ref) {
    if (byChunk.containsKey(ref.id())) {
      holds.hold(ref, index, file);
    } else if (holds.isHeld(ref.id())) {
      byChunk.put(ref.id(), file);
    } else {
      throw new IllegalStateException(ref.id() + " restored, but nothing referenced it");
    }
  }

  /** Whether a snapshot (or a second file) references the chunk: then it is never rewritten. */
  boolean isShared(ChunkId id) {
    return holds.isHeld(id);
  }

  private void dropCopies(FileInode file, List<ChunkId> released) {
    if (file.copies != null) {
      for (ChunkRef c : file.copies.values()) {
        byChunk.remove(c.id());
        released.add(c.id());
      }
      file.copies = null;
    }
  }

  private void unindex(FileInode file) {
    if (byId.remove(file.id, file)) {
      count(file, -1);
    }
  }

  /** Sets the file's length, keeping the sum of lengths in step. */
  void setLength(FileInode file, long length) {
    if (indexed(file)) {
      logicalBytes += length - file.length;
      quotas.lengthChanged(file, length - file.length);
    }
    file.length = length;
  }

  /** Sets (or, with null, drops) the file's inline bytes, keeping the inline counts in step. */
  void setInline(FileInode file, byte[] inline) {
    boolean indexed = indexed(file);
    if (indexed && file.inline != null) {
      inlineFiles--;
      inlineBytes -= file.inline.length;
    }
    file.inline = inline;
    if (indexed && inline != null) {
      inlineFiles++;
      inlineBytes += inline.length;
    }
  }

  private boolean indexed(FileInode file) {
    return byId.get(file.id) == file;
  }

  private void count(FileInode file, int sign) {
    logicalBytes += sign * file.length;
    if (file.inline != null) {
      inlineFiles += sign;
      inlineBytes += (long) sign * file.inline.length;
    }
  }

  long logicalBytes() {
    return logicalBytes;
  }

  long inlineFiles() {
    return inlineFiles;
  }

  long inlineBytes() {
    return inlineBytes;
  }

  void addChunk(ChunkId id, FileInode file) {
    byChunk.put(id, file);
  }

  Optional<ChunkOwner> chunkOwner(ChunkId id) {
    FileInode file = byChunk.get(id);
    if (file == null) {
      ChunkHolds.Hold held = holds.get(id);
      return held == null
          ? Optional.empty()
          : Optional.of(new ChunkOwner(held.file.fileId(), held.file.path(), held.index, held.ref));
    }
    for (var slots :
        file.copies == null ? List.of(file.chunks) : List.of(file.chunks, file.copies)) {
      for (var e : slots.entrySet()) {
        if (e.getValue().id().equals(id)) {
          return Optional.of(new ChunkOwner(file.fileId(), file.path(), e.getKey(), e.getValue()));
        }
      }
    }
    throw new IllegalStateException(id + " indexed to file " + file.id + " which does not hold it");
  }

  /**
   * Every chunk of every file, by file id then index (deterministic), then the chunks only
   * snapshots hold, by chunk id: the healing loop keeps those replicated too.
   */
  List<ChunkSlot> chunkSlots() {
    // Only the files that have chunks, found through the chunk index: the healing loop calls this
    // every round, and a namespace of many empty or inline (small) files must not cost a sort of
    // every file each time.
    List<FileInode> chunked = new ArrayList<>(new HashSet<>(byChunk.values()));
    chunked.sort(Comparator.comparingLong(f -> f.id));
    List<ChunkSlot> out = new ArrayList<>(byChunk.size());
    chunked.forEach(
        file ->
            file.chunks.forEach(
                (index, ref) -> {
                  if (byChunk.get(ref.id()) == file) {
                    out.add(
                        new ChunkSlot(
                            file.fileId(), index, ref, file.replication, file.writer.isClient()));
                  }
                }));
    holds.forEachSorted(
        held -> {
          if (!byChunk.containsKey(held.ref.id())) {
            out.add(
                new ChunkSlot(
                    held.file.fileId(), held.index, held.ref, held.file.replication, false));
          }
        });
    return out;
  }

  int fileCount() {
    return byId.size();
  }

  int chunkCount() {
    return byChunk.size() + holds.count(id -> !byChunk.containsKey(id));
  }
}
