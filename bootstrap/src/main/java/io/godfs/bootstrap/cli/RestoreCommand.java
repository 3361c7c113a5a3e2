package io.godfs.bootstrap.cli;

import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.application.port.in.TrashEntry;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.DfsPath;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code godfs fs restore PATH}: puts a deleted path back from the master's trash (ADR 0024), with
 * its missing parent folders.
 */
@Command(
    name = "restore",
    mixinStandardHelpOptions = true,
    description =
        "Bring a deleted file or directory back from the trash to where it was (its latest"
            + " deletion, unless --id names another).")
final class RestoreCommand extends FsSubcommand {
  @Option(
      names = "--id",
      paramLabel = "ENTRY",
      description = "The deletion to restore, as 'godfs fs trash ls --json' shows its entryId.")
  String id;

  @Parameters(paramLabel = "PATH", description = "The path as it was before its deletion.")
  String path;

  RestoreCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  void run(FileSystemUseCase fs) {
    Optional<TrashEntry.Id> entry;
    try {
      entry = Optional.ofNullable(id).map(TrashEntry.Id::new);
    } catch (IllegalArgumentException e) {
      throw new DfsException(ErrorCode.INVALID_ARGUMENT, "--id: " + e.getMessage());
    }
    fs.trash().restore(path(path), entry);
    out().println("restored " + DfsPath.escaped(path));
  }

  @Override
  String operation() {
    return "restore " + path;
  }

  @Override
  Map<ErrorCode, String> hints() {
    return Map.of(ErrorCode.NOT_FOUND, "'godfs fs trash ls' lists what can be restored");
  }
}
