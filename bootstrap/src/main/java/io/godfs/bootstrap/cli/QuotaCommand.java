package io.godfs.bootstrap.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code godfs fs quota}: directory quotas (ADR 0026); without a command it prints the usage. The
 * commands are in {@link QuotaCommands}.
 */
@Command(
    name = "quota",
    mixinStandardHelpOptions = true,
    description = "Name and space quotas of directories, as HDFS has them.",
    footer = {
      "",
      "A name quota counts the directory itself and every file and directory below it.",
      "A space quota counts the bytes stored times their replication, as HDFS's does: a 1 GiB",
      "file with 3 replicas uses 3 GiB. A write that would pass a quota fails (EDQUOT on a",
      "mount, HTTP 507 on REST) and keeps what was written before it.",
      "Setting and clearing needs the admin role; 'get' needs read on the directory."
    })
final class QuotaCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return spec.exitCodeOnInvalidInput();
  }
}
