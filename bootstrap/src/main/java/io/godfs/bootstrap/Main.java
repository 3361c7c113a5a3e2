package io.godfs.bootstrap;

import io.godfs.adapters.grpc.tls.TlsContexts;
import io.godfs.adapters.grpc.tls.TlsProvider;
import io.godfs.application.client.ClientSettings;
import io.godfs.bootstrap.cli.CliContext;
import io.godfs.bootstrap.cli.GodfsCli;
import io.godfs.bootstrap.cli.WiringNodeLauncher;
import io.godfs.bootstrap.config.Setting;
import io.godfs.client.GodfsClient;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code godfs} launcher: real nodes, the gRPC client, this process's streams and environment.
 */
public final class Main {
  private Main() {}

  /**
   * One line per log record: {@code 2026-11-25 21:43:26 INFO chunk-2 registered with the master}.
   */
  private static final String LOG_FORMAT = "%1$tF %1$tT %4$s %5$s%6$s%n";

  /** Which TLS implementation encrypts gRPC in this process: auto (the default), jdk or openssl. */
  private static final String TLS_PROVIDER = Setting.TLS_PROVIDER.envNames().getFirst();

  /**
   * Sets this process's TLS provider from {@code GODFS_TLS_PROVIDER} in {@code env} (unset or
   * blank: {@code auto}); returns what is wrong with it, if anything.
   */
  static Optional<String> chooseTlsProvider(Map<String, String> env) {
    String raw = env.get(TLS_PROVIDER);
    if (raw == null || raw.isBlank()) {
      return Optional.empty();
    }
    try {
      TlsContexts.use(TlsProvider.parse(raw));
      return Optional.empty();
    } catch (IllegalArgumentException | IllegalStateException e) {
      return Optional.of(e.getMessage());
    }
  }

  public static void main(String[] args) {
    System.exit(run(List.of(), args));
  }

  /**
   * Runs {@code godfs args} in this process and returns its exit code; {@code moreCommands} are
   * top-level commands beyond the server's (the benchmarks module's launcher passes its own).
   */
  public static int run(List<Object> moreCommands, String... args) {
    if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
      System.setProperty("java.util.logging.SimpleFormatter.format", LOG_FORMAT);
    }
    Optional<String> tlsProblem = chooseTlsProvider(System.getenv());
    if (tlsProblem.isPresent()) {
      System.err.println("godfs: " + tlsProblem.get());
      return GodfsCli.USAGE;
    }
    CliContext ctx =
        CliContext.forProcess(
            new WiringNodeLauncher(),
            config ->
                GodfsClient.connect(
                    config.masterAddress(),
                    ClientSettings.DEFAULTS,
                    config.apiKey(),
                    config.tls(),
                    config.meter()));
    return GodfsCli.execute(
        ctx, new PrintWriter(System.out), new PrintWriter(System.err), moreCommands, args);
  }
}
