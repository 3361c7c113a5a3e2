package io.godfs.adapters.fuse;

import io.godfs.adapters.fuse.ErrnoMapper.Operation;
import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.application.port.in.SeekableInput;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.file.DfsPath;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One file open in this mount, shared by all its handles: what goDFS holds ({@code committedLength}),
 * what the programs see ({@code size}, buffered writes) and how the difference is written out.
 *
 * <p>Writes that continue the file's end go straight into one SDK output stream, which pipelines
 * them in 1 MiB pieces ({@code cp} of a large file). Any other write is buffered in
 * {@link DirtyExtents}; a truncate only moves {@code size} and {@code validLength}. {@link #flush()}
 * (close, fsync, rename, too much buffered) closes the stream (durable) and writes the buffered
 * extents in few, large runs. Reads see everything: they close the stream when they reach its bytes,
 * read the committed part from goDFS and overlay the buffered extents. See docs/adr/0008-fuse-mount.md.
 *
 * <p>Invariants: {@code validLength <= committedLength} and {@code validLength <= size}; bytes of the
 * goDFS file past {@code validLength} are no longer content (a pending shrink); while the stream is
 * open {@code validLength == committedLength} and it writes at {@code streamPos >= committedLength}.
 * Every method takes the file's lock.
 */
final class OpenFile {
  private static final System.Logger LOG = System.getLogger(OpenFile.class.getName());
  /** Buffered extents closer than this are written as one run, the gap read back from goDFS. */
  static final long GAP_FILL = 1 << 20;
  /** A run with gaps is assembled in memory; it never grows past this. */
  static final int RUN_MAX = 8 << 20;
  private static final int PIECE = 1 << 20;

  private final FileSystemUseCase fs;
  private final Deadlines deadlines;
  private final long maxDirtyBytes;
  private final ReentrantLock lock = new ReentrantLock();
  private final DirtyExtents dirty = new DirtyExtents();
  private DfsPath path;
  private long committedLength;
  private long validLength;
  private long size;
  private OutputStream stream;
  private long streamPos;
  /** Bumped whenever the goDFS file changes under this mount's readers: they reopen. */
  private long generation;
  private Instant modified;
  /** A failure of bytes already acknowledged to a program, reported by the next flush or fsync. */
  private int pendingErrno;
  private long rewrites;

  private OpenFile(FileSystemUseCase fs, Deadlines deadlines, long maxDirtyBytes, DfsPath path, long length) {
    this.fs = fs;
    this.deadlines = deadlines;
    this.maxDirtyBytes = maxDirtyBytes;
    this.path = path;
    this.committedLength = length;
    this.validLength = length;
    this.size = length;
  }

  /** An existing file of {@code length} bytes. */
  static OpenFile existing(FileSystemUseCase fs, Deadlines deadlines, long maxDirtyBytes, DfsPath path, long length) {
    return new OpenFile(fs, deadlines, maxDirtyBytes, path, length);
  }

  /** A file just created empty, with the stream that will write it from offset 0. */
  static OpenFile created(FileSystemUseCase fs, Deadlines deadlines, long maxDirtyBytes, DfsPath path,
      OutputStream stream) {
    OpenFile file = new OpenFile(fs, deadlines, maxDirtyBytes, path, 0);
    file.stream = stream;
    file.streamPos = 0;
    file.modified = Instant.now();
    return file;
  }

  void lock() {
    lock.lock();
  }

  void unlock() {
    lock.unlock();
  }

  DfsPath path() {
    lock.lock();
    try {
      return path;
    } finally {
      lock.unlock();
    }
  }

  /** After a rename of this file or a directory above it; the caller holds the lock. */
  void movedTo(DfsPath newPath) {
    path = newPath;
    generation++;
  }

  /** {@code clusterView} with this mount's size and modification time. */
  Attributes attributes(Attributes clusterView) {
    lock.lock();
    try {
      return clusterView.withSize(size, modified != null ? modified : clusterView.modified());
    } finally {
      lock.unlock();
    }
  }

  void write(long offset, byte[] src, int len) {
    lock.lock();
    try {
      if (stream != null && offset == streamPos) {
        appendToStream(offset, src, len);
      } else if (stream == null && dirty.isEmpty() && offset == size && size == committedLength
          && validLength == committedLength) {
        stream = deadlines.call("open " + path + " for writing", () -> fs.openForWriteAt(path, offset));
        streamPos = offset;
        appendToStream(offset, src, len);
      } else if (stream == null && dirty.isEmpty() && offset == 0 && size == 0) {
        // Rewritten from the start after O_TRUNC: replace the file instead of buffering it whole.
        stream = deadlines.call("replace " + path, () -> fs.create(path, true));
        committedLength = 0;
        validLength = 0;
        generation++;
        streamPos = 0;
        appendToStream(offset, src, len);
      } else {
        dirty.write(offset, src, 0, len);
        size = Math.max(size, offset + len);
        if (dirty.bytes() > maxDirtyBytes) {
          flushLocked();
        }
      }
      modified = Instant.now();
    } finally {
      lock.unlock();
    }
  }

  private void appendToStream(long offset, byte[] src, int len) {
    dirty.remove(offset, offset + len);
    try {
      stream.write(src, 0, len);
    } catch (IOException e) {
      abandonStream(e);
      throw new FuseErrnoException(ErrnoMapper.errno(e, Operation.DATA), "write to " + path + " failed", e);
    }
    streamPos += len;
    size = Math.max(size, streamPos);
  }

  void truncate(long length) {
    lock.lock();
    try {
      closeStream();
      validLength = Math.min(validLength, length);
      dirty.truncate(length);
      size = length;
      modified = Instant.now();
    } finally {
      lock.unlock();
    }
  }

  /** Reads up to {@code len} bytes at {@code offset} into {@code dst}; returns the count (0 at the end). */
  int read(long offset, byte[] dst, int len, ReaderSlot reader) {
    lock.lock();
    try {
      if (offset >= size || len == 0) {
        return 0;
      }
      int n = (int) Math.min(len, size - offset);
      if (stream != null && offset + n > committedLength) {
        closeStream(); // its bytes become readable once committed
      }
      int fromCluster = (int) Math.max(0, Math.min(n, validLength - offset));
      int got = fromCluster > 0 ? reader.read(path, generation, offset, dst, fromCluster) : 0;
      Arrays.fill(dst, got, n, (byte) 0);
      dirty.overlay(offset, dst, 0, n);
      return n;
    } finally {
      lock.unlock();
    }
  }

  /** Makes every byte written so far durable in goDFS; reports an earlier write failure once. */
  void flush() {
    lock.lock();
    try {
      flushLocked();
    } finally {
      lock.unlock();
    }
  }

  private void flushLocked() {
    closeStream();
    if (validLength < committedLength) {
      rewrite();
    } else if (!dirty.isEmpty() || size > committedLength) {
      writeRuns();
    }
    if (pendingErrno != 0) {
      int errno = pendingErrno;
      pendingErrno = 0;
      throw new FuseErrnoException(errno, "an earlier write to " + path + " failed");
    }
  }

  private void closeStream() {
    if (stream == null) {
      return;
    }
    OutputStream closing = stream;
    stream = null;
    try {
      closing.close();
      committedLength = Math.max(committedLength, streamPos);
      validLength = committedLength;
      generation++;
    } catch (IOException e) {
      abandonStream(e);
    }
  }

  /** The stream failed: its unflushed bytes are lost; resync with goDFS and report at the next flush. */
  private void abandonStream(IOException e) {
    LOG.log(Level.WARNING, "write to " + path + " failed: " + e.getMessage());
    if (stream != null) {
      try {
        stream.close();
      } catch (IOException ignored) {
        // Expected: a failed stream fails its close too; the failure was logged above.
      }
      stream = null;
    }
    pendingErrno = ErrnoMapper.errno(e, Operation.DATA);
    resync();
  }

  /** Takes goDFS's length as the truth after a failed write (best effort). */
  private void resync() {
    generation++;
    try {
      long length = deadlines.call("stat " + path, () -> fs.stat(path)).length();
      committedLength = length;
      validLength = Math.min(validLength, length);
      size = Math.max(validLength, dirty.end());
    } catch (DfsException | FuseErrnoException e) {
      LOG.log(Level.WARNING, "cannot stat " + path + " after a failed write: " + e.getMessage());
    }
  }

  /** Writes the buffered extents (and an extension to {@code size}) in as few streams as possible. */
  private void writeRuns() {
    var extents = new java.util.ArrayList<>(dirty.extents());
    if (size > Math.max(committedLength, dirty.end())) {
      extents.add(new DirtyExtents.Extent(size - 1, new byte[1], 1)); // extends the file with zeros
    }
    try {
      int i = 0;
      while (i < extents.size()) {
        int j = i + 1;
        long runStart = extents.get(i).offset();
        while (j < extents.size() && extents.get(j).offset() - extents.get(j - 1).end() <= GAP_FILL
            && extents.get(j).end() - runStart <= RUN_MAX) {
          j++;
        }
        writeRun(extents.subList(i, j));
        i = j;
      }
    } catch (IOException | DfsException e) {
      resync();
      throw new FuseErrnoException(ErrnoMapper.errno(e, Operation.DATA), "flush of " + path + " failed", e);
    }
    committedLength = size;
    validLength = size;
    dirty.clear();
    generation++;
  }

  private void writeRun(java.util.List<DirtyExtents.Extent> run) throws IOException {
    long start = run.getFirst().offset();
    DirtyExtents.Extent last = run.getLast();
    if (run.size() == 1) {
      try (OutputStream out = deadlines.call("open " + path + " for writing", () -> fs.openForWriteAt(path, start))) {
        out.write(last.data(), 0, last.length());
      }
      return;
    }
    byte[] buf = new byte[Math.toIntExact(last.end() - start)];
    int fromCluster = (int) Math.max(0, Math.min(buf.length, validLength - start));
    if (fromCluster > 0) {
      try (SeekableInput in = deadlines.call("open " + path, () -> fs.open(path))) {
        in.seek(start);
        readFully(in, buf, 0, fromCluster);
      }
    }
    for (DirtyExtents.Extent e : run) {
      System.arraycopy(e.data(), 0, buf, Math.toIntExact(e.offset() - start), e.length());
    }
    try (OutputStream out = deadlines.call("open " + path + " for writing", () -> fs.openForWriteAt(path, start))) {
      out.write(buf);
    }
  }

  /**
   * A pending shrink: until the ports offer truncate, the new content is written to a sibling
   * and renamed over the file (atomic replace), or the file is replaced outright when nothing of
   * the old content survives.
   */
  private void rewrite() {
    rewrites++;
    try {
      if (size == 0) {
        deadlines.call("truncate " + path, () -> fs.createEmpty(path, true));
      } else if (validLength == 0) {
        try (OutputStream out = deadlines.call("replace " + path, () -> fs.create(path, true))) {
          copyContent(null, out);
        }
      } else {
        DfsPath sibling = path.parent().child(".godfs-rewrite-" + Long.toHexString(System.nanoTime()));
        try {
          try (SeekableInput in = deadlines.call("open " + path, () -> fs.open(path));
              OutputStream out = deadlines.call("create " + sibling, () -> fs.create(sibling, false))) {
            copyContent(in, out);
          }
          deadlines.run("rename " + sibling, () -> fs.rename(sibling, path, true));
        } catch (IOException | RuntimeException e) {
          deleteQuietly(sibling);
          throw e;
        }
      }
    } catch (IOException | DfsException e) {
      resync();
      throw new FuseErrnoException(ErrnoMapper.errno(e, Operation.DATA), "rewrite of " + path + " failed", e);
    }
    committedLength = size;
    validLength = size;
    dirty.clear();
    generation++;
  }

  private void copyContent(SeekableInput in, OutputStream out) throws IOException {
    byte[] buf = new byte[PIECE];
    for (long pos = 0; pos < size; pos += PIECE) {
      int n = (int) Math.min(PIECE, size - pos);
      int fromCluster = in == null ? 0 : (int) Math.max(0, Math.min(n, validLength - pos));
      int got = fromCluster > 0 ? readFully(in, buf, 0, fromCluster) : 0;
      Arrays.fill(buf, got, n, (byte) 0);
      dirty.overlay(pos, buf, 0, n);
      out.write(buf, 0, n);
    }
  }

  private void deleteQuietly(DfsPath p) {
    try {
      deadlines.call("delete " + p, () -> fs.delete(p, false));
    } catch (DfsException | FuseErrnoException e) {
      LOG.log(Level.WARNING, "cannot delete " + p + " after a failed rewrite: " + e.getMessage());
    }
  }

  /** Reads until {@code len} bytes or the end; returns the count. */
  static int readFully(java.io.InputStream in, byte[] dst, int off, int len) throws IOException {
    int total = 0;
    while (total < len) {
      int n = in.read(dst, off + total, len - total);
      if (n < 0) {
        break;
      }
      total += n;
    }
    return total;
  }

  /** How often a shrink forced a whole-file rewrite (for tests and logs). */
  long rewrites() {
    lock.lock();
    try {
      return rewrites;
    } finally {
      lock.unlock();
    }
  }
}
