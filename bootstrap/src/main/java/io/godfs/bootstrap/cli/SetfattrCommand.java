package io.godfs.bootstrap.cli;

import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.XattrMode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code godfs fs setfattr -n NAME [-v VALUE] PATH...} and {@code godfs fs setfattr -x NAME
 * PATH...} (ADR 0028), as setfattr(1): sets an extended attribute of each path (without {@code -v}
 * to an empty value), or removes it. VALUE is read as setfattr reads it ({@link XattrValues}):
 * {@code 0xHEX}, {@code 0sBASE64}, {@code "text"} with {@code \ooo} escapes, or plain text. Names
 * are {@code user.*} (write on the path) or {@code trusted.*} (an administrator). A path that
 * cannot be changed is an error line (exit 1); the others are changed.
 */
@Command(
    name = "setfattr",
    mixinStandardHelpOptions = true,
    description = "Set (-n NAME -v VALUE) or remove (-x NAME) an extended attribute of each PATH.",
    footer = {
      "",
      "VALUE: 0x and hexadecimal digits, 0s and base64, text in double quotes (\\ooo octal, \\\\"
          + " and \\\" escapes), or plain text (UTF-8), as setfattr(1). Values up to 64 KiB;"
          + " names up to 255 bytes in the user. or trusted. (administrators) namespaces."
    })
final class SetfattrCommand extends AttributeCommand {
  @Option(
      names = {"-n", "--name"},
      paramLabel = "NAME",
      description = "The attribute to set, e.g. user.comment.")
  String name;

  @Option(
      names = {"-x", "--remove"},
      paramLabel = "NAME",
      description = "The attribute to remove.")
  String remove;

  private byte[] value;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Absolute goDFS path.")
  List<String> paths;

  SetfattrCommand(CliContext ctx) {
    super(ctx);
  }

  @Option(
      names = {"-v", "--value"},
      paramLabel = "VALUE",
      description = "The new value (default: empty): text, \"text\", 0xHEX or 0sBASE64.")
  void value(String text) {
    try {
      value = XattrValues.decode(text);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(), "setfattr: invalid VALUE '" + text + "' (" + e.getMessage() + ")");
    }
  }

  @Override
  void checkUsage() {
    if ((name == null) == (remove == null)) {
      throw usage("give one of -n NAME (to set) and -x NAME (to remove)");
    }
    if (remove != null && value != null) {
      throw usage("-v goes with -n, not with -x");
    }
    if ((name != null && name.isEmpty()) || (remove != null && remove.isEmpty())) {
      throw usage("the NAME is empty");
    }
  }

  private ParameterException usage(String why) {
    return new ParameterException(spec.commandLine(), "setfattr: " + why);
  }

  @Override
  String verb() {
    return "setfattr";
  }

  @Override
  List<String> paths() {
    return paths;
  }

  @Override
  void change(FileSystemUseCase fs, DfsPath path) {
    if (remove != null) {
      fs.removeXattr(path, remove);
    } else {
      fs.setXattr(path, name, value == null ? new byte[0] : value, XattrMode.EITHER);
    }
  }
}
