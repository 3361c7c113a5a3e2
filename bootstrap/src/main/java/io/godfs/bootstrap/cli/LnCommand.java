package io.godfs.bootstrap.cli;

import io.godfs.application.port.in.FileSystemUseCase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code godfs fs ln [-s] TARGET LINK} (ADR 0028), as ln(1) with {@code -T}: LINK is the new name's
 * own path (an existing LINK is refused, a directory too). With {@code -s}, a symbolic link whose
 * TARGET is stored as given and need not exist; without, a hard link: LINK becomes another name of
 * the file (not a directory) at TARGET.
 */
@Command(
    name = "ln",
    mixinStandardHelpOptions = true,
    description = "Make LINK another name of the file TARGET, or with -s a symbolic link to it.",
    footer = {
      "",
      "A hard link's TARGET is the absolute goDFS path of a file (not a directory). A symbolic"
          + " link's TARGET is stored as given, relative (to the link's directory) or absolute,"
          + " and need not exist; goDFS never follows links, the mount's kernel does. LINK is the"
          + " new name's absolute goDFS path (as ln -T: not a directory to put it in)."
    })
final class LnCommand extends FsSubcommand {
  @Option(
      names = {"-s", "--symbolic"},
      description = "Make a symbolic link instead of a hard link.")
  boolean symbolic;

  @Parameters(index = "0", paramLabel = "TARGET", description = "What the link points to.")
  String target;

  @Parameters(index = "1", paramLabel = "LINK", description = "Absolute goDFS path of the link.")
  String link;

  LnCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  void checkUsage() {
    if (target.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "ln: TARGET is empty");
    }
  }

  @Override
  void run(FileSystemUseCase fs) {
    if (symbolic) {
      fs.symlink(path(link), target, null);
    } else {
      fs.link(path(target), path(link));
    }
  }

  @Override
  String operation() {
    return "ln " + link;
  }
}
