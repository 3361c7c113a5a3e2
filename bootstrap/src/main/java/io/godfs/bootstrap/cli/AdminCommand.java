package io.godfs.bootstrap.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code godfs admin}: only dispatches; without a subcommand it prints the usage and exits 2. */
@Command(
    name = "admin",
    mixinStandardHelpOptions = true,
    description =
        "Operator commands: nodes, fsck, decommission, safemode, masters, top, key, token,"
            + " log-level, backup, restore, backups.")
final class AdminCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return spec.exitCodeOnInvalidInput();
  }
}
