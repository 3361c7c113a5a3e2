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

  /** Running sums over the indexed files (ADR 0023): every length and inline change passes here. */
  private long logicalBytes;

  private long inlineFiles;
  private long inlineBytes;

  /** The file with this id, or null when there is none (deleted, replaced, never created). */
  FileInode file(long id) {
    return byId.get(id);
  }

  boolean holdsChunk(ChunkId id) {
    return byChunk.containsKey(id);
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

  /** Unindexes a file, appending the chunks it held to {@code released}. */
  void remove(FileInode file, List<ChunkId> released) {
    if (byId.remove(file.id, file)) {
      count(file, -1);
    }
    for (ChunkRef c : file.chunks.values()) {
      byChunk.remove(c.id());
      released.add(c.id());
    }
  }

  /** Sets the file's length, keeping the sum of lengths in step. */
  void setLength(FileInode file, long length) {
    if (indexed(file)) {
      logicalBytes += length - file.length;
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

  void removeChunk(ChunkId id) {
    byChunk.remove(id);
  }

  Optional<ChunkOwner> chunkOwner(ChunkId id) {
    FileInode file = byChunk.get(id);
    if (file == null) {
      return Optional.empty();
    }
    for (var e : file.chunks.entrySet()) {
      if (e.getValue().id().equals(id)) {
        return Optional.of(new ChunkOwner(file.fileId(), file.path(), e.getKey(), e.getValue()));
      }
    }
    throw new IllegalStateException(id + " indexed to file " + file.id + " which does not hold it");
  }

  /** Every chunk of every file, by file id then index (deterministic). */
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
                (index, ref) ->
                    out.add(
                        new ChunkSlot(
                            file.fileId(), index, ref, file.replication, file.writer.isClient()))));
    return out;
  }

  int fileCount() {
    return byId.size();
  }

  int chunkCount() {
    return byChunk.size();
  }
}
