package io.godfs.benchmarks;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What {@code godfs bench-observability} prints after its rounds: the side-by-side table, the
 * spread of the rounds, and the estimate from the interceptors' cost per call.
 */
final class ObservabilityReport {
  private final PrintWriter out;
  private final ObservabilityBench.Options options;

  ObservabilityReport(PrintWriter out, ObservabilityBench.Options options) {
    this.out = out;
    this.options = options;
  }

  /** Medians side by side, the cost of each watched column against the 3 % target. */
  void table(List<String> columns, List<CostTable.Row> rows) {
    CostTable table = new CostTable(columns.subList(1, columns.size()));
    rows.forEach(table::add);
    table.lines().forEach(out::println);
    out.printf(
        Locale.ROOT,
        "machine: write = the same bytes to 3 files with fsync; create = empty gRPC calls/s"
            + " (plaintext) from %d threads. CPU rows: this process's CPU time (every node and the"
            + " client) per unit of work; their cost is what the rate would lose were the CPU the"
            + " only limit.%n",
        options.clients());
    out.flush();
  }

  /** Each column's rounds: lowest and highest, and their distance in % of the median. */
  void spread(List<String> columns, List<double[]> writes, List<double[]> creates) {
    out.println("spread of the rounds: lowest-highest (highest - lowest, in % of the median)");
    StringBuilder header = new StringBuilder(String.format("%-16s", ""));
    columns.forEach(c -> header.append(String.format(" %-26s", c)));
    out.println(header.toString().stripTrailing());
    out.println(spreadLine("write MiB/s", writes));
    out.println(spreadLine("creates/s", creates));
    out.flush();
  }

  private static String spreadLine(String label, List<double[]> columns) {
    StringBuilder line = new StringBuilder(String.format("%-16s", label));
    for (double[] rounds : columns) {
      double low = Arrays.stream(rounds).min().orElseThrow();
      double high = Arrays.stream(rounds).max().orElseThrow();
      line.append(
          String.format(
              Locale.ROOT,
              " %-26s",
              String.format(
                  Locale.ROOT,
                  "%.0f-%.0f (%.1f %%)",
                  low,
                  high,
                  100 * (high - low) / CostTable.median(rounds))));
    }
    return line.toString().stripTrailing();
  }

  /**
   * The interceptors' cost per unary call and per message, measured in memory, times the gRPC
   * traffic every registry counted per GiB written and per create (client and server sides each),
   * against the CPU the unwatched cluster spent on the same work.
   */
  void perCall(
      List<InterceptorCost.Figures> perCall,
      ObservedSetup.Traffic perGib,
      ObservedSetup.Traffic perCreate,
      double offCpuSecondsPerGib,
      double offCpuMicrosPerCreate,
      double offCreatesPerSecond,
      long bytes) {
    InterceptorCost.Figures off = perCall.getFirst();
    out.printf(
        Locale.ROOT,
        "interceptors in memory, ns (off = the tracing interceptors with the no-op API, as every"
            + " node runs them): per unary call client %.0f, server %.0f; per message pair client"
            + " %.0f, server %.0f%n",
        off.clientCall(),
        off.serverCall(),
        off.clientMessage(),
        off.serverMessage());
    out.printf(
        Locale.ROOT,
        "gRPC traffic counted by the registries (both sides of each call counted): per GiB"
            + " written %.0f client calls, %.0f server calls, %.0f messages; per create %.2f client"
            + " calls, %.2f server calls, %.2f messages%n",
        perGib.clientCalls(),
        perGib.serverCalls(),
        perGib.messages(),
        perCreate.clientCalls(),
        perCreate.serverCalls(),
        perCreate.messages());
    String[] names = {"metrics", "metrics+trace"};
    for (int m = 1; m < perCall.size(); m++) {
      InterceptorCost.Figures extra = perCall.get(m).minus(off);
      double gibNs = extraNanos(extra, perGib);
      double createNs = extraNanos(extra, perCreate);
      double callsPerSecond =
          offCreatesPerSecond * (perCreate.clientCalls() + perCreate.serverCalls());
      out.printf(
          Locale.ROOT,
          "estimate, %s: +%.0f ns per client call, +%.0f per server call, +%.0f/+%.0f per message"
              + " pair; write: +%.2f ms CPU per GiB = %.2f %% of %.2f s; creates: +%.1f us CPU per"
              + " create = %.2f %% of %.0f us (%.0f calls/s at %.0f creates/s: %.2f %% of one"
              + " core)%n",
          names[m - 1],
          extra.clientCall(),
          extra.serverCall(),
          extra.clientMessage(),
          extra.serverMessage(),
          gibNs / 1e6,
          costPercent(gibNs, offCpuSecondsPerGib * 1e9),
          offCpuSecondsPerGib,
          createNs / 1e3,
          costPercent(createNs, offCpuMicrosPerCreate * 1e3),
          offCpuMicrosPerCreate,
          callsPerSecond,
          offCreatesPerSecond,
          100 * offCreatesPerSecond * createNs / 1e9);
    }
    out.flush();
  }

  /**
   * Extra ns for {@code traffic}: a call's each side, and each counted message half a message pair
   * of its side (the sides' mean: which side counted a message is not told apart).
   */
  private static double extraNanos(InterceptorCost.Figures extra, ObservedSetup.Traffic traffic) {
    return traffic.clientCalls() * extra.clientCall()
        + traffic.serverCalls() * extra.serverCall()
        + traffic.messages() * (extra.clientMessage() + extra.serverMessage()) / 4;
  }

  /** As the CPU rows: what the rate would lose were the CPU the only limit. */
  private static double costPercent(double extraNanos, double offNanos) {
    return 100 * extraNanos / (offNanos + extraNanos);
  }
}
