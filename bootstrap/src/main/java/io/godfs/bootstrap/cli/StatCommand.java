package io.godfs.bootstrap.cli;

import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.domain.file.FileStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "stat",
    mixinStandardHelpOptions = true,
    description = "Show a file's or directory's metadata.")
final class StatCommand extends FsSubcommand {
  @Option(
      names = "--json",
      description = "Print one JSON object {path,type,length,modificationTime,...}.")
  boolean json;

  @Parameters(paramLabel = "PATH", description = "Absolute goDFS path.")
  String path;

  StatCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  void run(FileSystemUseCase fs) {
    FileStatus status = fs.stat(path(path));
    out().println(json ? StatusFormat.json(status) : StatusFormat.statText(status));
  }

  @Override
  String operation() {
    return "stat " + path;
  }
}
