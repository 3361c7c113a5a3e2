package io.godfs.bootstrap.cli;

import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.application.port.in.QuotaClient;
import io.godfs.bootstrap.config.Sizes;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.QuotaUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code godfs fs quota set|clear|get} (ADR 0026). {@code get} prints, as {@code hdfs dfs -count -q
 * -v} does, a header and one row of right-aligned columns: {@code NAME_QUOTA REM_NAMES SPACE_QUOTA
 * REM_SPACE NAMES SPACE PATH}; a missing quota shows {@code none} and its remainder {@code inf};
 * spaces are in bytes, replicas counted. A failure is one line, {@code godfs: quota set /d: ...},
 * and exit code 1.
 */
final class QuotaCommands {
  static final String HEADER =
      String.format(
          Locale.ROOT,
          "%12s %12s %15s %15s %12s %15s %s",
          "NAME_QUOTA",
          "REM_NAMES",
          "SPACE_QUOTA",
          "REM_SPACE",
          "NAMES",
          "SPACE",
          "PATH");

  private QuotaCommands() {}

  static List<FsSubcommand> all(CliContext ctx) {
    return List.of(new SetQuota(ctx), new ClearQuota(ctx), new GetQuota(ctx));
  }

  /** A {@code godfs fs quota} command on one directory. */
  abstract static class OnDirectory extends FsSubcommand {
    @Parameters(paramLabel = "DIR", description = "The directory.")
    String dir;

    OnDirectory(CliContext ctx) {
      super(ctx);
    }

    abstract void run(QuotaClient quotas, DfsPath dir);

    abstract String verb();

    @Override
    final void run(FileSystemUseCase fs) {
      run(fs.quotas(), path(dir));
    }

    @Override
    final String operation() {
      return verb() + " " + dir;
    }

    @Override
    final String failedCommand() {
      return "quota " + operation();
    }
  }

  @Command(
      name = "set",
      mixinStandardHelpOptions = true,
      description =
          "Set the name quota, the space quota or both of DIR (admin); a quota not given stays.")
  static final class SetQuota extends OnDirectory {
    @Option(
        names = "--names",
        paramLabel = "N",
        description = "At most N names: DIR itself and every file and directory below it (>= 1).")
    Long names;

    @Option(
        names = "--space",
        paramLabel = "SIZE",
        description =
            "At most SIZE bytes stored below DIR, replicas counted as HDFS does (a 1 GiB file with"
                + " 3 replicas uses 3 GiB): bytes, or 512m, 10g, 2t (binary units).")
    String space;

    SetQuota(CliContext ctx) {
      super(ctx);
    }

    @Override
    String verb() {
      return "set";
    }

    @Override
    void run(QuotaClient quotas, DfsPath dir) {
      if (names == null && space == null) {
        throw new DfsException(
            ErrorCode.INVALID_ARGUMENT,
            "nothing to set (expected: --names N, --space SIZE or both)");
      }
      OptionalLong spaceQuota = space == null ? OptionalLong.empty() : OptionalLong.of(size(space));
      QuotaUsage set =
          quotas.set(
              dir, names == null ? OptionalLong.empty() : OptionalLong.of(names), spaceQuota);
      out().println("quotas of " + DfsPath.escaped(set.path().value()) + ": " + summary(set));
    }

    private static long size(String raw) {
      try {
        return Sizes.parse(raw);
      } catch (IllegalArgumentException e) {
        throw new DfsException(
            ErrorCode.INVALID_ARGUMENT,
            "--space : '" + raw + "' (expected: bytes, or with a unit: 512m, 10g, 2t)");
      }
    }
  }

  @Command(
      name = "clear",
      mixinStandardHelpOptions = true,
      description = "Remove the quotas of DIR (admin): both, or only the one named.")
  static final class ClearQuota extends OnDirectory {
    @Option(names = "--names", description = "Remove only the name quota.")
    boolean names;

    @Option(names = "--space", description = "Remove only the space quota.")
    boolean space;

    ClearQuota(CliContext ctx) {
      super(ctx);
    }

    @Override
    String verb() {
      return "clear";
    }

    @Override
    void run(QuotaClient quotas, DfsPath dir) {
      boolean both = names == space;
      QuotaUsage left = quotas.clear(dir, both || names, both || space);
      out().println("quotas of " + DfsPath.escaped(left.path().value()) + ": " + summary(left));
    }
  }

  @Command(
      name = "get",
      mixinStandardHelpOptions = true,
      description =
          "Show the quotas and usage of DIR, as 'hdfs dfs -count -q -v' does (read on DIR).",
      footer = {
        "",
        "Columns: NAME_QUOTA REM_NAMES SPACE_QUOTA REM_SPACE NAMES SPACE PATH. A missing quota",
        "is 'none' and its remainder 'inf'; spaces are bytes, replicas counted. NAMES counts DIR",
        "itself and everything below it."
      })
  static final class GetQuota extends OnDirectory {
    @Option(
        names = "--json",
        description =
            "Print {path,nameQuota,names,nameRemaining,spaceQuota,space,spaceRemaining}"
                + " (null: no quota).")
    boolean json;

    GetQuota(CliContext ctx) {
      super(ctx);
    }

    @Override
    String verb() {
      return "get";
    }

    @Override
    void run(QuotaClient quotas, DfsPath dir) {
      QuotaUsage u = quotas.get(dir);
      if (json) {
        out().println(json(u));
      } else {
        out().println(HEADER);
        out().println(row(u));
      }
    }
  }

  static String row(QuotaUsage u) {
    return String.format(
        Locale.ROOT,
        "%12s %12s %15s %15s %12d %15d %s",
        u.hasNameQuota() ? String.valueOf(u.nameQuota()) : "none",
        u.hasNameQuota() ? String.valueOf(u.nameQuota() - u.names()) : "inf",
        u.hasSpaceQuota() ? String.valueOf(u.spaceQuota()) : "none",
        u.hasSpaceQuota() ? String.valueOf(u.spaceQuota() - u.space()) : "inf",
        u.names(),
        u.space(),
        DfsPath.escaped(u.path().value()));
  }

  static String json(QuotaUsage u) {
    return "{\"path\":"
        + StatusFormat.quote(u.path().value())
        + ",\"nameQuota\":"
        + (u.hasNameQuota() ? u.nameQuota() : "null")
        + ",\"names\":"
        + u.names()
        + ",\"nameRemaining\":"
        + (u.hasNameQuota() ? u.nameQuota() - u.names() : "null")
        + ",\"spaceQuota\":"
        + (u.hasSpaceQuota() ? u.spaceQuota() : "null")
        + ",\"space\":"
        + u.space()
        + ",\"spaceRemaining\":"
        + (u.hasSpaceQuota() ? u.spaceQuota() - u.space() : "null")
        + "}";
  }

  /** {@code names 10 (3 used), space 3 GiB (1 MiB used, replicas counted)}. */
  static String summary(QuotaUsage u) {
    List<String> parts = new ArrayList<>();
    parts.add(
        "names "
            + (u.hasNameQuota() ? String.valueOf(u.nameQuota()) : "none")
            + " ("
            + u.names()
            + " used)");
    parts.add(
        "space "
            + (u.hasSpaceQuota() ? Sizes.format(u.spaceQuota()) : "none")
            + " ("
            + Sizes.format(u.space())
            + " used, replicas counted)");
    return String.join(", ", parts);
  }
}
