package io.godfs.bootstrap.cli;

import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.domain.file.DfsPath;
import java.util.List;
import java.util.OptionalInt;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code godfs fs chown [OWNER][:GROUP] PATH...} (ADR 0028): sets the numeric owner and/or group of
 * each path. Names are looked up in this machine's {@code /etc/passwd} and {@code /etc/group}
 * ({@link LocalUsers}); the namespace keeps numbers. {@code OWNER:} also sets the owner's login
 * group, as chown(1). An owner or group it cannot read is a usage error (exit 2).
 */
@Command(
    name = "chown",
    mixinStandardHelpOptions = true,
    description = "Change the owner and/or group of each PATH, as chown(1).",
    footer = {
      "",
      "OWNER and GROUP are numeric ids (1000) or names of this machine's /etc/passwd and"
          + " /etc/group (names only a directory service knows: give the number). 1000 sets the"
          + " owner, :100 the group, 1000:100 both, 1000: the owner and its login group."
    })
final class ChownCommand extends AttributeCommand {
  private OptionalInt owner = OptionalInt.empty();
  private OptionalInt group = OptionalInt.empty();

  @Parameters(
      index = "1..*",
      arity = "1..*",
      paramLabel = "PATH",
      description = "Absolute goDFS path.")
  List<String> paths;

  private final LocalUsers users = LocalUsers.system();

  ChownCommand(CliContext ctx) {
    super(ctx);
  }

  @Parameters(
      index = "0",
      paramLabel = "[OWNER][:GROUP]",
      description = "New owner, group or both (numeric ids or local names).")
  void owner(String text) {
    int colon = text.indexOf(':');
    String ownerText = colon < 0 ? text : text.substring(0, colon);
    String groupText = colon < 0 ? null : text.substring(colon + 1);
    if (ownerText.isEmpty() && (groupText == null || groupText.isEmpty())) {
      throw usage(text, "nothing to change (expected: OWNER, :GROUP or OWNER:GROUP)");
    }
    if (!ownerText.isEmpty()) {
      owner = OptionalInt.of(id(text, ownerText, false));
    }
    if (groupText == null) {
      return;
    }
    if (!groupText.isEmpty()) {
      group = OptionalInt.of(id(text, groupText, true));
      return;
    }
    group =
        isNumber(ownerText) ? users.loginGroupOf(owner.getAsInt()) : users.loginGroupOf(ownerText);
    if (group.isEmpty()) {
      throw usage(
          text,
          "user "
              + ownerText
              + " has no login group in "
              + users.where(false)
              + " (expected: OWNER:GROUP)");
    }
  }

  private int id(String text, String name, boolean ofGroup) {
    String what = ofGroup ? "group" : "user";
    if (isNumber(name)) {
      try {
        return Integer.parseInt(name.startsWith("+") ? name.substring(1) : name);
      } catch (NumberFormatException e) {
        throw usage(
            text, what + " id " + name + " is too large (at most " + Integer.MAX_VALUE + ")");
      }
    }
    OptionalInt id = ofGroup ? users.gid(name) : users.uid(name);
    if (id.isEmpty()) {
      throw usage(
          text,
          "unknown "
              + what
              + " '"
              + name
              + "' (not in "
              + users.where(ofGroup)
              + "; give a numeric "
              + (ofGroup ? "gid" : "uid")
              + ")");
    }
    return id.getAsInt();
  }

  private static boolean isNumber(String text) {
    return text.matches("\\+?[0-9]+");
  }

  private ParameterException usage(String text, String why) {
    return new ParameterException(spec.commandLine(), "chown: invalid '" + text + "': " + why);
  }

  @Override
  List<String> paths() {
    return paths;
  }

  @Override
  String verb() {
    return "chown";
  }

  @Override
  void change(FileSystemUseCase fs, DfsPath path) {
    fs.setOwner(path, owner, group);
  }
}
