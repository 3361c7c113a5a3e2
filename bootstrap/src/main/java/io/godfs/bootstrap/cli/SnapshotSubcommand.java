package io.godfs.bootstrap.cli;

import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.application.port.in.SnapshotClient;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;

/**
 * A {@code godfs snapshot} command: a file system client's {@link FileSystemUseCase#snapshots()}; a
 * failure is one line, {@code godfs: snapshot create /d s1: ...}, and exit code 1.
 */
abstract class SnapshotSubcommand extends FsSubcommand {
  SnapshotSubcommand(CliContext ctx) {
    super(ctx);
  }

  abstract void run(SnapshotClient snapshots, FileSystemUseCase fs);

  @Override
  final void run(FileSystemUseCase fs) {
    run(fs.snapshots(), fs);
  }

  @Override
  final String failedCommand() {
    return "snapshot " + operation();
  }

  /** A snapshot id as typed: a positive number. */
  static long id(String raw) {
    try {
      long id = Long.parseLong(raw);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // Said below, with what was expected.
    }
    throw new DfsException(
        ErrorCode.INVALID_ARGUMENT,
        "snapshot id : '" + raw + "' (expected: a number, as 'godfs snapshot ls' shows it)");
  }
}
