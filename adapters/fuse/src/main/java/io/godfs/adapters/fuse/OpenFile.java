package io.godfs.adapters.fuse;

import io.godfs.adapters.fuse.ErrnoMapper.Operation;
import io.godfs.application.port.in.DfsOutput;
import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.file.DfsPath;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One file open in this mount, shared by all its handles: what goDFS holds ({@code
 * committedLength}), what the programs see ({@code size}, buffered writes) and how the difference
 * is written out.
 *
 * <p>While any handle may write, the file keeps one SDK output stream open: it holds this mount's
 * single-writer lease on the file (taken when the first writable handle opens, so another client's
 * writer makes that open fail with EBUSY, and released when the last one closes), and writes that
 * continue the file's end go straight into it, pipelined in 1 MiB pieces ({@code cp} of a large
 * file), as do the rest of a sequential rewrite inside the file ({@link SequentialWrites}). Any
 * other write is buffered in {@link DirtyExtents}. {@link #flush()} (close, fsync, rename, too much
 * buffered) syncs the stream (durable and visible, the stream stays open) and writes the buffered
 * extents in few, large runs. A truncate that cuts goDFS's bytes is one {@link
 * FileSystemUseCase#truncate} call under the lease. Reads see everything: they sync the stream when
 * they reach its bytes, read the committed part from goDFS and overlay the buffered extents. See
 * docs/adr/0008-fuse-mount.md.
 *
 * <p>Invariants: {@code committedLength <= size}; unsynced stream bytes lie in [{@code
 * unsyncedFrom}, {@code streamPos}); goDFS's bytes past {@code committedLength} are not content;
 * {@code size} is at least {@code committedLength}, the end of the buffered extents and, while
 * bytes are unsynced, {@code streamPos} (more after a truncate that grew the file, until the next
 * flush). Every method takes the file's lock.
 */
final class OpenFile {
  private static final System.Logger LOG = System.getLogger(OpenFile.class.getName());

  /** {@code streamPos} of a stream that only holds the lease (its position went stale). */
  private static final long NOT_POSITIONED = -1;

  private final FileSystemUseCase fs;
  private final Deadlines deadlines;
  private final long maxDirtyBytes;
  private final ReentrantLock lock = new ReentrantLock();
  private final DirtyExtents dirty = new DirtyExtents();

  /** The file id: one OpenFile serves every name of the file in this mount (ADR 0028). */
  private final long inode;

  /** The name the file is written and read through: one of its names open in this mount. */
  private DfsPath path;

  private long committedLength;
  private long size;

  /** Open while writable handles are (except after a failure, until the next append reopens it). */
  private DfsOutput stream;

  private long streamPos = NOT_POSITIONED;

  /** Bytes went into the stream since its last sync: not durable nor visible to others yet. */
  private boolean unsynced;

  /** Where the stream's unsynced bytes start (a rewrite's are inside goDFS's bytes). */
  private long unsyncedFrom;

  private final SequentialWrites sequential = new SequentialWrites();

  /** Writable handles open on this file. */
  private int writers;

  /** Bumped whenever the goDFS file changes under this mount's readers: they reopen. */
  private long generation;

  private Instant modified;

  /** A failure of bytes already acknowledged to a program, reported by the next flush or fsync. */
  private int pendingErrno;

  private OpenFile(
      FileSystemUseCase fs,
      Deadlines deadlines,
      long maxDirtyBytes,
      DfsPath path,
      long inode,
      long length) {
    this.fs = fs;
    this.deadlines = deadlines;
    this.maxDirtyBytes = maxDirtyBytes;
    this.path = path;
    this.inode = inode;
    this.committedLength = length;
    this.size = length;
  }

  /** An existing file of {@code length} bytes, with no writable handle yet. */
  static OpenFile existing(
      FileSystemUseCase fs,
      Deadlines deadlines,
      long maxDirtyBytes,
      DfsPath path,
      long inode,
      long length) {
    return new OpenFile(fs, deadlines, maxDirtyBytes, path, inode, length);
  }

