package io.godfs.bootstrap.cli;

import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.application.port.in.SnapshotClient;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.SnapshotInfo;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** The {@code godfs snapshot} commands that change something: allow, create, rm, rename. */
final class SnapshotChangeCommands {
  private SnapshotChangeCommands() {}

  static List<SnapshotSubcommand> all(CliContext ctx) {
    return List.of(
        new Allow(ctx), new Disallow(ctx), new Create(ctx), new Rm(ctx), new Rename(ctx));
  }

  static String shown(SnapshotInfo s) {
    return DfsPath.escaped(s.path().value()) + " (id " + s.id() + ")";
  }

  /** {@code godfs snapshot allow|disallow DIR} (admin on DIR). */
  abstract static class Allowing extends SnapshotSubcommand {
    private final boolean allow;

    @Parameters(paramLabel = "DIR", description = "The directory.")
    String dir;

    Allowing(CliContext ctx, boolean allow) {
      super(ctx);
      this.allow = allow;
    }

    @Override
    void run(SnapshotClient snapshots, FileSystemUseCase fs) {
      if (allow) {
        snapshots.allow(path(dir));
      } else {
        snapshots.disallow(path(dir));
      }
      out().println((allow ? "allowed" : "disallowed") + " snapshots of " + DfsPath.escaped(dir));
    }

    @Override
    String operation() {
      return (allow ? "allow " : "disallow ") + dir;
    }
  }

  @Command(
      name = "allow",
      mixinStandardHelpOptions = true,
      description = "Let snapshots of DIR be taken (admin; not inside or above another such DIR).")
  static final class Allow extends Allowing {
    Allow(CliContext ctx) {
      super(ctx, true);
    }
  }

  @Command(
      name = "disallow",
      mixinStandardHelpOptions = true,
      description = "Stop snapshots of DIR (admin; refused while DIR has snapshots).")
  static final class Disallow extends Allowing {
    Disallow(CliContext ctx) {
      super(ctx, false);
    }
  }

  /** {@code godfs snapshot create DIR NAME}, or the seed's {@code create LABEL} (of {@code /}). */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description =
          "Take snapshot NAME of DIR. With one argument (the original goDFS's form), a snapshot"
              + " of / named LABEL: an admin must have allowed snapshots of /.")
  static final class Create extends SnapshotSubcommand {
    @Parameters(
        arity = "1..2",
        paramLabel = "DIR NAME | LABEL",
        description = "The directory and the snapshot's name, or a label alone.")
    List<String> args;

    Create(CliContext ctx) {
      super(ctx);
    }

    @Override
    void run(SnapshotClient snapshots, FileSystemUseCase fs) {
      SnapshotInfo made;
      if (args.size() == 1) {
        if (args.get(0).startsWith("/")) {
          throw new DfsException(
              ErrorCode.INVALID_ARGUMENT,
              "give DIR NAME (one argument alone is the label of a snapshot of /)");
        }
        made = snapshots.create(DfsPath.ROOT, args.get(0));
      } else {
        made = snapshots.create(path(args.get(0)), args.get(1));
      }
      out().println("created snapshot " + shown(made));
    }

    @Override
    String operation() {
      return "create " + String.join(" ", args);
    }

    @Override
    Map<ErrorCode, String> hints() {
      return Map.of(ErrorCode.BUSY, "a write into an existing chunk is in flight: retry");
    }
  }

  /** {@code godfs snapshot rm DIR NAME}, or {@code rm ID}. */
  @Command(
      name = "rm",
      mixinStandardHelpOptions = true,
      description = "Delete snapshot NAME of DIR, or the snapshot of id ID.")
  static final class Rm extends SnapshotSubcommand {
    @Parameters(arity = "1..2", paramLabel = "DIR NAME | ID", description = "Which snapshot.")
    List<String> args;

    Rm(CliContext ctx) {
      super(ctx);
    }

    @Override
    void run(SnapshotClient snapshots, FileSystemUseCase fs) {
      SnapshotInfo gone =
          args.size() == 1
              ? snapshots.delete(id(args.get(0)))
              : snapshots.delete(path(args.get(0)), args.get(1));
      out().println("deleted snapshot " + DfsPath.escaped(gone.path().value()));
    }

    @Override
    String operation() {
      return "rm " + String.join(" ", args);
    }
  }

  /** {@code godfs snapshot rename DIR OLD NEW}. */
  @Command(
      name = "rename",
      mixinStandardHelpOptions = true,
      description = "Rename snapshot OLD of DIR to NEW.")
  static final class Rename extends SnapshotSubcommand {
    @Parameters(index = "0", paramLabel = "DIR")
    String dir;

    @Parameters(index = "1", paramLabel = "OLD")
    String from;

    @Parameters(index = "2", paramLabel = "NEW")
    String to;

    Rename(CliContext ctx) {
      super(ctx);
    }

    @Override
    void run(SnapshotClient snapshots, FileSystemUseCase fs) {
      out().println("renamed snapshot to " + shown(snapshots.rename(path(dir), from, to)));
    }

    @Override
    String operation() {
      return "rename " + dir + " " + from + " " + to;
    }
  }
}
