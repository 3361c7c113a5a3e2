package io.godfs.application.client;

import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.application.port.in.SeekableInput;
import io.godfs.application.port.out.BackupArchive;
import io.godfs.application.port.out.BackupChunk;
import io.godfs.application.port.out.BackupManifest;
import io.godfs.domain.chunk.LocatedChunk;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.LocatedFile;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The files of one backup and the copying of their chunks (ADR 0027): each chunk the archive does
 * not hold yet is read from the snapshot through the ordinary read path ({@link
 * FileSystemUseCase#open}, which checks every block's CRC32C and fails over to another replica) and
 * stored once, however many files share it; a few copies run at once. A chunk the archive already
 * holds under its name (same incarnation, id, version and length: the same bytes) is skipped.
 */
final class ChunkCopies implements AutoCloseable {
  private final FileSystemUseCase fs;
  private final BackupArchive archive;
  private final String source;
  private final Map<String, String> stored;
  private final ExecutorService pool;
  private final Semaphore queued;
  private final Map<String, Future<String>> copying = new ConcurrentHashMap<>();
  private final List<PendingFile> files = new ArrayList<>();
  private final AtomicLong copied = new AtomicLong();
  private final AtomicLong bytesCopied = new AtomicLong();
  private long skipped;

  ChunkCopies(
      FileSystemUseCase fs,
      BackupArchive archive,
      String source,
      Map<String, String> stored,
      int parallelism) {
    this.fs = fs;
    this.archive = archive;
    this.source = source;
    this.stored = stored;
    this.pool = Executors.newFixedThreadPool(parallelism, Thread.ofPlatform().daemon().factory());
    // Bounds the copies waiting to start, so the walk does not run ahead of them without limit.
    this.queued = new Semaphore(parallelism * 4);
  }

  /** Adds file {@code live}, read at {@code inSnapshot}, whose listing said {@code status}. */
  void add(DfsPath live, DfsPath inSnapshot, FileStatus status) throws IOException {
    LocatedFile located = fs.locate(inSnapshot, 0, status.length());
    FileStatus file = located.status();
    if (file.inline() || located.inline() != null) {
      byte[] bytes = located.inline() != null ? located.inline() : readAll(inSnapshot);
      files.add(new PendingFile(live, file, bytes, List.of()));
      return;
    }
    List<PendingChunk> chunks = new ArrayList<>();
    for (LocatedChunk c : located.chunks()) {
      long offset = (long) c.index() * file.chunkSize();
      long length = Math.min(file.chunkSize(), file.length() - offset);
      if (length <= 0) {
        continue; // past the end: nothing of it is the file's
      }
      String name = BackupChunk.nameOf(source, c.chunkId().hex(), c.version().value(), length);
      chunks.add(
          new PendingChunk(c.index(), name, length, shaOf(name, inSnapshot, offset, length)));
    }
    files.add(new PendingFile(live, file, null, chunks));
  }

  private Future<String> shaOf(String name, DfsPath inSnapshot, long offset, long length)
      throws IOException {
    String known = stored.get(name);
    if (known != null) {
      skipped++;
      return CompletableFuture.completedFuture(known);
    }
    Future<String> running = copying.get(name);
    if (running != null) {
      return running; // another file of this backup shares the chunk
    }
    try {
      queued.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("backup interrupted");
    }
    Future<String> copy =
        pool.submit(
            () -> {
              try (SeekableInput in = fs.open(inSnapshot)) {
                in.seek(offset);
                String sha = archive.storeChunk(name, in, length);
                copied.incrementAndGet();
                bytesCopied.addAndGet(length);
                return sha;
              } finally {
                queued.release();
              }
            });
    copying.put(name, copy);
    return copy;
  }

  private byte[] readAll(DfsPath inSnapshot) throws IOException {
    try (SeekableInput in = fs.open(inSnapshot)) {
      return in.readAllBytes();
    }
  }

  /** The files, once every copy finished; the first failed copy fails the backup. */
  List<BackupManifest.File> files() throws IOException {
    List<BackupManifest.File> out = new ArrayList<>(files.size());
    for (PendingFile f : files) {
      List<BackupChunk> chunks = new ArrayList<>(f.chunks().size());
      for (PendingChunk c : f.chunks()) {
        chunks.add(new BackupChunk(c.index(), c.name(), c.length(), await(c, f.path())));
      }
      FileStatus s = f.status();
      out.add(
          new BackupManifest.File(
              f.path(),
              s.length(),
              s.creationTime(),
              s.modificationTime(),
              s.chunkSize(),
              s.replication(),
              f.inline(),
              chunks,
              s.attributes()));
    }
    return out;
  }

  private static String await(PendingChunk c, DfsPath file) throws IOException {
    try {
      return c.sha256().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("backup interrupted");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      String what = "copying chunk " + c.index() + " of " + file + " (" + c.name() + ")";
      if (cause instanceof UncheckedIOException u) {
        cause = u.getCause();
      }
      throw new IOException(what + ": " + cause.getMessage(), cause);
    }
  }

  long copied() {
    return copied.get();
  }

  long bytesCopied() {
    return bytesCopied.get();
  }

  long skipped() {
    return skipped;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }

  private record PendingChunk(int index, String name, long length, Future<String> sha256) {}

  private record PendingFile(
      DfsPath path, FileStatus status, byte[] inline, List<PendingChunk> chunks) {}
}
