package io.godfs.bootstrap;

import io.godfs.bootstrap.cli.CliContext;
import io.godfs.bootstrap.cli.GodfsCli;
import io.godfs.bootstrap.cli.WiringNodeLauncher;
import io.godfs.client.GodfsClient;
import java.io.PrintWriter;

/** The {@code godfs} launcher: real nodes, the gRPC client, this process's streams and environment. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    CliContext ctx = CliContext.forProcess(new WiringNodeLauncher(),
        config -> GodfsClient.connect(config.masterAddress()));
    int code = GodfsCli.execute(ctx, new PrintWriter(System.out), new PrintWriter(System.err), args);
    System.exit(code);
  }
}
