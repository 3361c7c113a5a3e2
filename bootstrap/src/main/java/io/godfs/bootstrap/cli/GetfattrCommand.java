package io.godfs.bootstrap.cli;

import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.bootstrap.cli.XattrValues.Encoding;
import io.godfs.domain.error.DfsError;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.XattrRules;
import io.godfs.domain.file.Xattrs;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code godfs fs getfattr [-n NAME] [-d] [-e text|hex|base64] PATH...} (ADR 0028), printing as
 * getfattr(1) does with absolute names: per path with something to show, {@code # file: PATH}, one
 * line per attribute and an empty line. Without {@code -n} or {@code -d} the names only; {@code -d}
 * with their values; {@code -n} one attribute, whose absence is an error line naming it (exit 1,
 * the other paths still printed). A value is {@code name="text"} when it is printable UTF-8, else
 * {@code name=0sBASE64}, or as {@code -e} says; an empty one is the name alone. Every name the
 * caller may read is shown ({@code user.*}, and {@code trusted.*} for an administrator).
 */
@Command(
    name = "getfattr",
    mixinStandardHelpOptions = true,
    description = "Print the extended attributes of each PATH, as getfattr(1).",
    footer = {
      "",
      "Values print as \"text\" (\\ooo octal escapes), 0xHEX or 0sBASE64: what setfattr -v reads."
    })
final class GetfattrCommand extends AttributeCommand {
  @Option(
      names = {"-n", "--name"},
      paramLabel = "NAME",
      description = "Print this attribute only (user.NAME or trusted.NAME).")
  String name;

  @Option(
      names = {"-d", "--dump"},
      description = "Print every attribute with its value.")
  boolean dump;

  private Encoding encoding = Encoding.AUTO;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Absolute goDFS path.")
  List<String> paths;

  GetfattrCommand(CliContext ctx) {
    super(ctx);
  }

  @Option(
      names = {"-e", "--encoding"},
      paramLabel = "ENC",
      description =
          "Print values as text, hex or base64 (default: text when printable, else base64).")
  void encoding(String text) {
    try {
      encoding = Encoding.of(text);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(), "getfattr: invalid -e '" + text + "' (" + e.getMessage() + ")");
    }
  }

  @Override
  void checkUsage() {
    if (name != null && name.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "getfattr: -n NAME is empty");
    }
  }

  @Override
  String verb() {
    return "getfattr";
  }

  @Override
  List<String> paths() {
    return paths;
  }

  @Override
  void change(FileSystemUseCase fs, DfsPath path) {
    if (name != null) {
      DfsError bad = XattrRules.nameProblem(name);
      if (bad != null) {
        throw new DfsException(bad);
      }
    }
    Xattrs all = fs.xattrs(path);
    StringBuilder lines = new StringBuilder();
    if (name != null) {
      byte[] value =
          all.get(name)
              .orElseThrow(
                  () ->
                      new DfsException(
                          ErrorCode.NO_ATTRIBUTE,
                          path + " has no extended attribute " + DfsPath.escaped(name)));
      line(lines, name, value);
    } else {
      for (Map.Entry<String, byte[]> e : all.asMap().entrySet()) {
        line(lines, e.getKey(), dump ? e.getValue() : null);
      }
    }
    if (!lines.isEmpty()) {
      out().print("# file: " + DfsPath.escaped(path.value()) + System.lineSeparator());
      out().print(lines);
      out().println();
    }
  }

  /** {@code name=VALUE}; the name alone without a value (names only) or for an empty one. */
  private void line(StringBuilder lines, String attribute, byte[] value) {
    lines.append(DfsPath.escaped(attribute));
    if (value != null && value.length > 0) {
      lines.append('=').append(XattrValues.encode(value, encoding));
    }
    lines.append(System.lineSeparator());
  }
}
