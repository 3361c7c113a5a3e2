package io.godfs.application.client;

import io.godfs.application.port.in.DfsOutput;
import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.application.port.in.UploadCheck;
import io.godfs.application.shared.StagedNames;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.function.LongConsumer;
import java.util.random.RandomGenerator;

/**
 * The one way goDFS uploads stage a file and move it into place: the bytes stream into a staged
 * file of this upload's own, and only a complete, closed (durable on every replica) staged file is
 * renamed onto the target, while the target's write lease is held ({@link TargetLease}). A failed
 * upload removes only its own staged file, never the target, which another client may have put
 * there meanwhile.
 *
 * <p>Where the staged file goes is the one thing callers choose. Beside the target, as {@code hdfs
 * dfs -put}: {@code .<name>.<12 hex digits>._COPYING_} ({@link StagedNames}), so the rename stays
 * within one directory and the master deletes the file of a killed upload when its lease expires.
 * Or in one folder (the gateway's {@code /.godfs/tmp}, {@code put-<24 hex digits>}), which the
 * upload janitor sweeps, so nothing of a gateway's work shows in its callers' directories.
 *
 * <p>The random part of a staged name comes from the injected {@code random}: a {@code
 * SecureRandom} in production, so a name cannot be guessed by another client.
 */
final class StagedWriter {
  private static final System.Logger LOG = System.getLogger(StagedWriter.class.getName());
  private static final int MAX_BUFFER = 256 * 1024;
  private final FileSystemUseCase fs;
  private final DfsPath folder;
  private final RandomGenerator random;

  /** {@code folder}: where staged files go; null: beside their targets. */
  StagedWriter(FileSystemUseCase fs, DfsPath folder, RandomGenerator random) {
    this.fs = fs;
    this.folder = folder;
    this.random = random;
  }

  /**
   * Streams {@code body} into a fresh staged file for {@code target} and returns its path, closed
   * and durable; the caller renames it ({@link #commit}) or {@link #discard}s it. On failure the
   * staged file is removed.
   */
  DfsPath stage(DfsPath target, InputStream body, long sizeHint, LongConsumer progress)
      throws IOException {
    DfsPath staged = stagedPathFor(target);
    DfsOutput out = createStaged(staged);
    try {
      byte[] buf =
          new byte[sizeHint >= 0 ? (int) Math.max(1, Math.min(MAX_BUFFER, sizeHint)) : MAX_BUFFER];
      long total = 0;
      int n;
      while ((n = body.read(buf)) > 0) {
        out.write(buf, 0, n);
        total += n;
        progress.accept(total);
      }
      out.close(); // durable on every replica once this returns
      return staged;
    } catch (IOException | RuntimeException e) {
      closeQuietly(out, e);
      discard(staged, e);
      throw e;
    }
  }

  /**
   * Renames a finished staged file onto {@code target} ({@code replace}: over an existing file,
   * holding its write lease, so a file another client is writing is refused with BUSY). With a
   * {@code check}, the target is checked once more under the lease and the rename goes only over
   * the file that check approved (CONFLICT once another client replaced or removed it). The staged
   * file is removed on failure.
   */
  void commit(DfsPath staged, DfsPath target, boolean replace, UploadCheck check) {
    try (TargetLease lease = replace ? TargetLease.take(fs, target) : TargetLease.none(target)) {
      FileStatus approved = null;
      if (check != null) {
        approved = statOrNull(fs, target);
        check.check(approved);
      }
      if (replace && approved != null) {
        fs.renameOver(staged, target, approved.fileId());
      } else {
        fs.rename(
            staged, target, replace); // without replace: ALREADY_EXISTS if the target appeared
      }
    } catch (RuntimeException e) {
      discard(staged, e);
      throw e;
    }
  }

  /** Best effort: removes a staged file; what went wrong is added to {@code failure}, if any. */
  void discard(DfsPath staged, Throwable failure) {
    try {
      fs.delete(staged, false);
    } catch (DfsException e) {
      if (e.code() == ErrorCode.NOT_FOUND) {
        return;
      }
      // Not fatal: a staged file in the folder is swept by the janitor, one beside the target is
      // closed and stays until someone deletes it.
      if (failure != null) {
        failure.addSuppressed(e);
      } else {
        LOG.log(Level.DEBUG, "could not delete staged file " + staged + ": " + e.getMessage());
      }
    } catch (RuntimeException e) {
      if (failure == null) {
        throw e;
      }
      failure.addSuppressed(e);
    }
  }

  private DfsOutput createStaged(DfsPath staged) {
    try {
      return fs.create(staged, false);
    } catch (DfsException e) {
      if (folder == null || e.code() != ErrorCode.NOT_FOUND) {
        throw e;
      }
      fs.mkdir(folder, true); // the first upload, or someone removed the folder
      return fs.create(staged, false);
    }
  }

  /** A staged name of one upload to {@code target}: unique to this upload. */
  DfsPath stagedPathFor(DfsPath target) {
    if (folder != null) {
      byte[] id = new byte[12];
      random.nextBytes(id);
      return folder.child("put-" + HexFormat.of().formatHex(id));
    }
    byte[] id = new byte[StagedNames.RANDOM_BYTES];
    random.nextBytes(id);
    String suffix = "." + HexFormat.of().formatHex(id) + StagedNames.SUFFIX;
    String name = target.name();
    // Keep the whole staged name within a segment's limit; the random part alone makes it unique.
    int room = DfsPath.MAX_SEGMENT_BYTES - 1 - suffix.length();
    while (name.getBytes(StandardCharsets.UTF_8).length > room) {
      name = name.substring(0, name.offsetByCodePoints(name.length(), -1));
    }
    return target.parent().child("." + name + suffix);
  }

  static FileStatus statOrNull(FileSystemUseCase fs, DfsPath path) {
    try {
      return fs.stat(path);
    } catch (DfsException e) {
      if (e.code() == ErrorCode.NOT_FOUND) {
        return null;
      }
      throw e;
    }
  }

  private static void closeQuietly(DfsOutput out, Exception failure) {
    try {
      out.close();
    } catch (IOException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }
}
