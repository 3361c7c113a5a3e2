package io.godfs.bootstrap.cli;

import io.godfs.application.port.in.FileSystemUseCase;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "cat",
    mixinStandardHelpOptions = true,
    description = "Print a goDFS file's bytes to stdout.")
final class CatCommand extends FsSubcommand {
  @Parameters(paramLabel = "PATH", description = "Absolute goDFS path of a file.")
  String path;

  CatCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  void run(FileSystemUseCase fs) throws IOException {
    out().flush();
    new Transfers(ctx, err()).download(fs, path(path), Transfers.STDIO, false);
  }

  @Override
  String operation() {
    return "cat " + path;
  }
}