  /**
   * A file just created empty by one writable handle, with the stream (and lease) {@code create}
   * gave.
   */
  static OpenFile created(
      FileSystemUseCase fs,
      Deadlines deadlines,
      long maxDirtyBytes,
      DfsPath path,
      DfsOutput stream) {
    OpenFile file = new OpenFile(fs, deadlines, maxDirtyBytes, path, stream.fileId().value(), 0);
    file.stream = stream;
    file.streamPos = 0;
    file.writers = 1;
    file.modified = Instant.now();
    return file;
  }

  long inode() {
    return inode;
  }

  /** Buffered bytes not yet sent to goDFS, read without the lock (for metrics). */
  long dirtyBytes() {
    return dirty.bytes();
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

  /**
   * After a rename of this name or a directory above it, or when it stopped naming the file and
   * another name open here takes over; the caller holds the lock.
   */
  void movedTo(DfsPath newPath) {
    path = newPath;
    generation++;
  }

  /** The length programs see, buffered writes included; the caller holds the lock (fallocate). */
  long size() {
    return size;
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

  /** A utimens set the modification time: the master's counts again, until the next write. */
  void modificationTimeSet() {
    lock.lock();
    try {
      modified = null;
    } finally {
      lock.unlock();
    }
  }

  /** Changes whenever this mount changed the goDFS file (see {@link #attributesFromMaster}). */
  long generation() {
    lock.lock();
    try {
      return generation;
    } finally {
      lock.unlock();
    }
  }

  /**
   * As {@link #attributes}, for a view just read from the master. With only readers open here and
   * no change of this mount's since the stat was sent ({@code generationBefore}), the master's
   * length is the truth (another client may have appended): it is adopted, so that the kernel's
   * size (which O_APPEND writes at) and this file's readers see it.
   */
  Attributes attributesFromMaster(Attributes masterView, long generationBefore) {
    lock.lock();
    try {
      if (writers > 0 || stream != null || !dirty.isEmpty() || generation != generationBefore) {
        return attributes(masterView);
      }
      if (masterView.size() != committedLength) {
        committedLength = masterView.size();
        size = committedLength;
        generation++;
      }
      return masterView;
    } finally {
      lock.unlock();
    }
  }

  /**
   * A writable handle opens. The first one takes the file's write lease by opening the stream at
   * the end (BUSY, i.e. EBUSY, while another client writes the file). Unless {@code lengthIsFresh}
   * (just read from the master), the length is read again under the lease: another client may have
   * written the file while only readers had it open here.
   */
  void addWriter(boolean lengthIsFresh) {
    lock.lock();
    try {
      if (stream
          == null) { // the first writable handle, or the last one's close(2) gave the lease back
        long at = committedLength;
        stream = deadlines.call("open " + path + " for writing", () -> fs.openForWriteAt(path, at));
        streamPos = at;
        unsynced = false;
        if (!lengthIsFresh && dirty.isEmpty()) {
          refreshLength();
        }
      }
      writers++;
    } finally {
      lock.unlock();
    }
  }

  private void refreshLength() {
    long length;
    try {
      length = deadlines.call("stat " + path, () -> fs.stat(path)).length();
    } catch (RuntimeException e) {
      closeStream();
      throw e;
    }
    if (length != committedLength) {
      committedLength = length;
      size = length;
      streamPos = NOT_POSITIONED;
      generation++;
    }
  }

  /**
   * A writable handle closes: what it wrote becomes durable; the last one closes the stream, which
   * releases the lease. Reports an earlier write failure, as {@link #flush()}.
   */
  void removeWriter() {
    lock.lock();
    try {
      writers =
          Math.max(0, writers - 1); // never below 0: an unmount may have released the file already
      try {
        flushLocked();
      } finally {
        if (writers == 0) {
          closeStream();
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Before unmounting: writes everything out and gives the lease back, whatever handles are open.
   */
  void release() {
    lock.lock();
    try {
      try {
        flushLocked();
      } finally {
        writers = 0;
        closeStream();
      }
    } finally {
      lock.unlock();
    }
  }

  void write(long offset, byte[] src, int len) {
    lock.lock();
    try {
      if (stream != null && offset == streamPos) {
        appendToStream(offset, src, len);
      } else if (dirty.isEmpty() && offset == size && size == committedLength) {
        positionStream(offset);
        appendToStream(offset, src, len);
      } else if (sequential.continuesRun(offset)) {
        syncStream(); // the stream moves: what it holds becomes durable first
        positionStream(offset);
        appendToStream(offset, src, len);
      } else {
        dirty.write(offset, src, 0, len);
        size = Math.max(size, offset + len);
        if (dirty.bytes() > maxDirtyBytes) {
          flushLocked();
        }
      }
      sequential.wrote(offset, len);
      modified = Instant.now();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Points the stream at {@code offset} (the file's end or a rewrite's next byte, nothing
   * unsynced): a new stream is opened before the old one closes, so the lease is never let go in
   * between.
   */
  private void positionStream(long offset) {
    DfsOutput next =
        deadlines.call("open " + path + " for writing", () -> fs.openForWriteAt(path, offset));
    DfsOutput old = stream;
    stream = next;
    streamPos = offset;
    unsynced = false;
    if (old != null) {
      try {
        old.close(); // nothing unsynced: this only drops one of the client's streams on the file
      } catch (IOException e) {
        LOG.log(
            Level.WARNING,
            "closing a stale write stream of " + path + " failed: " + e.getMessage());
      }
    }
  }

  private void appendToStream(long offset, byte[] src, int len) {
    dirty.remove(offset, offset + len);
    try {
      stream.write(src, 0, len);
    } catch (IOException e) {
      abandonStream(e);
      throw new FuseErrnoException(
          ErrnoMapper.errno(e, Operation.DATA), "write to " + path + " failed", e);
    }
    if (!unsynced) {
      unsyncedFrom = offset;
    }
    streamPos += len;
    unsynced = true;
    size = Math.max(size, streamPos);
  }

  /**
   * Sets the length. A cut into goDFS's bytes is one {@link FileSystemUseCase#truncate} call right
   * away (exact: those bytes never come back); bytes written so far are synced first, else their
   * later commit would lengthen the file again. While this mount writes the file (holding its
   * lease), a length at or past goDFS's is only noted, and the next flush extends the file with
   * zeros: programs that size a file and then fill it cost no extra call, and their writes from the
   * stream's position on still go into the stream (the sized part reads as zeros meanwhile).
   */
  void truncate(long length) {
    lock.lock();
    try {
      syncStream();
      boolean cut = length < committedLength || writers == 0;
      if (cut) {
        deadlines.call("truncate " + path, () -> fs.truncate(path, length));
        committedLength = length;
        generation++;
      }
      dirty.truncate(length);
      size = length;
      // A length only noted leaves the stream's position valid, unless it cut below it: fio's
      // fallocate, then sequential writes, keep streaming.
      if (length < streamPos || (cut && length != streamPos)) {
        streamPos = NOT_POSITIONED; // keeps the lease; the next write at the end repositions it
      }
      modified = Instant.now();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Reads up to {@code len} bytes at {@code offset} into {@code dst}; returns the count (0 at the
   * end).
   */
  int read(long offset, byte[] dst, int len, ReaderSlot reader) {
    lock.lock();
    try {
      if (offset >= size || len == 0) {
        return 0;
      }
      int n = (int) Math.min(len, size - offset);
      if (unsynced && offset < streamPos && offset + n > chunkStart(unsyncedFrom)) {
        // The stream's bytes become readable once committed, and so do the untouched bytes of the
        // chunks they are in: writing them gave those chunks' replicas a new version, which no
        // reader may read before the commit (a rewrite's read of the chunk's first half, while
        // the stream writes its second, failed with EBUSY).
        syncStream();
      }
      int fromCluster = (int) Math.max(0, Math.min(n, committedLength - offset));
      int got = fromCluster > 0 ? reader.read(path, generation, offset, dst, fromCluster) : 0;
      Arrays.fill(dst, got, n, (byte) 0);
      dirty.overlay(offset, dst, 0, n);
      return n;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Makes every byte written so far durable in goDFS and visible to other clients (the stream stays
   * open and keeps the lease); reports an earlier write failure once.
   */
  void flush() {
    lock.lock();
    try {
      flushLocked();
    } finally {
      lock.unlock();
    }
  }

  /**
   * close(2) of a descriptor: as {@link #flush()}, except that when this is the only writable
   * handle and everything unsynced is in the stream, the stream closes instead of syncing: its
   * bytes and the lease's release go to the master together (for a small file, one call: ADR 0016),
   * and FUSE's release that follows has nothing left to do. A later write through the same handle
   * (a duplicated descriptor) takes the lease again.
   */
  void flushOnClose() {
    lock.lock();
    try {
      if (writers == 1 && stream != null && unsynced && dirty.isEmpty() && size == streamPos) {
        closeWithBytes();
      }
      flushLocked();
    } finally {
      lock.unlock();
    }
  }

  private void closeWithBytes() {
    DfsOutput closing = stream;
    long end = streamPos;
    stream = null;
    streamPos = NOT_POSITIONED;
    unsynced = false;
    try {
      closing.close();
      committedLength = Math.max(committedLength, end);
      generation++;
    } catch (IOException e) {
      LOG.log(Level.WARNING, "write to " + path + " failed: " + e.getMessage());
      pendingErrno = ErrnoMapper.errno(e, Operation.DATA);
      resync();
    }
  }

  private void flushLocked() {
    syncStream();
    if (!dirty.isEmpty() || size > committedLength) {
      writeRuns();
    }
    if (pendingErrno != 0) {
      int errno = pendingErrno;
      pendingErrno = 0;
      throw new FuseErrnoException(errno, "an earlier write to " + path + " failed");
    }
  }

  /**
   * {@link DfsOutput#sync()}: durable on every replica and committed, without closing the stream.
   */
  /** Where the chunk holding {@code offset} starts, in the stream's file. */
  private long chunkStart(long offset) {
    return offset - offset % stream.chunkSize();
  }

  private void syncStream() {
    if (stream == null || !unsynced) {
      return;
    }
    try {
      stream.sync();
      committedLength = Math.max(committedLength, streamPos);
      unsynced = false;
      generation++;
    } catch (IOException e) {
      abandonStream(e);
    }
  }

  /** Closes the stream, releasing the lease when it was this client's last stream on the file. */
  private void closeStream() {
    if (stream == null) {
      return;
    }
    syncStream();
    if (stream == null) {
      return; // the sync failed and abandoned it
    }
    DfsOutput closing = stream;
    stream = null;
    streamPos = NOT_POSITIONED;
    try {
      closing.close();
    } catch (IOException e) {
      // Every byte was synced (durable) above; only giving the lease back failed, and the master
      // takes it back by itself once it expires.
      LOG.log(Level.WARNING, "releasing the write lease of " + path + " failed: " + e.getMessage());
    }
  }

  /**
   * The stream failed: its unsynced bytes are lost; resync with goDFS and report at the next flush.
   */
  private void abandonStream(IOException e) {
    LOG.log(Level.WARNING, "write to " + path + " failed: " + e.getMessage());
    DfsOutput failed = stream;
    stream = null;
    streamPos = NOT_POSITIONED;
    unsynced = false;
    if (failed != null) {
      try {
        failed.close();
      } catch (IOException ignored) {
        // Expected: a failed stream fails its close too; the failure was logged above.
      }
    }
    pendingErrno = ErrnoMapper.errno(e, Operation.DATA);
    resync();
  }

  /** Takes goDFS's length as the truth after a failed write (best effort). */
  private void resync() {
    generation++;
    try {
      committedLength = deadlines.call("stat " + path, () -> fs.stat(path)).length();
      size = Math.max(committedLength, dirty.end());
    } catch (DfsException | FuseErrnoException e) {
      LOG.log(Level.WARNING, "cannot stat " + path + " after a failed write: " + e.getMessage());
    }
  }

  /**
   * Writes the buffered extents in as few streams as possible, then extends the file to {@code
   * size}.
   */
  private void writeRuns() {
    long written = Math.max(committedLength, dirty.end());
    try {
      new DirtyRuns(fs, deadlines, path, committedLength).write(dirty.extents());
      if (size > written) { // grown by a truncate past every written byte: zeros up to size
        deadlines.call("truncate " + path, () -> fs.truncate(path, size));
      }
    } catch (IOException | DfsException e) {
      resync();
      throw new FuseErrnoException(
          ErrnoMapper.errno(e, Operation.DATA), "flush of " + path + " failed", e);
    }
    committedLength = size;
    dirty.clear();
    generation++;
    if (streamPos != size) {
      streamPos = NOT_POSITIONED; // other streams wrote around it: appends reopen at the new end
    }
  }
}
