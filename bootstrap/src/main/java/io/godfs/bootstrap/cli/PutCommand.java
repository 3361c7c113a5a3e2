package io.godfs.bootstrap.cli;

import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.domain.error.ErrorCode;
import java.io.IOException;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "put",
    mixinStandardHelpOptions = true,
    description =
        "Copy a local file (- = stdin) into goDFS; into REMOTE/<name> when REMOTE is a directory.")
final class PutCommand extends FsSubcommand {
  @Option(
      names = {"-f", "--force"},
      description = "Overwrite an existing remote file.")
  boolean force;

  @Parameters(index = "0", paramLabel = "LOCAL", description = "Local file, or - for stdin.")
  String local;

  @Parameters(index = "1", paramLabel = "REMOTE", description = "Absolute goDFS path or directory.")
  String remote;

  PutCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  void run(FileSystemUseCase fs) throws IOException {
    new Transfers(ctx, err()).upload(fs, local, path(remote), force);
  }

  @Override
  String operation() {
    return "put " + remote;
  }

  @Override
  Map<ErrorCode, String> hints() {
    return force ? Map.of() : Map.of(ErrorCode.ALREADY_EXISTS, "use -f to overwrite");
  }
}
