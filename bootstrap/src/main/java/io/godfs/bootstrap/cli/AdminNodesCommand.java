package io.godfs.bootstrap.cli;

import io.godfs.application.port.in.AdminClient;
import io.godfs.application.port.in.NodeReport;
import io.godfs.bootstrap.config.Sizes;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code godfs admin nodes}: every chunkserver with its health, admin state, capacity and use. */
@Command(
    name = "nodes",
    mixinStandardHelpOptions = true,
    description =
        "List chunkservers: live/dead, in service/decommissioning/decommissioned, capacity, used, replicas.")
final class AdminNodesCommand extends AdminSubcommand {
  @Option(names = "--json", description = "Print a JSON array.")
  boolean json;

  AdminNodesCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  int run(AdminClient admin) {
    List<NodeReport> nodes = admin.nodes();
    if (json) {
      StringBuilder out = new StringBuilder("[");
      for (int i = 0; i < nodes.size(); i++) {
        NodeReport n = nodes.get(i);
        out.append(i == 0 ? "" : ",")
            .append("{\"id\":")
            .append(StatusFormat.quote(n.id().value()))
            .append(",\"address\":")
            .append(StatusFormat.quote(n.address().toString()))
            .append(",\"health\":\"")
            .append(n.health())
            .append("\",\"adminState\":\"")
            .append(n.adminState())
            .append("\",\"capacityBytes\":")
            .append(n.capacityBytes())
            .append(",\"usedBytes\":")
            .append(n.usedBytes())
            .append(",\"replicas\":")
            .append(n.replicas())
            .append(",\"lastHeartbeat\":\"")
            .append(n.lastHeartbeat())
            .append("\"}");
      }
      out().println(out.append(']'));
      return 0;
    }
    out()
        .printf(
            "%-16s %-22s %-5s %-15s %12s %12s %9s%n",
            "NODE", "ADDRESS", "STATE", "ADMIN", "CAPACITY", "USED", "REPLICAS");
    for (NodeReport n : nodes) {
      out()
          .printf(
              "%-16s %-22s %-5s %-15s %12s %12s %9d%n",
              n.id().value(),
              n.address(),
              n.health(),
              n.adminState(),
              Sizes.format(n.capacityBytes()),
              Sizes.format(n.usedBytes()),
              n.replicas());
    }
    return 0;
  }

  @Override
  String operation() {
    return "nodes";
  }
}
