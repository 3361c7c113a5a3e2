package io.godfs.bootstrap.cli;

import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.bootstrap.config.ClientConfig;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.DfsPath;
import java.io.IOException;

/**
 * A {@code godfs fs} command: runs against a file system client of the master. A failure is one
 * line on stderr, e.g. {@code godfs: put /data/x: file /data/x already exists (use -f to
 * overwrite)}, and exit code 1 (see {@link MasterClientCommand}).
 */
abstract class FsSubcommand extends MasterClientCommand {
  FsSubcommand(CliContext ctx) {
    super(ctx);
  }

  /** Does the work; text goes to {@link #out()}. */
  abstract void run(FileSystemUseCase fs) throws IOException;

  @Override
  final int connectAndRun(ClientConfig config) throws IOException {
    try (FileSystemUseCase fs = ctx.connect(config)) {
      run(fs);
      return 0;
    }
  }

  static DfsPath path(String raw) {
    return DfsPath.parse(raw).orThrow();
  }

  /** Whether {@code path} is an existing directory; false when it does not exist. */
  static boolean isDirectory(FileSystemUseCase fs, DfsPath path) {
    try {
      return fs.stat(path).isDirectory();
    } catch (DfsException e) {
      if (e.code() == ErrorCode.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }
}
