package io.godfs.bootstrap.cli;

import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.DfsPath;
import java.util.List;

/**
 * A command that changes the attributes of each PATH it is given ({@code chmod}, {@code chown},
 * {@code touch}; ADR 0028). As the Unix tools, it goes on after a path it could not change and
 * exits 1 at the end, one line per failure: {@code godfs: chmod /a: /a does not exist}. An
 * unreachable master stops it at once.
 */
abstract class AttributeCommand extends FsSubcommand {
  /** The path being changed, for the error line. */
  private String current = "";

  AttributeCommand(CliContext ctx) {
    super(ctx);
  }

  /** The command's name in the error line, e.g. {@code chmod}. */
  abstract String verb();

  /** The PATH arguments. */
  abstract List<String> paths();

  /** Changes {@code path}. */
  abstract void change(FileSystemUseCase fs, DfsPath path);

  @Override
  final void run(FileSystemUseCase fs) {
    DfsException last = null;
    String lastPath = null;
    for (String raw : paths()) {
      current = raw;
      try {
        change(fs, path(raw));
      } catch (DfsException e) {
        if (e.code() == ErrorCode.UNAVAILABLE) {
          throw e;
        }
        if (last != null) {
          report(lastPath, last);
        }
        last = e;
        lastPath = raw;
      }
    }
    if (last != null) {
      current = lastPath;
      throw last; // the framework prints the last one and exits 1
    }
  }

  private void report(String path, DfsException e) {
    out().flush();
    err()
        .println(
            DfsPath.controlsEscaped(
                "godfs: " + verb() + " " + path + ": " + ErrorMessages.of(e, null, hints())));
  }

  @Override
  final String operation() {
    return verb() + " " + current;
  }
}
