package io.godfs.bootstrap.cli;

import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.domain.error.ErrorCode;
import java.io.IOException;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "get",
    mixinStandardHelpOptions = true,
    description =
        "Copy a goDFS file to a local file (- = stdout); into LOCAL/<name> when LOCAL is a directory.")
final class GetCommand extends FsSubcommand {
  @Option(
      names = {"-f", "--force"},
      description = "Overwrite an existing local file.")
  boolean force;

  @Parameters(index = "0", paramLabel = "REMOTE", description = "Absolute goDFS path of a file.")
  String remote;

  @Parameters(
      index = "1",
      paramLabel = "LOCAL",
      description = "Local file or directory, or - for stdout.")
  String local;

  GetCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  void run(FileSystemUseCase fs) throws IOException {
    new Transfers(ctx, err()).download(fs, path(remote), local, force);
  }

  @Override
  String operation() {
    return "get " + remote;
  }

  @Override
  Map<ErrorCode, String> hints() {
    return force ? Map.of() : Map.of(ErrorCode.ALREADY_EXISTS, "use -f to overwrite");
  }
}
