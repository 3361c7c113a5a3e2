package io.godfs.bootstrap.cli;

import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.DfsPath;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * Renames atomically; like POSIX and HDFS mv, an existing directory target receives the source.
 * {@code --exchange} swaps SRC and DST in one step, as GNU mv --exchange (renameat2's
 * RENAME_EXCHANGE; ADR 0028): both must exist, and DST is never a directory to move into.
 */
@Command(
    name = "mv",
    mixinStandardHelpOptions = true,
    description = "Move or rename; into DST/<name> when DST is an existing directory.")
final class MvCommand extends FsSubcommand {
  @Option(
      names = {"-f", "--force"},
      description = "Replace an existing target file.")
  boolean force;

  @Option(
      names = {"--exchange"},
      description = "Swap SRC and DST atomically; both must exist.")
  boolean exchange;

  @Parameters(index = "0", paramLabel = "SRC", description = "Absolute goDFS path to move.")
  String source;

  @Parameters(
      index = "1",
      paramLabel = "DST",
      description = "New path, or an existing directory to move into.")
  String target;

  MvCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  void run(FileSystemUseCase fs) {
    DfsPath from = path(source);
    DfsPath to = path(target);
    if (exchange) {
      fs.exchange(from, to);
      return;
    }
    if (!from.isRoot() && isDirectory(fs, to)) {
      to = to.child(from.name());
    }
    fs.rename(from, to, force);
  }

  @Override
  void checkUsage() {
    if (exchange && force) {
      throw new ParameterException(
          spec.commandLine(),
          "mv: --exchange and -f exclude each other (an exchange loses nothing)");
    }
  }

  @Override
  String operation() {
    return "mv " + source;
  }

  @Override
  Map<ErrorCode, String> hints() {
    return force ? Map.of() : Map.of(ErrorCode.ALREADY_EXISTS, "use -f to overwrite");
  }
}
