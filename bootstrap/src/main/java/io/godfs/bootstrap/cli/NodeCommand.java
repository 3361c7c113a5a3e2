package io.godfs.bootstrap.cli;

import io.godfs.bootstrap.config.ConfigLoader;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A server command ({@code master}, {@code chunkserver}, {@code dev}): validate the config, start,
 * say where it listens, then serve until SIGTERM or Ctrl-C. A bad setting throws
 * {@link io.godfs.bootstrap.config.ConfigException} (exit 2); a start failure is one line on stderr
 * and exit 1.
 */
abstract class NodeCommand implements Callable<Integer> {
  final CliContext ctx;

  @Spec
  CommandSpec spec;

  NodeCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  /** Reads and validates this command's settings (flags over environment over defaults). */
  abstract void configure(ConfigLoader loader);

  /** Starts the configured node. */
  abstract Started start();

  /** The name in messages, e.g. {@code goDFS master}. */
  abstract String name();

  /** A running node and the line announcing where it listens. */
  record Started(AutoCloseable handle, String announcement) {}

  @Override
  public final Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    configure(ctx.config());
    Started started;
    try {
      started = start();
    } catch (RuntimeException e) {
      String message = e.getMessage() == null || e.getMessage().isBlank() ? e.toString() : e.getMessage();
      err.println("godfs: " + spec.name() + ": cannot start: " + message);
      if (ctx.debug()) {
        e.printStackTrace(err);
      }
      err.flush();
      return GodfsCli.FAILED;
    }
    out.println(started.announcement());
    out.println("Ctrl-C or SIGTERM stops it.");
    out.flush();
    ctx.shutdown().awaitThenClose(name(), started.handle(), err);
    return 0;
  }

  /** {@code 0.0.0.0:9090} for an every-interface listen host. */
  static String listening(String host, int port) {
    String shown = host.isEmpty() ? "0.0.0.0" : host.contains(":") ? "[" + host + "]" : host;
    return shown + ":" + port;
  }
}
