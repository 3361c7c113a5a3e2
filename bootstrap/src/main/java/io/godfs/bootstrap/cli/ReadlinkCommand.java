package io.godfs.bootstrap.cli;

import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.domain.file.DfsPath;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code godfs fs readlink PATH...} (ADR 0028): the target of each symbolic link, one line each, as
 * stored (its unprintable characters escaped). A path that is not a link is an error line and exit
 * 1, as readlink(1) without {@code -f}; the others are still printed.
 */
@Command(
    name = "readlink",
    mixinStandardHelpOptions = true,
    description = "Print the target of each symbolic link PATH.")
final class ReadlinkCommand extends AttributeCommand {
  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Absolute goDFS path of a link.")
  List<String> paths;

  ReadlinkCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  String verb() {
    return "readlink";
  }

  @Override
  List<String> paths() {
    return paths;
  }

  @Override
  void change(FileSystemUseCase fs, DfsPath path) {
    out().println(DfsPath.escaped(fs.readlink(path)));
  }
}
