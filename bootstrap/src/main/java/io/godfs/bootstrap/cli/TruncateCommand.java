package io.godfs.bootstrap.cli;

import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.bootstrap.config.Sizes;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code truncate PATH SIZE}: as coreutils' truncate -s, shrinking drops bytes and growing adds
 * zeros.
 */
@Command(
    name = "truncate",
    mixinStandardHelpOptions = true,
    description = "Set a file's length: shrinking drops the bytes past it, growing adds zeros.")
final class TruncateCommand extends FsSubcommand {
  @Parameters(
      index = "0",
      paramLabel = "PATH",
      description = "Absolute goDFS path of an existing file.")
  String path;

  @Parameters(
      index = "1",
      paramLabel = "SIZE",
      description = "New length: bytes, or with a unit (10MiB, 1GiB).")
  String size;

  TruncateCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  void run(FileSystemUseCase fs) {
    long length;
    try {
      length = Sizes.parse(size);
    } catch (IllegalArgumentException e) {
      throw new DfsException(
          ErrorCode.INVALID_ARGUMENT,
          "SIZE : " + size + " (expected: bytes or a size like 10MiB; " + e.getMessage() + ")");
    }
    fs.truncate(path(path), length);
  }

  @Override
  String operation() {
    return "truncate " + path;
  }
}
