package io.godfs.bootstrap.cli;

import io.godfs.adapters.backup.DirectoryBackupArchive;
import io.godfs.application.client.ClusterBackup;
import io.godfs.application.client.ClusterRestore;
import io.godfs.application.port.in.BackupReport;
import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.application.port.in.RestoreReport;
import io.godfs.application.port.out.BackupArchive;
import io.godfs.application.port.out.BackupManifest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code godfs admin backup DEST}, {@code godfs admin restore SRC} and {@code godfs admin backups
 * DIR} (ADR 0027): a whole cluster into a local directory (a mounted disk, NFS, ...) and back. They
 * run as a client of the master with the caller's credential, which must be an administrator's.
 */
final class AdminBackupCommands {
  private AdminBackupCommands() {}

  static List<Object> all(CliContext ctx) {
    return List.of(new Backup(ctx), new Restore(ctx), new Backups());
  }

  /** Chunks copied (or files written) at once. */
  static final int DEFAULT_PARALLEL = 4;

  static String mib(long bytes) {
    return String.format("%.1f MiB", bytes / 1048576.0);
  }

  static double mibPerSecond(long bytes, Duration took) {
    return bytes / 1048576.0 / Math.max(1e-3, took.toNanos() / 1e9);
  }

  @Command(
      name = "backup",
      mixinStandardHelpOptions = true,
      description =
          "Copy the whole cluster, consistent at one point in time (a snapshot of /), into DEST:"
              + " the namespace and every chunk, each checked; a second run copies only new"
              + " chunks.")
  static final class Backup extends FsSubcommand {
    @Parameters(paramLabel = "DEST", description = "Local directory of backups (made if missing).")
    Path dest;

    @Option(
        names = "--parallel",
        paramLabel = "N",
        defaultValue = "" + DEFAULT_PARALLEL,
        description = "Chunks copied at once (default 4).")
    int parallel;

    Backup(CliContext ctx) {
      super(ctx);
    }

    @Override
    void run(FileSystemUseCase fs) throws IOException {
      BackupArchive archive = DirectoryBackupArchive.at(dest);
      BackupReport r = new ClusterBackup(fs, Clock.systemUTC(), parallel).backup(archive);
      out()
          .printf(
              "backup %s in %s: %d directories, %d files, %s; copied %d chunks (%s, %.1f MiB/s),"
                  + " %d already there; %.1f s%n",
              r.name(),
              archive.describe(),
              r.directories(),
              r.files(),
              mib(r.bytes()),
              r.chunksCopied(),
              mib(r.bytesCopied()),
              mibPerSecond(r.bytesCopied(), r.took()),
              r.chunksSkipped(),
              r.took().toNanos() / 1e9);
    }

    @Override
    String failedCommand() {
      return "admin backup " + dest;
    }

    @Override
    String operation() {
      return "backup";
    }
  }

  @Command(
      name = "restore",
      mixinStandardHelpOptions = true,
      description =
          "Rebuild an empty cluster from a backup in SRC (the newest unless --backup names one):"
              + " directories, then every file, each chunk checked against its SHA-256.")
  static final class Restore extends FsSubcommand {
    @Parameters(paramLabel = "SRC", description = "Directory of backups, as backup wrote it.")
    Path src;

    @Option(names = "--backup", paramLabel = "NAME", description = "The backup to restore.")
    String name;

    @Option(
        names = "--parallel",
        paramLabel = "N",
        defaultValue = "" + DEFAULT_PARALLEL,
        description = "Files written at once (default 4).")
    int parallel;

    Restore(CliContext ctx) {
      super(ctx);
    }

    @Override
    void run(FileSystemUseCase fs) throws IOException {
      BackupArchive archive = DirectoryBackupArchive.existing(src);
      RestoreReport r = new ClusterRestore(fs, Clock.systemUTC(), parallel).restore(archive, name);
      out()
          .printf(
              "restored %s from %s: %d directories, %d files, %s (%.1f MiB/s); %.1f s%n",
              r.name(),
              archive.describe(),
              r.directories(),
              r.files(),
              mib(r.bytes()),
              mibPerSecond(r.bytes(), r.took()),
              r.took().toNanos() / 1e9);
    }

    @Override
    String failedCommand() {
      return "admin restore " + src;
    }

    @Override
    String operation() {
      return "restore";
    }
  }

  @Command(
      name = "backups",
      mixinStandardHelpOptions = true,
      description = "List the complete backups in DIR, oldest first (no cluster needed).")
  static final class Backups implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "Directory of backups.")
    Path dir;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try {
        BackupArchive archive = DirectoryBackupArchive.existing(dir);
        out.printf("%-32s %-26s %10s %10s %14s%n", "NAME", "TAKEN", "DIRS", "FILES", "BYTES");
        for (String name : archive.backups()) {
          BackupManifest m = archive.manifest(name);
          out.printf(
              "%-32s %-26s %10d %10d %14d%n",
              m.name(), m.takenAt(), m.directories().size(), m.files().size(), m.bytes());
        }
        return 0;
      } catch (IOException | RuntimeException e) {
        out.flush();
        spec.commandLine().getErr().println("godfs: admin backups " + dir + ": " + e.getMessage());
        return GodfsCli.FAILED;
      } finally {
        out.flush();
      }
    }
  }
}
