package io.godfs.benchmarks.cli;

import io.godfs.benchmarks.BackupBench;
import io.godfs.domain.chunk.ChunkLayout;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code godfs bench-backup}: the rate of a whole-cluster backup (ADR 0027) next to {@code cp} and
 * fio copying the same bytes on the same disk, the incremental run's time and the restore's rate.
 */
@Command(
    name = "bench-backup",
    mixinStandardHelpOptions = true,
    description =
        "Write files (R=3) into an in-process dev cluster, then in rounds: a full backup into a"
            + " fresh directory, an incremental one with nothing changed, and a restore into a"
            + " second, empty, cluster; beside them, on the same disk in the same rounds: cp -r of"
            + " one chunkserver's chunk files + sync, fio's sequential write (end_fsync) and"
            + " O_DIRECT read, and the bytes written 3x with fsync. Prints the medians after a"
            + " warm-up round. Logs go to a file.")
final class BackupBenchCommand extends BenchmarkCommand {
  @Option(
      names = "--mib",
      paramLabel = "N",
      defaultValue = "512",
      description = "MiB of data in the cluster (one replica's worth); default ${DEFAULT-VALUE}.")
  int mib;

  @Option(
      names = "--files",
      paramLabel = "N",
      defaultValue = "8",
      description = "Files the data is split into; default ${DEFAULT-VALUE}.")
  int files;

  @Option(
      names = "--chunk-size",
      paramLabel = "SIZE",
      defaultValue = "64MiB",
      description = "Chunk size; default ${DEFAULT-VALUE}.")
  String chunkSize;

  @Option(
      names = "--rounds",
      paramLabel = "N",
      defaultValue = "3",
      description = "Measured rounds (the median is shown); default ${DEFAULT-VALUE}.")
  int rounds;

  @Option(
      names = "--parallel",
      paramLabel = "N",
      defaultValue = "4",
      description =
          "Chunks copied (backup) and files written (restore) at once, as godfs admin backup"
              + " --parallel; default ${DEFAULT-VALUE}.")
  int parallel;

  @Option(
      names = "--insecure",
      description =
          "Clusters without security (plaintext, no tokens); by default they run as godfs dev"
              + " does, with TLS, API keys and chunk tokens.")
  boolean insecure;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      defaultValue = ".",
      description =
          "The disk measured: the clusters, backups, cp and fio files go to a temp folder inside"
              + " it, removed afterwards; default the current folder.")
  Path dir;

  @Option(
      names = "--log",
      paramLabel = "FILE",
      defaultValue = "godfs-bench-backup.log",
      description = "Where the nodes' log goes; default ${DEFAULT-VALUE}.")
  Path log;

  @Override
  int run() throws Exception {
    require(mib > 0, "--mib must be > 0");
    require(files > 0 && files <= mib, "--files must be between 1 and --mib");
    require(rounds > 0 && parallel > 0, "--rounds and --parallel must be > 0");
    long chunk = parseSize(chunkSize);
    String chunkProblem = ChunkLayout.chunkSizeProblem(chunk);
    require(chunkProblem == null, chunkProblem);
    requireDirectory(dir);
    BackupBench.run(
        dir,
        log,
        new BackupBench.Options((long) mib << 20, files, chunk, rounds, parallel, !insecure),
        out());
    return 0;
  }
}
