package io.godfs.adapters.rest.content;

import io.godfs.adapters.rest.http.Params;
import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Writes a new version of a file without ever exposing half of it: the bytes stream into a temp
 * file under {@code /.godfs/tmp}, and only a complete, closed (durable) temp file is renamed over
 * the target, atomically, while the gateway holds the target's write lease ({@link TargetLease}).
 * A failed or interrupted upload leaves the old content intact; its temp
 * file is deleted, or expired later by {@link io.godfs.adapters.rest.multipart.UploadJanitor}.
 */
public final class StagedWrite {
  public static final DfsPath TMP = Params.RESERVED.child("tmp");
  private static final System.Logger LOG = System.getLogger("io.godfs.adapters.rest");
  private static final int MAX_BUFFER = 256 * 1024;
  private final FileSystemUseCase fs;
  private final SecureRandom random = new SecureRandom();

  public StagedWrite(FileSystemUseCase fs) {
    this.fs = fs;
  }

  /**
   * Checked once more right before the rename, e.g. that If-Match still holds. Returns the id of the
   * target file that check approved, which the rename then requires (a compare-and-swap: a file
   * another client put there after the check is never replaced), or {@link #ANY_TARGET}.
   */
  @FunctionalInterface
  public interface BeforeCommit {
    long check();
  }

  /** A {@link BeforeCommit} answer: no particular target is required. */
  public static final long ANY_TARGET = 0;

  /** Checks nothing and requires no particular target. */
  public static final BeforeCommit UNCONDITIONAL = () -> ANY_TARGET;

  /**
   * Streams {@code body} (at most {@code limit} bytes, else 413) into a temp file, then renames it
   * to {@code target} ({@code replace}: over an existing file). Returns the new file's status.
   */
  public FileStatus write(DfsPath target, InputStream body, long limit, long sizeHint, boolean replace,
      BeforeCommit beforeCommit) {
    DfsPath temp = writeTemp(body, limit, sizeHint);
    commit(temp, target, replace, beforeCommit);
    return fs.stat(target);
  }

  /**
   * Renames a finished temp file onto {@code target} while holding the target's write lease, so a
   * file another client is writing is not replaced (BUSY). The temp file is discarded on failure.
   */
  public void commit(DfsPath temp, DfsPath target, boolean replace, BeforeCommit beforeCommit) {
    try (TargetLease lease = TargetLease.take(fs, target)) {
      long expected = beforeCommit.check();
      if (expected == ANY_TARGET) {
        fs.rename(temp, target, replace);
      } else {
        fs.renameOver(temp, target, expected);
      }
    } catch (RuntimeException e) {
      discard(temp);
      throw e;
    }
  }

  /** Streams {@code body} into a fresh temp file and returns its path; the caller renames or discards it. */
  public DfsPath writeTemp(InputStream body, long limit, long sizeHint) {
    DfsPath temp = newTempPath();
    OutputStream out = createTemp(temp);
    boolean done = false;
    try {
      copy(new LimitedInputStream(body, limit), out, sizeHint);
      out.close(); // durable on every replica once this returns
      done = true;
      return temp;
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + temp, e);
    } finally {
      if (!done) {
        closeQuietly(out);
        discard(temp);
      }
    }
  }

  public void discard(DfsPath temp) {
    try {
      fs.delete(temp, false);
    } catch (DfsException e) {
      // Not fatal: the janitor expires leftovers under /.godfs/tmp.
      LOG.log(Level.DEBUG, "could not delete temp file " + temp + ": " + e.getMessage());
    }
  }

  private OutputStream createTemp(DfsPath temp) {
    try {
      return fs.create(temp, false);
    } catch (DfsException e) {
      if (e.code() != ErrorCode.NOT_FOUND) {
        throw e;
      }
      fs.mkdir(TMP, true); // first upload, or someone removed the folder
      return fs.create(temp, false);
    }
  }

  private DfsPath newTempPath() {
    byte[] id = new byte[12];
    random.nextBytes(id);
    return TMP.child("put-" + HexFormat.of().formatHex(id));
  }

  static void copy(InputStream in, OutputStream out, long sizeHint) throws IOException {
    int size = sizeHint >= 0 ? (int) Math.max(1, Math.min(MAX_BUFFER, sizeHint)) : MAX_BUFFER;
    byte[] buf = new byte[size];
    int n;
    while ((n = in.read(buf)) > 0) {
      out.write(buf, 0, n);
    }
  }

  private static void closeQuietly(OutputStream out) {
    try {
      out.close();
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.DEBUG, "closing an abandoned temp stream: " + e.getMessage());
    }
  }
}
