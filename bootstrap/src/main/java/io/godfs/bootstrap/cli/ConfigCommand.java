package io.godfs.bootstrap.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code godfs config}: only dispatches ({@code print}); without a subcommand it prints the usage
 * and exits 2.
 */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = "Show how goDFS is configured.")
final class ConfigCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return spec.exitCodeOnInvalidInput();
  }
}
