package io.godfs.bootstrap.cli;

import io.godfs.application.port.in.AdminClient;
import io.godfs.application.port.in.ClusterFigures;
import io.godfs.bootstrap.config.Durations;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.node.MasterInfo;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code godfs admin top [--interval 2s] [--once]}: the leader's cluster figures and the masters,
 * redrawn in place on a terminal every interval, one frame after another otherwise; Ctrl-C ends it
 * and leaves the last frame on the screen (ADR 0023).
 */
@Command(
    name = "top",
    mixinStandardHelpOptions = true,
    description =
        "Watch the cluster: masters and leader, chunkservers with capacity, use and health,"
            + " under-replicated, missing, corrupt and stale, queues, safe mode, census age."
            + " Redrawn in place on a terminal; Ctrl-C stops it.")
final class AdminTopCommand extends AdminSubcommand {
  static final Duration SHORTEST = Duration.ofMillis(200);

  /** How long Ctrl-C waits for the frame being fetched before the process exits anyway. */
  private static final Duration GRACE = Duration.ofSeconds(1);

  @Option(
      names = "--interval",
      paramLabel = "DURATION",
      defaultValue = "2s",
      description = "Time between frames, like 2s, 500ms or 1m (default 2s, at least 200ms).")
  String interval;

  @Option(names = "--once", description = "Print one frame and exit (for scripts).")
  boolean once;

  AdminTopCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  int run(AdminClient admin) {
    Duration every;
    try {
      every = Durations.parse(interval);
    } catch (IllegalArgumentException e) {
      err().println("godfs: admin top: --interval: " + e.getMessage() + " (like 2s or 500ms)");
      return GodfsCli.USAGE;
    }
    if (every.compareTo(SHORTEST) < 0) {
      err().println("godfs: admin top: --interval: " + interval + " is shorter than 200ms");
      return GodfsCli.USAGE;
    }
    Clock clock = Clock.systemUTC();
    TopLoop loop =
        new TopLoop(
            () -> sample(admin, clock), TopRenderer.STANDARD, out(), ctx.interactive(), clock);
    if (once) {
      return loop.run(every, true);
    }
    try (ShutdownSignal.Registration ctrlC = ctx.shutdown().onStop(() -> loop.stop(GRACE))) {
      return loop.run(every, false);
    }
  }

  /** The figures, then the masters: a caller without 'admin' is refused by the first. */
  private static TopRenderer.Sample sample(AdminClient admin, Clock clock) {
    ClusterFigures figures = admin.clusterFigures();
    List<MasterInfo> masters =
        switch (admin.masters()) {
          case Outcome.Ok<List<MasterInfo>> ok -> ok.value();
          // One master keeping the namespace in memory: no group to list.
          case Outcome.Rejected<List<MasterInfo>> r when r.error().code() == ErrorCode.CONFLICT ->
              List.of();
          case Outcome.Rejected<List<MasterInfo>> r -> throw new DfsException(r.error());
        };
    return new TopRenderer.Sample(clock.instant(), figures, masters);
  }

  @Override
  String operation() {
    return "top";
  }
}
