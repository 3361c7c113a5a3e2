package io.godfs.bootstrap.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code godfs fs trash}: the master's trash (ADR 0024); without a command it prints the usage. */
@Command(
    name = "trash",
    mixinStandardHelpOptions = true,
    description = "What deletes moved to the master's trash (GODFS_SOFT_DELETE_GRACE).",
    footer = {"", "Restore a path with 'godfs fs restore PATH'."})
final class TrashCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return spec.exitCodeOnInvalidInput();
  }
}
