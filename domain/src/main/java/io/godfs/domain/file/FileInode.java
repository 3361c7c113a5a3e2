package io.godfs.domain.file;

import java.time.Instant;
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
        attributes());
  }
}
