package io.godfs.bootstrap.cli;

import io.godfs.application.port.in.AdminClient;
import io.godfs.application.port.in.NodeReport;
import io.godfs.domain.node.NodeId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code godfs admin decommission NODE}: drain a chunkserver; {@code admin nodes} shows when it is
 * safe to remove.
 */
@Command(
    name = "decommission",
    mixinStandardHelpOptions = true,
    description =
        "Drain a chunkserver: it takes no new replicas and its replicas are copied elsewhere; "
            + "'godfs admin nodes' shows DECOMMISSIONED when it is safe to remove.")
final class AdminDecommissionCommand extends AdminSubcommand {
  @Parameters(
      index = "0",
      paramLabel = "NODE",
      description = "The chunkserver's id (see godfs admin nodes).")
  String node;

  AdminDecommissionCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  int run(AdminClient admin) {
    NodeReport report = admin.decommission(new NodeId(node)).orThrow();
    out()
        .printf(
            "%s: %s (%d replicas to move)%n",
            report.id().value(), report.adminState(), report.replicas());
    return 0;
  }

  @Override
  String operation() {
    return "decommission " + node;
  }
}
