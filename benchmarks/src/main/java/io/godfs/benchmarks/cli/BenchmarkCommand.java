package io.godfs.benchmarks.cli;

import io.godfs.bootstrap.cli.GodfsCli;
import io.godfs.bootstrap.config.Sizes;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A {@code godfs bench*} command: checks its options before it starts an in-process cluster. A bad
 * option is one line on stderr, e.g. {@code godfs: bench: --dir x is not a directory}, and exit
 * code {@link GodfsCli#USAGE}.
 */
abstract class BenchmarkCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** Checks the options with the methods below, runs the benchmark and returns the exit code. */
  abstract int run() throws Exception;

  @Override
  public final Integer call() throws Exception {
    try {
      return run();
    } catch (BadOption e) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("godfs: " + spec.name() + ": " + e.getMessage());
      err.flush();
      return GodfsCli.USAGE;
    }
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  /** The bytes {@code raw} stands for, e.g. {@code 64MiB}; a bad size is a bad option. */
  static long parseSize(String raw) {
    try {
      return Sizes.parse(raw);
    } catch (IllegalArgumentException e) {
      throw new BadOption(e.getMessage());
    }
  }

  static void require(boolean valid, String problem) {
    if (!valid) {
      throw new BadOption(problem);
    }
  }

  static void requireDirectory(Path dir) {
    require(Files.isDirectory(dir), "--dir " + dir + " is not a directory");
  }

  /** An option the benchmark cannot run with; the message is the user's error line. */
  static final class BadOption extends RuntimeException {
    BadOption(String message) {
      // No stack trace: this is the user's mistake, never printed as a trace.
      super(message, null, false, false);
    }
  }
}
