package io.godfs.bootstrap.cli;

import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code godfs fs chmod MODE PATH...} (ADR 0028): sets the 12 permission bits of each path, from an
 * octal MODE or a symbolic one as chmod(1) reads it ({@link FileModes}); a symbolic MODE starts
 * from the path's current mode. A MODE it cannot read is a usage error (exit 2).
 */
@Command(
    name = "chmod",
    mixinStandardHelpOptions = true,
    description = "Change the permission bits of each PATH, as chmod(1).",
    footer = {
      "",
      "MODE is octal (750, 0750, 4755, 1777) or symbolic: comma-separated [ugoa]*[-+=][rwxXst]*"
          + " clauses such as u+x,g-w,o=r,a+rX or g=u. Without u, g, o or a a clause works as a"
          + " (no umask is applied). X: execute for directories and for files some execute bit"
          + " is already set on."
    })
final class ChmodCommand extends AttributeCommand {
  private FileModes.Change mode;

  @Parameters(
      index = "1..*",
      arity = "1..*",
      paramLabel = "PATH",
      description = "Absolute goDFS path.")
  List<String> paths;

  ChmodCommand(CliContext ctx) {
    super(ctx);
  }

  @Parameters(
      index = "0",
      paramLabel = "MODE",
      description = "Octal (0750) or symbolic (u+x,g-w,o=r,a+rX).")
  void mode(String text) {
    try {
      mode = FileModes.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(), "chmod: invalid MODE '" + text + "': " + e.getMessage());
    }
  }

  @Override
  List<String> paths() {
    return paths;
  }

  @Override
  String verb() {
    return "chmod";
  }

  @Override
  void change(FileSystemUseCase fs, DfsPath path) {
    int bits;
    if (mode.needsCurrent()) {
      FileStatus now = fs.stat(path);
      bits = mode.apply(now.attributes().mode(), now.isDirectory());
    } else {
      bits = mode.apply(0, false);
    }
    fs.setPermission(path, bits);
  }
}
