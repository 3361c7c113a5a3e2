package io.godfs.bootstrap.cli;

import io.godfs.application.port.in.Deletion;
import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.DfsPath;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "rm",
    mixinStandardHelpOptions = true,
    description =
        "Delete a file or an empty directory (into the master's trash when it keeps one: see"
            + " 'godfs fs trash').")
final class RmCommand extends FsSubcommand {
  @Option(
      names = {"-r", "-R", "--recursive"},
      description = "Delete a directory and everything below it.")
  boolean recursive;

  @Parameters(paramLabel = "PATH", description = "Absolute goDFS path.")
  String path;

  RmCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  void run(FileSystemUseCase fs) {
    if (fs.remove(path(path), recursive) instanceof Deletion.Trashed trashed) {
      // With the master's trash on (ADR 0024): say where it went and for how long.
      out()
          .println(
              "moved "
                  + DfsPath.escaped(path)
                  + " to the trash until "
                  + trashed.entry().purgeAt().truncatedTo(ChronoUnit.SECONDS)
                  + " (godfs fs restore "
                  + DfsPath.escaped(path)
                  + " brings it back)");
    }
  }

  @Override
  String operation() {
    return "rm " + path;
  }

  @Override
  Map<ErrorCode, String> hints() {
    return recursive
        ? Map.of()
        : Map.of(ErrorCode.NOT_EMPTY, "use -r to delete it with its contents");
  }
}
