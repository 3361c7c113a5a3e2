package io.godfs.bootstrap.cli;

import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.domain.file.FileStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "stat",
    mixinStandardHelpOptions = true,
    description = "Show the metadata of a file, directory or symbolic link (not followed).")
final class StatCommand extends FsSubcommand {
  @Option(
      names = "--json",
      description = "Print one JSON object {path,type,target (links),length,...}.")
  boolean json;

  @Parameters(paramLabel = "PATH", description = "Absolute goDFS path.")
  String path;

  StatCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  void run(FileSystemUseCase fs) {
    FileStatus status = fs.stat(path(path));
    String target = status.isSymlink() ? fs.readlink(status.path()) : null; // never followed
    out().println(json ? StatusFormat.json(status, target) : StatusFormat.statText(status, target));
  }

  @Override
  String operation() {
    return "stat " + path;
  }
}
