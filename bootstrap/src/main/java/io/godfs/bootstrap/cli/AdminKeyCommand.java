package io.godfs.bootstrap.cli;

import io.godfs.domain.access.Principal;
import io.godfs.domain.access.Role;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code godfs admin key create --user alice --role write}: adds an API key to the master's keys
 * file (its hash, with the user's roles and groups) and prints the key, once. Masters read the file
 * again within a second, so the key works without a restart. Runs where the file is, like {@code
 * htpasswd}: no master call, so it also makes the first administrator's key.
 */
@Command(
    name = "key",
    mixinStandardHelpOptions = true,
    description =
        "Create an API key: godfs admin key create --user NAME [--role ROLE] [--group G].")
final class AdminKeyCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "ACTION", description = "create.")
  String action;

  @Option(names = "--user", required = true, paramLabel = "NAME", description = "Whose key it is.")
  String user;

  @Option(
      names = "--role",
      paramLabel = "ROLE",
      description = "read, write or admin, on the whole namespace; repeatable; default none.")
  List<String> roles = new ArrayList<>();

  @Option(
      names = "--group",
      paramLabel = "GROUP",
      description = "A group the user is in (path grants name groups); repeatable.")
  List<String> groups = new ArrayList<>();

  @Option(
      names = "--api-keys-file",
      paramLabel = "PATH",
      description = "The master's keys file; default: env " + AdminKeysFile.ENV + ".")
  Path file;

  AdminKeyCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!"create".equals(action)) {
      err.println("godfs admin key: unknown action '" + action + "' (expected: create)");
      return 2;
    }
    Optional<AdminKeysFile> chosen = AdminKeysFile.chosen(file, ctx.env());
    if (chosen.isEmpty()) {
      err.println(
          "godfs admin key create: which keys file? Give --api-keys-file PATH or set "
              + AdminKeysFile.ENV
              + " (the master's --api-keys-file)");
      return 2;
    }
    AdminKeysFile keys = chosen.get();
    Principal.User principal;
    try {
      principal =
          Principal.user(
              user, Set.copyOf(groups), Set.copyOf(roles.stream().map(Role::parse).toList()));
    } catch (IllegalArgumentException e) {
      err.println("godfs admin key create: " + e.getMessage());
      return 2;
    }
    String key = keys.addKeyFor(principal);
    out.println(key);
    err.println(
        "created an API key for "
            + principal.name()
            + " in "
            + keys.path()
            + " (only its hash is kept: this is the one time it is shown)");
    return 0;
  }
}
