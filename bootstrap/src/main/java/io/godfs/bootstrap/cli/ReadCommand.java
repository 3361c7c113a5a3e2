package io.godfs.bootstrap.cli;

import io.godfs.application.port.in.FileSystemUseCase;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** The original goDFS client's {@code read <path> <local-file>}: {@code get -f}. */
@Command(
    name = "read",
    mixinStandardHelpOptions = true,
    description = "Read PATH into a local file, replacing it (= get -f PATH LOCAL).")
final class ReadCommand extends FsSubcommand {
  @Parameters(index = "0", paramLabel = "PATH", description = "Absolute goDFS path of a file.")
  String remote;

  @Parameters(
      index = "1",
      paramLabel = "LOCAL",
      description = "Local file or directory, or - for stdout.")
  String local;

  ReadCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  void run(FileSystemUseCase fs) throws IOException {
    new Transfers(ctx, err()).download(fs, path(remote), local, true);
  }

  @Override
  String operation() {
    return "read " + remote;
  }
}
