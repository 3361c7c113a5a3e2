package io.godfs.adapters.backup;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that after a crash it is either the whole new content or absent (or its old
 * content): the bytes go to a temporary file beside it, are forced to the disk, then renamed over
 * the target, and the directory is forced so that the rename survives too (ADR 0027).
 */
final class DurableFiles {
  private static final int BUFFER_BYTES = 1 << 16;

  /** What goes into the file. It must not close {@code out}. */
  interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private DurableFiles() {}

  /** Replaces {@code target} with {@code content}, durably and atomically. */
  static void replace(Path target, Content content) throws IOException {
    Path temp = temporaryFor(target);
    try {
      try (FileChannel channel =
          FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        OutputStream out =
            new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_BYTES);
        content.writeTo(out);
        out.flush();
        channel.force(true);
      }
      moveIntoPlace(temp, target);
    } catch (IOException | RuntimeException e) {
      deleteAfterFailure(temp, e);
      throw e;
    }
  }

  /**
   * A fresh name beside {@code target} for its temporary copy: {@code .tmp-<name>-<random>}. The
   * leading '.' keeps it out of every name the archive reads, so an interrupted write is ignored.
   */
  static Path temporaryFor(Path target) {
    String random = Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
    return target.resolveSibling(".tmp-" + target.getFileName() + "-" + random);
  }

  /** Renames the forced {@code temp} over {@code target} and forces their directory. */
  static void moveIntoPlace(Path temp, Path target) throws IOException {
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    forceDirectory(target.getParent());
  }

  /** Makes the entries of {@code directory} (a rename, a new file) durable. */
  static void forceDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException ignored) {
      // Some systems (Windows, some network file systems) refuse to open or force a directory:
      // the rename is then as durable as they make it, and there is nothing better to do.
    }
  }

  /** Removes the temporary file a failed write leaves, keeping {@code failure} as the cause. */
  static void deleteAfterFailure(Path temp, Exception failure) {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }
}
