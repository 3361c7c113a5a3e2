package io.godfs.bootstrap.cli;

import io.godfs.domain.access.Principal;
import io.godfs.domain.access.Role;
import io.godfs.domain.file.PosixIdentity;
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
 * {@code godfs admin key create --user alice --role write [--uid 1000 --gid 1000]}: adds an API key
 * to the master's keys file (its hash, with the user's roles, groups and POSIX identity) and prints
 * the key, once. A key without {@code --uid} is held to the grants alone (ADR 0029). Masters read
 * the file again within a second, so the key works without a restart. Runs where the file is, like
 * {@code htpasswd}: no master call, so it also makes the first administrator's key.
 */
@Command(
    name = "key",
    mixinStandardHelpOptions = true,
    description =
        "Create an API key: godfs admin key create --user NAME [--role ROLE] [--group G]"
            + " [--uid UID [--gid GID] [--gids GID,...]].")
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
      names = "--uid",
      paramLabel = "UID",
      description =
          "The user's numeric POSIX identity: its files are owned by this uid, and the master"
              + " checks owners and modes for it unless it is an administrator (ADR 0029).")
  Integer uid;

  @Option(
      names = "--gid",
      paramLabel = "GID",
      description = "Its primary gid (with --uid); default: the uid, as a user private group.")
  Integer gid;

  @Option(
      names = "--gids",
      split = ",",
      paramLabel = "GID",
      description = "Its supplementary gids (with --uid), comma-separated or repeated.")
  List<Integer> gids = new ArrayList<>();

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
      if (uid == null && (gid != null || !gids.isEmpty())) {
        throw new IllegalArgumentException("--gid and --gids need --uid");
      }
      if (uid != null) {
        principal =
            principal.withPosix(new PosixIdentity(uid, gid == null ? uid : gid, Set.copyOf(gids)));
      }
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
