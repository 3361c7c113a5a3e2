package io.godfs.bootstrap.cli;

import io.godfs.application.port.in.AdminClient;
import io.godfs.application.port.in.AdminUseCase;
import io.godfs.application.port.in.RepairEvent;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code godfs admin repairs}: the leading master's repair log, newest first (what its healing loop
 * ordered and noticed), as the console's repair log shows it.
 */
@Command(
    name = "repairs",
    mixinStandardHelpOptions = true,
    description =
        "List the leader's latest repairs, newest first: copies ordered, replicas deleted, nodes"
            + " pruned or decommissioned.")
final class AdminRepairsCommand extends AdminSubcommand {
  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "" + AdminUseCase.REPAIRS_DEFAULT_LIMIT,
      description = "Events listed at most, 1 to 1000 (default 100).")
  int limit;

  @Option(names = "--json", description = "Print a JSON array.")
  boolean json;

  AdminRepairsCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  int run(AdminClient admin) {
    if (limit < 1 || limit > AdminUseCase.REPAIRS_MAX_LIMIT) {
      err().println("godfs: admin repairs: --limit: " + limit + " is not between 1 and 1000");
      return GodfsCli.USAGE;
    }
    List<RepairEvent> events = admin.repairs(limit);
    if (json) {
      StringBuilder out = new StringBuilder("[");
      for (int i = 0; i < events.size(); i++) {
        RepairEvent e = events.get(i);
        out.append(i == 0 ? "" : ",")
            .append("{\"at\":\"")
            .append(e.at())
            .append("\",\"kind\":\"")
            .append(e.kind())
            .append("\",\"chunk\":")
            .append(e.chunk() == null ? "null" : "\"" + e.chunk() + "\"")
            .append(",\"node\":")
            .append(e.node() == null ? "null" : StatusFormat.quote(e.node().value()))
            .append(",\"liveCopies\":")
            .append(e.liveCopies())
            .append('}');
      }
      out().println(out.append(']'));
      return 0;
    }
    out().printf("%-24s %-20s %-22s %-16s %s%n", "AT", "KIND", "CHUNK", "NODE", "GOOD COPIES");
    for (RepairEvent e : events) {
      out()
          .printf(
              "%-24s %-20s %-22s %-16s %s%n",
              e.at(),
              e.kind(),
              e.chunk() == null ? "-" : e.chunk(),
              e.node() == null ? "-" : e.node().value(),
              e.chunk() == null ? "-" : String.valueOf(e.liveCopies()));
    }
    return 0;
  }

  @Override
  String operation() {
    return "repairs";
  }
}
