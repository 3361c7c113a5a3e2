package io.godfs.bootstrap.cli;

import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.domain.error.ErrorCode;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "mkdir", mixinStandardHelpOptions = true, description = "Create a directory.")
final class MkdirCommand extends FsSubcommand {
  @Option(
      names = {"-p", "--parents"},
      description = "Create missing parents; an existing directory is fine.")
  boolean parents;

  @Parameters(paramLabel = "PATH", description = "Absolute goDFS path, e.g. /data/logs.")
  String path;

  MkdirCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  void run(FileSystemUseCase fs) {
    fs.mkdir(path(path), parents);
  }

  @Override
  String operation() {
    return "mkdir " + path;
  }

  @Override
  Map<ErrorCode, String> hints() {
    return parents ? Map.of() : Map.of(ErrorCode.NOT_FOUND, "use -p to create parents");
  }
}
