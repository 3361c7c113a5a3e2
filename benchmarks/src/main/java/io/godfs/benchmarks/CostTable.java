package io.godfs.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The side-by-side table of {@code godfs bench-security}: per measure, the median of the rounds
 * with security off, with it on (one column per TLS provider), what security costs in % of the off
 * figure against the target, and this machine's limit for the same work.
 */
final class CostTable {
  private static final String LABEL = "%-40s";
  private static final String CELL = " %9s";
  private static final String COST = " %-14s";

  /**
   * One measure: {@code off} and each {@code on} are per-round values, rates (higher is better) or,
   * with {@code spent}, what the work used (e.g. CPU seconds per GiB: lower is better); {@code
   * maxCostPercent} is the target; {@code machine} the limit, or NaN when there is none.
   */
  record Row(
      String label,
      String unit,
      double[] off,
      List<double[]> on,
      double maxCostPercent,
      double machine,
      boolean spent) {
    /** A rate: higher is better. */
    Row(
        String label,
        String unit,
        double[] off,
        List<double[]> on,
        double maxCostPercent,
        double machine) {
      this(label, unit, off, on, maxCostPercent, machine, false);
    }
  }

  private final List<String> onColumns;
  private final List<Row> rows = new ArrayList<>();

  /** {@code onColumns}: the header of each security-on column, e.g. {@code on, JDK}. */
  CostTable(List<String> onColumns) {
    this.onColumns = List.copyOf(onColumns);
  }

  void add(Row row) {
    if (row.on().size() != onColumns.size()) {
      throw new IllegalArgumentException(
          "row "
              + row.label()
              + " has "
              + row.on().size()
              + " on columns, not "
              + onColumns.size());
    }
    rows.add(row);
  }

  /** The table, one line per row, after a header line. */
  List<String> lines() {
    List<String> lines = new ArrayList<>();
    StringBuilder header = new StringBuilder(String.format(LABEL, "")).append(cell("off"));
    for (String column : onColumns) {
      header.append(cell(column)).append(String.format(COST, "cost"));
    }
    header.append(cell("machine"));
    lines.add(header.toString().stripTrailing());
    for (Row row : rows) {
      double off = median(row.off());
      StringBuilder line =
          new StringBuilder(String.format(LABEL, row.label())).append(cell(rate(off)));
      for (double[] on : row.on()) {
        double medianOn = median(on);
        line.append(cell(rate(medianOn)))
            .append(
                String.format(
                    COST,
                    row.spent()
                        ? verdict(medianOn, off, row.maxCostPercent())
                        : verdict(off, medianOn, row.maxCostPercent())));
      }
      line.append(cell(Double.isNaN(row.machine()) ? "-" : rate(row.machine())))
          .append("  ")
          .append(row.unit());
      lines.add(line.toString());
    }
    return lines;
  }

  /** The median of {@code values} (the mean of the middle two for an even count). */
  static double median(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no values");
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  /**
   * What security costs, in % of the rate without it: positive when it is slower. For what the work
   * spends (CPU seconds per GiB) the rows pass {@code (on, off)}: {@code (on - off) / on} is the
   * cost in rate ({@code 1/spent}), what throughput would lose were the CPU the only limit.
   */
  static double costPercent(double off, double on) {
    return (off - on) / off * 100;
  }

  /**
   * The cost against its target, e.g. {@code 4.2 % ok} or {@code 18.0 % OVER}; a gain shows as a
   * negative cost.
   */
  static String verdict(double off, double on, double maxCostPercent) {
    double cost = costPercent(off, on);
    // -0.04 % prints as "-0.0 %": show it as 0.0.
    double shown = Math.abs(cost) < 0.05 ? 0 : cost;
    return String.format(Locale.ROOT, "%.1f %% %s", shown, cost <= maxCostPercent ? "ok" : "OVER");
  }

  private static String rate(double value) {
    return String.format(Locale.ROOT, value >= 100 ? "%.0f" : value >= 10 ? "%.1f" : "%.2f", value);
  }

  private static String cell(String text) {
    return String.format(CELL, text);
  }
}
