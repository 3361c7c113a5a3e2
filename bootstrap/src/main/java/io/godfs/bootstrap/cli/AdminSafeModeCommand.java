package io.godfs.bootstrap.cli;

import io.godfs.application.port.in.AdminClient;
import io.godfs.application.port.in.SafeModeStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code godfs admin safemode get|enter|leave}. */
@Command(
    name = "safemode",
    mixinStandardHelpOptions = true,
    description =
        "Show, enter or leave the master's safe mode (no deletions and no re-replication inside it).")
final class AdminSafeModeCommand extends AdminSubcommand {
  enum Action {
    get,
    enter,
    leave
  }

  @Parameters(index = "0", paramLabel = "ACTION", description = "get, enter or leave.")
  Action action;

  AdminSafeModeCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  int run(AdminClient admin) {
    SafeModeStatus status =
        switch (action) {
          case get -> admin.safeMode();
          case enter -> admin.setSafeMode(true);
          case leave -> admin.setSafeMode(false);
        };
    out()
        .println(
            status.on()
                ? "Safe mode is ON"
                    + (status.manual() ? " (entered by an operator)" : "")
                    + ": "
                    + status.reason()
                : "Safe mode is OFF");
    return 0;
  }

  @Override
  String operation() {
    return "safemode " + action;
  }
}
