package io.godfs.bootstrap.cli;

import io.godfs.application.port.in.FileSystemUseCase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code godfs fs ln -s TARGET LINK} (ADR 0028): a symbolic link at LINK to TARGET, as ln(1) makes
 * it with {@code -sT}: LINK is the link's own path (an existing LINK is refused, a directory too),
 * TARGET is stored as given and need not exist. Hard links are not supported yet: without {@code
 * -s} it is a usage error (exit 2).
 */
@Command(
    name = "ln",
    mixinStandardHelpOptions = true,
    description = "Make a symbolic link LINK to TARGET, as ln -s.",
    footer = {
      "",
      "TARGET is stored as given, relative (to the link's directory) or absolute, and need not"
          + " exist; goDFS never follows links, the mount's kernel does. LINK is the new link's"
          + " absolute goDFS path (as ln -sT: not a directory to put it in)."
    })
final class LnCommand extends FsSubcommand {
  @Option(
      names = {"-s", "--symbolic"},
      description = "Make a symbolic link (required: hard links are not supported yet).")
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
    if (!symbolic) {
      throw new ParameterException(
          spec.commandLine(),
          "ln: hard links are not supported yet (ADR 0028 stage 3); use -s for a symbolic link");
    }
    if (target.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "ln: TARGET is empty");
    }
  }

  @Override
  void run(FileSystemUseCase fs) {
    fs.symlink(path(link), target, null);
  }

  @Override
  String operation() {
    return "ln " + link;
  }
}
