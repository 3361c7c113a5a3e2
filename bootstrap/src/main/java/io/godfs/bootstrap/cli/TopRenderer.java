package io.godfs.bootstrap.cli;

import io.godfs.application.port.in.ClusterFigures;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.node.AdminState;
import io.godfs.domain.node.MasterInfo;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.ToLongFunction;

/**
 * One frame of {@code godfs admin top}: a pure function of the figures and masters just fetched and
 * those of the frame before, so it is tested on fixed figures (golden text) and the command only
 * fetches, draws and waits.
 *
 * <p>Rates come from {@link Counter}s: cumulative totals read from the figures, turned into a per
 * second rate from the difference between two frames: the chunkservers' cumulative bytes read and
 * written, from their heartbeats (ADR 0023), make the throughput line.
 */
final class TopRenderer {
  /** What {@code godfs admin top} draws: the cluster's read and write throughput. */
  static final TopRenderer STANDARD =
      new TopRenderer(
          List.of(
              new Counter("read", ClusterFigures::readBytes),
              new Counter("written", ClusterFigures::writtenBytes)));

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  /**
   * What one fetch brought back.
   *
   * @param at when the figures arrived (this machine's clock: the rates' and the census age's)
   * @param masters the metadata group's masters; empty when the master keeps its metadata in memory
   *     (one master, no group)
   */
  record Sample(Instant at, ClusterFigures figures, List<MasterInfo> masters) {
    Sample {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(figures, "figures");
      masters = List.copyOf(masters);
    }
  }

  /** A cumulative byte total of the figures, shown as a rate per second between two frames. */
  record Counter(String label, ToLongFunction<ClusterFigures> total) {}

  private final List<Counter> counters;

  TopRenderer(List<Counter> counters) {
    this.counters = List.copyOf(counters);
  }

  /**
   * The frame for {@code now}; {@code previous} (null on the first frame) gives the rates. Lines
   * end with a newline; nothing in it moves a terminal's cursor.
   */
  String render(Sample now, Sample previous) {
    ClusterFigures f = now.figures();
    ClusterFigures.Census census = f.census();
    List<String> lines = new ArrayList<>();
    lines.add("goDFS cluster at " + TIME.format(now.at()));
    lines.add(row("masters", masters(now.masters())));
    lines.add(row("nodes", nodes(f)));
    lines.add(row("space", space(f)));
    if (!counters.isEmpty()) {
      lines.add(row("throughput", throughput(now, previous)));
    }
    lines.add(
        row(
            "chunks",
            census.chunks()
                + " examined, "
                + census.underReplicated()
                + " under-replicated, "
                + census.missing()
                + " missing"));
    lines.add(
        row(
            "replicas",
            census.corruptReplicas() + " corrupt, " + census.staleReplicas() + " stale"));
    lines.add(
        row(
            "queues",
            "rebalance "
                + census.underReplicated()
                + ", copies in flight "
                + f.copiesInFlight()
                + ", pending deletes "
                + f.pendingDeletes()));
    lines.add(row("safe mode", f.safeMode() ? "ON (nothing is copied or deleted)" : "off"));
    lines.add(row("census", census(census, now.at())));
    lines.add("");
    lines.add(
        String.format(
            Locale.ROOT,
            "%-16s %-6s %-15s %11s %11s %6s",
            "NODE",
            "HEALTH",
            "ADMIN",
            "CAPACITY",
            "USED",
            "USE%"));
    for (ClusterFigures.NodeFigures n : f.nodes()) {
      lines.add(
          String.format(
              Locale.ROOT,
              "%-16s %-6s %-15s %11s %11s %6s",
              DfsPath.escaped(n.id()),
              n.live() ? "LIVE" : "DEAD",
              n.adminState(),
              bytes(n.capacityBytes()),
              bytes(n.usedBytes()),
              percent(n.usedBytes(), n.capacityBytes())));
    }
    if (f.nodes().isEmpty()) {
      lines.add("(no chunkserver has registered with the leader)");
    }
    StringBuilder out = new StringBuilder();
    lines.forEach(l -> out.append(l.stripTrailing()).append('\n'));
    return out.toString();
  }

  private static String row(String label, String value) {
    return String.format(Locale.ROOT, "%-11s %s", label, value);
  }

  private static String masters(List<MasterInfo> masters) {
    if (masters.isEmpty()) {
      return "1, keeping the metadata in memory (not a replicated group)";
    }
    List<String> each = new ArrayList<>();
    for (MasterInfo m : masters) {
      each.add(
          DfsPath.escaped(m.id())
              + (m.clientAddress() == null ? "" : " " + DfsPath.escaped(m.clientAddress()))
              + (m.leader() ? " (leader)" : ""));
    }
    boolean led = masters.stream().anyMatch(MasterInfo::leader);
    return String.join(", ", each) + (led ? "" : " - no leader known");
  }

  private static String nodes(ClusterFigures f) {
    long live = f.nodes().stream().filter(ClusterFigures.NodeFigures::live).count();
    long decommissioning =
        f.nodes().stream().filter(n -> n.adminState() == AdminState.DECOMMISSIONING).count();
    return live
        + " live, "
        + (f.nodes().size() - live)
        + " dead, "
        + decommissioning
        + " decommissioning";
  }

  /** What the live nodes hold and offer: a dead node's last report is out of date. */
  private static String space(ClusterFigures f) {
    long capacity = 0;
    long used = 0;
    for (ClusterFigures.NodeFigures n : f.nodes()) {
      if (n.live()) {
        capacity += n.capacityBytes();
        used += n.usedBytes();
      }
    }
    String share = percent(used, capacity);
    return bytes(used)
        + " used of "
        + bytes(capacity)
        + " on live nodes"
        + (share.equals("-") ? "" : " (" + share + ")");
  }

  private String throughput(Sample now, Sample previous) {
    List<String> rates = new ArrayList<>();
    for (Counter c : counters) {
      rates.add(c.label() + " " + rate(c, now, previous));
    }
    return String.join(", ", rates);
  }

  /**
   * Bytes per second between the two frames; "-" on the first frame and when the total went down (a
   * new leader counts from zero).
   */
  private static String rate(Counter c, Sample now, Sample previous) {
    if (previous == null) {
      return "-";
    }
    long delta = c.total().applyAsLong(now.figures()) - c.total().applyAsLong(previous.figures());
    long millis = Duration.between(previous.at(), now.at()).toMillis();
    if (delta < 0 || millis <= 0) {
      return "-";
    }
    return bytes(Math.round(delta * 1000.0 / millis)) + "/s";
  }

  private static String census(ClusterFigures.Census census, Instant now) {
    if (census.equals(ClusterFigures.Census.NONE)) {
      return "none yet (the leader has not finished a healing round this term)";
    }
    return age(Duration.between(census.at(), now)) + " (" + TIME.format(census.at()) + ")";
  }

  /** {@code 4s ago}, {@code 2m05s ago}, {@code 3h07m ago}; a census "from the future": now. */
  static String age(Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s < 60) {
      return s + "s ago";
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds ago", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm ago", s / 3600, s / 60 % 60);
  }

  /** Binary units with one decimal, as a person reads them: {@code 0 B}, {@code 1.5 GiB}. */
  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    double value = n;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }

  private static String percent(long used, long capacity) {
    return capacity <= 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", used * 100.0 / capacity);
  }
}
