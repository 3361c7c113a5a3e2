package io.godfs.domain.file;

import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.error.Outcome;
import java.util.Objects;

/** A read of the namespace as data, so every metadata store (and its read path) serves the same set. */
public sealed interface NamespaceQuery<R> {

  Outcome<R> readFrom(Namespace namespace);

  record Stat(DfsPath path) implements NamespaceQuery<FileStatus> {
    public Stat {
      Objects.requireNonNull(path, "path");
    }

    @Override
    public Outcome<FileStatus> readFrom(Namespace ns) {
      return ns.stat(path);
    }
  }

  record ListDirectory(DfsPath path, String startAfter, int limit) implements NamespaceQuery<Listing> {
    public ListDirectory {
      Objects.requireNonNull(path, "path");
    }

    @Override
    public Outcome<Listing> readFrom(Namespace ns) {
      return ns.list(path, startAfter, limit);
    }
  }

  record Locate(DfsPath path, long offset, long length) implements NamespaceQuery<FileChunks> {
    public Locate {
      Objects.requireNonNull(path, "path");
    }

    @Override
    public Outcome<FileChunks> readFrom(Namespace ns) {
      return ns.locate(path, offset, length);
    }
  }

  /** Every chunk slot, for the master's healing loop. */
  record AllChunks() implements NamespaceQuery<java.util.List<ChunkSlot>> {
    @Override
    public Outcome<java.util.List<ChunkSlot>> readFrom(Namespace ns) {
      return Outcome.ok(ns.chunkSlots());
    }
  }

  /** Every file at or under a path with its chunks, for fsck. */
  record FilesUnder(DfsPath path) implements NamespaceQuery<java.util.List<FileChunks>> {
    public FilesUnder {
      Objects.requireNonNull(path, "path");
    }

    @Override
    public Outcome<java.util.List<FileChunks>> readFrom(Namespace ns) {
      return ns.filesUnder(path);
    }
  }

  /** Whether a client holds the file's write lease. */
  record OpenFilesOf(long fileId) implements NamespaceQuery<Boolean> {
    @Override
    public Outcome<Boolean> readFrom(Namespace ns) {
      return Outcome.ok(ns.isOpenForWrite(fileId));
    }
  }

  /** The oldest chunks waiting in the deletion queue. */
  record DeletionQueue(int limit) implements NamespaceQuery<java.util.List<ChunkId>> {
    @Override
    public Outcome<java.util.List<ChunkId>> readFrom(Namespace ns) {
      return Outcome.ok(ns.deletionQueue(limit));
    }
  }

  record QueuedForDeletion(ChunkId chunk) implements NamespaceQuery<Boolean> {
    public QueuedForDeletion {
      Objects.requireNonNull(chunk, "chunk");
    }

    @Override
    public Outcome<Boolean> readFrom(Namespace ns) {
      return Outcome.ok(ns.isQueuedForDeletion(chunk));
    }
  }

  /** Clients holding at least one write lease. */
  record Writers() implements NamespaceQuery<java.util.Set<String>> {
    @Override
    public Outcome<java.util.Set<String>> readFrom(Namespace ns) {
      return Outcome.ok(ns.writers());
    }
  }

  /** The files a client holds open for writing, with their pending chunks. */
  record OpenFiles(String writer) implements NamespaceQuery<java.util.List<OpenFile>> {
    public OpenFiles {
      Objects.requireNonNull(writer, "writer");
    }

    @Override
    public Outcome<java.util.List<OpenFile>> readFrom(Namespace ns) {
      return Outcome.ok(ns.openFiles(writer));
    }
  }

  /** The file slot holding a chunk; NOT_FOUND when no file references it. */
  record OwnerOfChunk(ChunkId chunkId) implements NamespaceQuery<ChunkOwner> {
    public OwnerOfChunk {
      Objects.requireNonNull(chunkId, "chunkId");
    }

    @Override
    public Outcome<ChunkOwner> readFrom(Namespace ns) {
      return ns.chunkOwner(chunkId)
          .<Outcome<ChunkOwner>>map(Outcome::ok)
          .orElseGet(() -> Outcome.rejected(io.godfs.domain.error.ErrorCode.NOT_FOUND, "no file references " + chunkId));
    }
  }
}
