package io.godfs.bootstrap.cli;

import io.godfs.bootstrap.config.ConfigException;
import io.godfs.bootstrap.config.ConfigFile;
import io.godfs.bootstrap.config.ConfigLoader;
import io.godfs.bootstrap.config.EnvironmentCheck;
import io.godfs.bootstrap.config.Role;
import io.godfs.bootstrap.config.Setting;
import io.godfs.bootstrap.config.SettingValue;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code godfs config print ROLE [the role's flags]}: reads the role's settings exactly as the role
 * would, without starting it, and prints each with its value and where it came from. Credentials
 * are masked. Exit 2 when the role would refuse to start, with the reason on stderr.
 */
@Command(
    name = "print",
    mixinStandardHelpOptions = true,
    description = {
      "Print a role's effective settings and where each comes from (flag, env, file, default).",
      "Give the role's own flags after it, e.g.: godfs config print master --config godfs.yaml --replication 2"
    })
final class ConfigPrintCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "ROLE",
      description = "master, chunkserver, gateway, dev, mount or client.")
  String role;

  @Unmatched List<String> roleArgs = new ArrayList<>();

  ConfigPrintCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    RoleCommand command =
        parse(
            Role.of(role)
                .orElseThrow(
                    () ->
                        new ConfigException(
                            "ROLE : "
                                + role
                                + " (expected: "
                                + Arrays.stream(Role.values())
                                    .map(Role::section)
                                    .collect(Collectors.joining(", "))
                                + ")")));
    List<String> problems = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    try {
      warnings.addAll(EnvironmentCheck.check(command.role(), ctx.env()));
    } catch (ConfigException e) {
      problems.add(e.getMessage());
    }
    ConfigFile file =
        command.configFile() == null
            ? ConfigFile.none()
            : ConfigFile.load(Path.of(command.configFile()));
    warnings.addAll(file.warnings());
    ConfigLoader loader = ctx.config(file);
    try {
      command.configure(loader);
    } catch (ConfigException e) {
      problems.add(e.getMessage());
    }
    print(out, command, loader);
    out.flush();
    warnings.forEach(w -> err.println("godfs: warning: " + w));
    problems.forEach(p -> err.println("godfs: " + command.role().section() + ": " + p));
    err.flush();
    return problems.isEmpty() ? 0 : GodfsCli.USAGE;
  }

  private RoleCommand parse(Role which) {
    RoleCommand command =
        switch (which) {
          case MASTER -> new MasterCommand(ctx);
          case CHUNKSERVER -> new ChunkserverCommand(ctx);
          case GATEWAY -> new GatewayCommand(ctx);
          case DEV -> new DevCommand(ctx);
          case MOUNT -> new MountCommand(ctx);
          case CLIENT -> new ClientSettings();
        };
    CommandLine line = new CommandLine(command);
    try {
      line.parseArgs(roleArgs.toArray(String[]::new));
    } catch (ParameterException e) {
      throw new ConfigException(
          which.section() + " " + String.join(" ", roleArgs) + " : " + e.getMessage());
    }
    return command;
  }

  private static void print(PrintWriter out, RoleCommand command, ConfigLoader loader) {
    Map<Setting, SettingValue> read =
        loader.read().stream()
            .collect(Collectors.toMap(SettingValue::setting, Function.identity()));
    out.println(
        "# godfs "
            + command.role().section()
            + ": effective settings (flag > env > file > default)");
    for (Setting setting : command.role().settings()) {
      SettingValue value = read.get(setting);
      boolean used = value != null;
      if (!used) {
        value = loader.peek(command.role(), command.flags(), setting);
      }
      out.printf(
          "%-24s %-28s %s%s%n",
          setting.key(), value.shown(), source(value), used ? "" : " (not used)");
    }
  }

  private static String source(SettingValue value) {
    return switch (value.source()) {
      case FLAG -> "flag " + value.origin();
      case ENV -> "env " + value.origin();
      case FILE -> "file " + value.origin();
      case DEFAULT -> "default";
    };
  }
}
