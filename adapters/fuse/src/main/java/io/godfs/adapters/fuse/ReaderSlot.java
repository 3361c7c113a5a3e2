package io.godfs.adapters.fuse;

import io.godfs.adapters.fuse.ErrnoMapper.Operation;
import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.application.port.in.SeekableInput;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.file.DfsPath;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;

/**
 * A handle's reading stream: kept open between reads, so sequential reads continue one SDK stream
 * (with its read-ahead); reopened when the file changed under it (a newer generation) or after a
 * failure. Used under the {@link OpenFile}'s lock.
 */
final class ReaderSlot implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ReaderSlot.class.getName());
  private final FileSystemUseCase fs;
  private final Deadlines deadlines;
  private SeekableInput input;
  private long generation = -1;

  ReaderSlot(FileSystemUseCase fs, Deadlines deadlines) {
    this.fs = fs;
    this.deadlines = deadlines;
  }

  /** Reads {@code len} bytes at {@code offset}; returns fewer only when goDFS's file is shorter. */
  int read(DfsPath path, long fileGeneration, long offset, byte[] dst, int len) {
    try {
      if (input == null || generation != fileGeneration) {
        close();
        input = deadlines.call("open " + path, () -> fs.open(path));
        generation = fileGeneration;
      }
      if (offset >= input.length()) {
        return 0;
      }
      if (input.position() != offset) {
        input.seek(offset);
      }
      return readFully(input, dst, 0, len);
    } catch (IOException | DfsException e) {
      close(); // the next read starts over from a fresh stream
      throw new FuseErrnoException(
          ErrnoMapper.errno(e, Operation.DATA), "read of " + path + " failed", e);
    }
  }

  @Override
  public void close() {
    if (input != null) {
      try {
        input.close();
      } catch (IOException e) {
        LOG.log(Level.DEBUG, "closing a read stream failed: " + e.getMessage());
      }
      input = null;
    }
  }

  /** Reads until {@code len} bytes or the end; returns the count. */
  static int readFully(InputStream in, byte[] dst, int off, int len) throws IOException {
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
}
