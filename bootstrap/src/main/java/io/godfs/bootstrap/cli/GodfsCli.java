package io.godfs.bootstrap.cli;

import io.godfs.bootstrap.config.Build;
import io.godfs.bootstrap.config.ConfigException;
import io.godfs.bootstrap.config.EnvironmentCheck;
import io.godfs.bootstrap.config.Role;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.RunLast;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Assembles the {@code godfs} command tree and its error handling. Exit codes: 0 success, 1 an
 * operation failed (one line on stderr), 2 a usage or configuration error.
 */
public final class GodfsCli {
  public static final String VERSION = Build.VERSION;
  static final int FAILED = 1;

  /** The exit code of a usage or configuration error. */
  public static final int USAGE = 2;

  private GodfsCli() {}

  /**
   * Parses {@code args}, runs the command and returns its exit code; never throws for user errors.
   */
  public static int execute(CliContext ctx, PrintWriter out, PrintWriter err, String... args) {
    return execute(ctx, out, err, List.of(), args);
  }

  /**
   * As {@link #execute(CliContext, PrintWriter, PrintWriter, String...)}, with more top-level
   * commands (picocli {@code @Command} objects named by their annotation): the benchmarks module's.
   */
  public static int execute(
      CliContext ctx, PrintWriter out, PrintWriter err, List<Object> moreCommands, String... args) {
    try {
      return create(ctx, out, err, moreCommands).execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  private static CommandLine create(
      CliContext ctx, PrintWriter out, PrintWriter err, List<Object> moreCommands) {
    CommandLine root = new CommandLine(new RootCommand(ctx));
    root.addSubcommand("master", new MasterCommand(ctx));
    root.addSubcommand("chunkserver", new ChunkserverCommand(ctx));
    root.addSubcommand("dev", new DevCommand(ctx));
    root.addSubcommand("gateway", new GatewayCommand(ctx));
    moreCommands.forEach(root::addSubcommand);
    root.addSubcommand("mount", new MountCommand(ctx));
    root.addSubcommand("join", new JoinCommand(ctx));
    CommandLine admin = new CommandLine(new AdminCommand());
    admin.addSubcommand(new AdminNodesCommand(ctx));
    admin.addSubcommand(new AdminFsckCommand(ctx));
    admin.addSubcommand(new AdminDecommissionCommand(ctx));
    admin.addSubcommand(new AdminSafeModeCommand(ctx));
    admin.addSubcommand(new AdminMastersCommand(ctx));
    admin.addSubcommand(new AdminTopCommand(ctx));
    admin.addSubcommand(new AdminRepairsCommand(ctx));
    admin.addSubcommand(new AdminKeyCommand(ctx));
    admin.addSubcommand(new AdminCertsCommand());
    admin.addSubcommand(new AdminTokenCommand(ctx));
    admin.addSubcommand(new AdminLogLevelCommand(ctx));
    AdminBackupCommands.all(ctx).forEach(admin::addSubcommand);
    root.addSubcommand("admin", admin);
    CommandLine config = new CommandLine(new ConfigCommand());
    config.addSubcommand("print", new ConfigPrintCommand(ctx));
    root.addSubcommand("config", config);
    CommandLine fs = new CommandLine(new FsCommand(ctx));
    for (FsSubcommand command : fileCommands(ctx)) {
      fs.addSubcommand(command);
    }
    CommandLine trash = new CommandLine(new TrashCommand());
    trash.addSubcommand(new TrashLsCommand(ctx));
    fs.addSubcommand("trash", trash);
    fs.addSubcommand(new RestoreCommand(ctx));
    // ADR 0028. A symbolic chmod MODE may start with '-' (-w): not an option there.
    fs.addSubcommand(
        new CommandLine(new ChmodCommand(ctx)).setUnmatchedOptionsArePositionalParams(true));
    fs.addSubcommand(new ChownCommand(ctx));
    fs.addSubcommand(TouchCommand.commandLine(ctx)); // -m: the modification time
    fs.addSubcommand(new LnCommand(ctx)); // ADR 0028 stage 2: links and extended attributes
    fs.addSubcommand(new ReadlinkCommand(ctx));
    fs.addSubcommand(new GetfattrCommand(ctx));
    fs.addSubcommand(new SetfattrCommand(ctx));
    CommandLine quota = new CommandLine(new QuotaCommand());
    QuotaCommands.all(ctx).forEach(quota::addSubcommand);
    fs.addSubcommand("quota", quota);
    root.addSubcommand("fs", fs);
    CommandLine snapshot = new CommandLine(new SnapshotCommand(ctx));
    SnapshotChangeCommands.all(ctx).forEach(snapshot::addSubcommand);
    SnapshotReadCommands.all(ctx).forEach(snapshot::addSubcommand);
    root.addSubcommand("snapshot", snapshot);
    // The original client's spelling (godfs mkdir /data): the same commands, hidden from the main
    // help.
    for (FsSubcommand command : fileCommands(ctx)) {
      CommandLine alias = new CommandLine(command);
      alias.getCommandSpec().usageMessage().hidden(true);
      root.addSubcommand(alias);
    }
    setVersion(root);
    root.setOut(out);
    root.setErr(err);
    root.setParameterExceptionHandler(GodfsCli::usageError);
    root.setExecutionExceptionHandler((e, command, parsed) -> failure(e, command, ctx.debug()));
    root.setExecutionStrategy(parsed -> checkEnvironmentThenRun(ctx, parsed));
    return root;
  }

  /**
   * Before any role runs, its environment is checked: a variable nobody reads is a warning line, an
   * unsupported one of the original goDFS that asks for something stops it (exit 2).
   */
  private static int checkEnvironmentThenRun(CliContext ctx, ParseResult parsed) {
    Integer help = CommandLine.executeHelpRequest(parsed);
    if (help != null) {
      return help;
    }
    Optional<Role> role = roleOf(parsed);
    if (role.isPresent()) {
      ParseResult leaf = parsed;
      while (leaf.hasSubcommand()) {
        leaf = leaf.subcommand();
      }
      PrintWriter err = leaf.commandSpec().commandLine().getErr();
      try {
        EnvironmentCheck.check(role.get(), ctx.env())
            .forEach(w -> err.println("godfs: warning: " + w));
      } catch (ConfigException e) {
        err.println("godfs: " + leaf.commandSpec().name() + ": " + e.getMessage());
        err.flush();
        return USAGE;
      }
      err.flush();
    }
    return new RunLast().execute(parsed);
  }

  /**
   * The role the command line runs as; none for the benchmarks and {@code config} (which checks
   * itself).
   */
  private static Optional<Role> roleOf(ParseResult parsed) {
    if (!parsed.hasSubcommand()) {
      return Optional.empty();
    }
    Object command = parsed.subcommand().commandSpec().userObject();
    if (command instanceof RoleCommand roleCommand) {
      return Optional.of(roleCommand.role());
    }
    boolean client =
        command instanceof MasterClientCommand
            || command instanceof FsCommand
            || command instanceof SnapshotCommand
            || command instanceof AdminCommand;
    return client ? Optional.of(Role.CLIENT) : Optional.empty();
  }

  private static List<FsSubcommand> fileCommands(CliContext ctx) {
    return List.of(
        new MkdirCommand(ctx),
        new PutCommand(ctx),
        new GetCommand(ctx),
        new CatCommand(ctx),
        new LsCommand(ctx),
        new StatCommand(ctx),
        new RmCommand(ctx),
        new MvCommand(ctx),
        new CreateCommand(ctx),
        new WriteCommand(ctx),
        new ReadCommand(ctx),
        new TruncateCommand(ctx));
  }

  private static void setVersion(CommandLine command) {
    command.getCommandSpec().version(VERSION);
    command.getSubcommands().values().forEach(GodfsCli::setVersion);
  }

  private static int usageError(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    PrintWriter err = command.getErr();
    err.println("godfs: " + e.getMessage());
    UnmatchedArgumentException.printSuggestions(e, err);
    err.println(
        "Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
    err.flush();
    return USAGE;
  }

  /** What escaped a command: a bad setting (exit 2) or a bug (exit 1), never a bare stack trace. */
  private static int failure(Exception e, CommandLine command, boolean debug) {
    PrintWriter err = command.getErr();
    String name = command.getCommandName();
    if (e instanceof ConfigException) {
      err.println("godfs: " + name + ": " + e.getMessage());
      err.flush();
      return USAGE;
    }
    err.println("godfs: " + name + ": " + ErrorMessages.of(e));
    if (debug) {
      e.printStackTrace(err);
    }
    err.flush();
    return FAILED;
  }
}
