package io.godfs.bootstrap.cli;

import io.godfs.application.client.ClientServices;
import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.application.port.in.SeekableInput;
import io.godfs.application.port.in.UploadOptions;
import io.godfs.application.port.in.UploadUseCase;
import io.godfs.domain.file.DfsPath;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Copies whole files between the local disk and goDFS, streaming through a 1 MiB buffer. A failed
 * copy never leaves a partial file under the target's name: uploads stage under a name of their own
 * ({@link UploadUseCase}), downloads write to a hidden temp file in the target's directory; both
 * rename at the end.
 */
final class Transfers {
  static final int BUFFER_BYTES = 1 << 20;
  static final String STDIO = "-";

  private final CliContext ctx;
  private final PrintWriter err;

  Transfers(CliContext ctx, PrintWriter err) {
    this.ctx = ctx;
    this.err = err;
  }

  /**
   * Uploads {@code local} ({@code -} = stdin); a directory {@code remote} receives it under its
   * name.
   */
  DfsPath upload(FileSystemUseCase fs, String local, DfsPath remote, boolean force)
      throws IOException {
    boolean fromStdin = local.equals(STDIO);
    Path source = fromStdin ? null : Path.of(local);
    if (source != null && Files.isDirectory(source)) {
      throw new FileSystemException(local, null, "is a directory (put copies one file)");
    }
    long size = source == null ? -1 : Files.size(source);
    DfsPath target = remote;
    if (source != null && source.getFileName() != null && FsSubcommand.isDirectory(fs, remote)) {
      target = remote.child(source.getFileName().toString());
    }
    try (InputStream in = fromStdin ? ctx.stdin() : Files.newInputStream(source)) {
      ProgressBar progress = ProgressBar.forTransfer(ctx.interactive(), size, err);
      ClientServices.uploads(fs, new SecureRandom())
          .upload(
              target,
              in,
              UploadOptions.replace(force).withSizeHint(size).withProgress(progress::advance));
      progress.finish();
    }
    return target;
  }

  /**
   * Downloads {@code remote} to {@code local} ({@code -} = stdout); an existing local directory
   * receives it under its name.
   */
  void download(FileSystemUseCase fs, DfsPath remote, String local, boolean force)
      throws IOException {
    if (local.equals(STDIO)) {
      try (SeekableInput in = fs.open(remote)) {
        copy(in, ctx.stdout(), ProgressBar.disabled());
        ctx.stdout().flush();
      }
      return;
    }
    Path target = Path.of(local);
    if (Files.isDirectory(target) && !remote.isRoot()) {
      target = target.resolve(remote.name());
    }
    if (Files.isDirectory(target)) {
      throw new FileSystemException(target.toString(), null, "is a directory");
    }
    if (!force && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new FileAlreadyExistsException(target.toString());
    }
    Path dir = target.toAbsolutePath().getParent();
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir.toString());
    }
    try (SeekableInput in = fs.open(remote)) {
      Path temp =
          dir.resolve(
              "."
                  + target.getFileName()
                  + "."
                  + Long.toHexString(ThreadLocalRandom.current().nextLong())
                  + ".godfs-part");
      try {
        try (OutputStream out =
            Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
          copy(in, out, ProgressBar.forTransfer(ctx.interactive(), in.length(), err));
        }
        moveIntoPlace(temp, target, force);
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(temp);
        throw e;
      }
    }
  }

  /** Streams {@code in} to {@code out} in full 1 MiB buffers; returns the bytes copied. */
  long copy(InputStream in, OutputStream out, ProgressBar progress) throws IOException {
    byte[] buffer = new byte[BUFFER_BYTES];
    long total = 0;
    int n;
    while ((n = in.readNBytes(buffer, 0, buffer.length)) > 0) {
      out.write(buffer, 0, n);
      total += n;
      progress.advance(total);
    }
    progress.finish();
    return total;
  }

  private static void moveIntoPlace(Path temp, Path target, boolean force) throws IOException {
    if (!force) {
      Files.move(temp, target); // fails if the target appeared meanwhile
      return;
    }
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
