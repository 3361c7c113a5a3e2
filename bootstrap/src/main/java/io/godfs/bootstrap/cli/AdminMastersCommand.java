package io.godfs.bootstrap.cli;

import io.godfs.application.port.in.AdminClient;
import io.godfs.domain.node.MasterInfo;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code godfs admin masters list|add ID RAFT [GRPC]|remove ID}: the replicated metadata group. */
@Command(
    name = "masters",
    mixinStandardHelpOptions = true,
    description =
        "List, add or remove the masters of the replicated metadata group. A master to add must be "
            + "running first, started without GODFS_MASTER_BOOTSTRAP; removing one that would leave fewer than 3 "
            + "is refused.")
final class AdminMastersCommand extends AdminSubcommand {
  enum Action {
    list,
    add,
    remove
  }

  @Parameters(index = "0", paramLabel = "ACTION", description = "list, add or remove.")
  Action action;

  @Parameters(
      index = "1..*",
      paramLabel = "ARG",
      description = "add: ID RAFT_HOST:PORT [GRPC_HOST:PORT]; remove: ID.")
  List<String> args = List.of();

  AdminMastersCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  int run(AdminClient admin) {
    List<MasterInfo> masters =
        switch (action) {
          case list -> {
            expectArgs(0, 0, "list takes no arguments");
            yield admin.masters().orThrow();
          }
          case add -> {
            expectArgs(2, 3, "add needs ID RAFT_HOST:PORT [GRPC_HOST:PORT]");
            yield admin
                .addMaster(
                    new MasterInfo(
                        args.get(0), args.get(1), args.size() == 3 ? args.get(2) : null, false))
                .orThrow();
          }
          case remove -> {
            expectArgs(1, 1, "remove needs ID");
            yield admin.removeMaster(args.get(0)).orThrow();
          }
        };
    out().printf("%-12s %-22s %-22s %s%n", "ID", "RAFT", "GRPC", "ROLE");
    for (MasterInfo m : masters) {
      out()
          .printf(
              "%-12s %-22s %-22s %s%n",
              m.id(),
              m.raftAddress(),
              m.clientAddress() == null ? "-" : m.clientAddress(),
              m.leader() ? "leader" : "follower");
    }
    return 0;
  }

  private void expectArgs(int min, int max, String usage) {
    if (args.size() < min || args.size() > max) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "admin masters " + usage);
    }
  }

  @Override
  String operation() {
    return "masters " + action;
  }
}
