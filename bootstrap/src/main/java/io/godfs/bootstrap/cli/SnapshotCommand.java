package io.godfs.bootstrap.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code godfs snapshot}: snapshots of directories (ADR 0025); without a command it prints the
 * usage and exits 2.
 */
@Command(
    name = "snapshot",
    mixinStandardHelpOptions = true,
    description = "Snapshots of directories: read-only views at DIR/.snapshot/NAME.",
    footer = {
      "",
      "An admin allows snapshots of a directory first ('godfs snapshot allow DIR'). A snapshot is"
          + " read with the ordinary commands: godfs fs cat DIR/.snapshot/NAME/FILE."
    })
final class SnapshotCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Spec CommandSpec spec;

  SnapshotCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Option(
      names = {"-m", "--master"},
      paramLabel = "HOST:PORT",
      description = "Master address (env GODFS_MASTER, default 127.0.0.1:9090).")
  void master(String address) {
    ctx.masterFlag(address);
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return spec.exitCodeOnInvalidInput();
  }
}
