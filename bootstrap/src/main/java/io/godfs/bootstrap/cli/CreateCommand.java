package io.godfs.bootstrap.cli;

import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.domain.error.ErrorCode;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "create", mixinStandardHelpOptions = true, description = "Create an empty file.")
final class CreateCommand extends FsSubcommand {
  @Option(
      names = {"-f", "--force"},
      description = "Replace an existing file with an empty one.")
  boolean force;

  @Parameters(paramLabel = "PATH", description = "Absolute goDFS path of the new file.")
  String path;

  CreateCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  void run(FileSystemUseCase fs) {
    fs.createEmpty(path(path), force);
  }

  @Override
  String operation() {
    return "create " + path;
  }

  @Override
  Map<ErrorCode, String> hints() {
    return force ? Map.of() : Map.of(ErrorCode.ALREADY_EXISTS, "use -f to overwrite");
  }
}
