package io.godfs.benchmarks;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rounds of a peers benchmark's workloads, printed as the lines every part of {@code
 * benchmarks/peers/} prints and {@code peers-table.py} reads: {@code
 * LABEL<TAB>workload<TAB>median<TAB>unit<TAB>round1 round2 ...}. A median of an even count is the
 * mean of the two middle rounds.
 */
final class PeerResults {
  private final String label;
  private final PrintWriter progress;
  private final Map<String, Workload> workloads = new LinkedHashMap<>();

  private record Workload(String unit, List<Double> rounds) {}

  /** Every round recorded is also one line on {@code progress} (the log). */
  PeerResults(String label, PrintWriter progress) {
    this.label = label;
    this.progress = progress;
  }

  void record(String workload, String unit, double value) {
    Workload w = workloads.computeIfAbsent(workload, k -> new Workload(unit, new ArrayList<>()));
    w.rounds().add(value);
    progress.printf(
        Locale.ROOT, "%s round %d: %s %s%n", workload, w.rounds().size(), format(value), unit);
    progress.flush();
  }

  /** A figure measured once, e.g. a process's peak memory, with what it is made of. */
  void recordOnce(String workload, String unit, double value, String detail) {
    workloads.put(workload, new Workload(unit + "\t" + detail, List.of(value)));
  }

  void print(PrintWriter out) {
    for (Map.Entry<String, Workload> entry : workloads.entrySet()) {
      List<Double> rounds = entry.getValue().rounds();
      String unit = entry.getValue().unit();
      StringBuilder line =
          new StringBuilder(label)
              .append('\t')
              .append(entry.getKey())
              .append('\t')
              .append(format(median(rounds)))
              .append('\t')
              .append(unit);
      if (!unit.contains("\t")) {
        line.append('\t');
        for (int i = 0; i < rounds.size(); i++) {
          line.append(i == 0 ? "" : " ").append(format(rounds.get(i)));
        }
      }
      out.println(line);
    }
    out.flush();
  }

  static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** Whole numbers from 100 up, one decimal below: the precision the rounds' spread allows. */
  static String format(double value) {
    return value >= 100
        ? String.valueOf(Math.round(value))
        : String.format(Locale.ROOT, "%.1f", value);
  }
}
