package io.godfs.bootstrap.cli;

import io.godfs.application.port.in.FileSystemUseCase;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * The original goDFS client's {@code write <path> <local-file>}: {@code put -f} with the arguments
 * swapped.
 */
@Command(
    name = "write",
    mixinStandardHelpOptions = true,
    description = "Write a local file into PATH, replacing it (= put -f LOCAL PATH).")
final class WriteCommand extends FsSubcommand {
  @Parameters(index = "0", paramLabel = "PATH", description = "Absolute goDFS path.")
  String remote;

  @Parameters(index = "1", paramLabel = "LOCAL", description = "Local file, or - for stdin.")
  String local;

  WriteCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  void run(FileSystemUseCase fs) throws IOException {
    new Transfers(ctx, err()).upload(fs, local, path(remote), true);
  }

  @Override
  String operation() {
    return "write " + remote;
  }
}
