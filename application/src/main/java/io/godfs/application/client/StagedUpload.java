package io.godfs.application.client;

import io.godfs.application.port.in.DfsOutput;
import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.application.shared.StagedNames;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.LongConsumer;

/**
 * Copies a whole stream into a goDFS file without ever exposing a part of it under the file's name,
 * as {@code hdfs dfs -put} does with {@code ._COPYING_}: the bytes go to a staged file of this
 * upload's own in the target's directory, {@code .<name>.<random>._COPYING_}, and only a complete,
 * closed (durable) staged file is renamed onto the target. A failed or interrupted upload leaves the
 * target's old content, or no target; the cleanup after a failure removes only the staged file,
 * never the target, which another client may have put there meanwhile. A staged file left by a
 * killed upload is deleted by the master when its write lease expires ({@link StagedNames}).
 *
 * <p>Inputs no longer than the client's small-file limit are written in one master call instead,
 * which is atomic by itself.
 */
public final class StagedUpload {
  private static final int BUFFER_BYTES = 1 << 20;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final System.Logger LOG = System.getLogger(StagedUpload.class.getName());

  private StagedUpload() {}

  /**
   * Copies {@code in} to {@code target}; with {@code overwrite} an existing file is replaced (BUSY
   * while another client writes it), without it an existing target is refused (ALREADY_EXISTS), up
   * front and again at the final rename. {@code progress} receives the bytes copied so far.
   */
  public static FileStatus upload(FileSystemUseCase fs, InputStream in, DfsPath target, boolean overwrite,
      LongConsumer progress) throws IOException {
    if (target.isRoot()) {
      throw new DfsException(ErrorCode.IS_A_DIRECTORY, "/ is a directory");
    }
    if (!overwrite) {
      refuseExisting(fs, target);
    }
    byte[] buffer = new byte[BUFFER_BYTES];
    int first = in.readNBytes(buffer, 0, buffer.length);
    int smallLimit = fs.smallFileLimit();
    if (smallLimit > 0 && first <= smallLimit && first < buffer.length) {
      byte[] content = Arrays.copyOf(buffer, first);
      FileStatus written = fs.writeSmallFile(target, content, overwrite);
      progress.accept(first);
      return written;
    }
    DfsPath staged = stagedPathFor(target);
    DfsOutput out = fs.create(staged, false);
    try {
      long total = first;
      out.write(buffer, 0, first);
      progress.accept(total);
      int n;
      while ((n = in.readNBytes(buffer, 0, buffer.length)) > 0) {
        out.write(buffer, 0, n);
        total += n;
        progress.accept(total);
      }
      out.close(); // durable on every replica once this returns
      moveIntoPlace(fs, staged, target, overwrite);
      return fs.stat(target);
    } catch (IOException | RuntimeException e) {
      discard(fs, staged, out, e);
      throw e;
    }
  }

  /** The staged name of one upload to {@code target}: hidden, recognisable, unique to this upload. */
  static DfsPath stagedPathFor(DfsPath target) {
    byte[] id = new byte[StagedNames.RANDOM_BYTES];
    RANDOM.nextBytes(id);
    String suffix = "." + HexFormat.of().formatHex(id) + StagedNames.SUFFIX;
    String name = target.name();
    // Keep the whole staged name within a segment's limit; the random part alone makes it unique.
    int room = DfsPath.MAX_SEGMENT_BYTES - 1 - suffix.length();
    while (name.getBytes(StandardCharsets.UTF_8).length > room) {
      name = name.substring(0, name.offsetByCodePoints(name.length(), -1));
    }
    return target.parent().child("." + name + suffix);
  }

  private static void refuseExisting(FileSystemUseCase fs, DfsPath target) {
    try {
      FileStatus existing = fs.stat(target);
      throw new DfsException(ErrorCode.ALREADY_EXISTS,
          (existing.isDirectory() ? "directory " : "file ") + target + " already exists");
    } catch (DfsException e) {
      if (e.code() != ErrorCode.NOT_FOUND) {
        throw e;
      }
    }
  }

  /**
   * Renames the finished staged file onto the target. Over an existing file, the target's write lease
   * is held across the rename, so a file another client is still writing is not pulled from under it
   * (the master's rename does not look at leases): the upload is the one refused, BUSY.
   */
  private static void moveIntoPlace(FileSystemUseCase fs, DfsPath staged, DfsPath target, boolean overwrite)
      throws IOException {
    if (!overwrite) {
      fs.rename(staged, target, false); // ALREADY_EXISTS if the target appeared meanwhile
      return;
    }
    DfsOutput lease = takeLease(fs, target);
    try {
      fs.rename(staged, target, true);
    } finally {
      if (lease != null) {
        release(lease, target);
      }
    }
  }

  private static DfsOutput takeLease(FileSystemUseCase fs, DfsPath target) {
    try {
      return fs.openForWriteAt(target, 0);
    } catch (DfsException e) {
      if (e.code() == ErrorCode.NOT_FOUND || e.code() == ErrorCode.IS_A_DIRECTORY
          || e.code() == ErrorCode.NOT_A_DIRECTORY) {
        return null; // nothing to protect; the rename reports the rest
      }
      throw e;
    }
  }

  private static void release(DfsOutput lease, DfsPath target) {
    try {
      lease.close();
    } catch (IOException | RuntimeException e) {
      // Expected once the rename replaced the file: its id is gone, so the master cannot close it.
      // Nothing was written through this stream, so nothing is lost.
      LOG.log(System.Logger.Level.DEBUG, "releasing the lease of replaced " + target + ": " + e.getMessage());
    }
  }

  /** Best effort after a failed upload: removes this upload's own staged file, never the target. */
  private static void discard(FileSystemUseCase fs, DfsPath staged, OutputStream out, Exception failure) {
    try {
      out.close();
    } catch (IOException | RuntimeException e) {
      failure.addSuppressed(e);
    }
    try {
      fs.delete(staged, false);
    } catch (DfsException e) {
      if (e.code() != ErrorCode.NOT_FOUND) {
        failure.addSuppressed(e);
      }
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }
}
