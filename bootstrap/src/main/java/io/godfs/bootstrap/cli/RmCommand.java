package io.godfs.bootstrap.cli;

import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.domain.error.ErrorCode;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "rm",
    mixinStandardHelpOptions = true,
    description = "Delete a file or an empty directory.")
final class RmCommand extends FsSubcommand {
  @Option(
      names = {"-r", "-R", "--recursive"},
      description = "Delete a directory and everything below it.")
  boolean recursive;

  @Parameters(paramLabel = "PATH", description = "Absolute goDFS path.")
  String path;

  RmCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  void run(FileSystemUseCase fs) {
    fs.delete(path(path), recursive);
  }

  @Override
  String operation() {
    return "rm " + path;
  }

  @Override
  Map<ErrorCode, String> hints() {
    return recursive
        ? Map.of()
        : Map.of(ErrorCode.NOT_EMPTY, "use -r to delete it with its contents");
  }
}
