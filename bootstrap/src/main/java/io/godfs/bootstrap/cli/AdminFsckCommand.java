package io.godfs.bootstrap.cli;

import io.godfs.application.port.in.AdminClient;
import io.godfs.application.port.in.ChunkReport;
import io.godfs.application.port.in.FsckReport;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.node.NodeId;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code godfs admin fsck [PATH]}: per file its chunks and replicas, and what is wrong (under-
 * replicated, missing, corrupt replicas). Exit code 1 when anything is wrong, as HDFS fsck.
 */
@Command(
    name = "fsck",
    mixinStandardHelpOptions = true,
    description =
        "Check files under PATH (default /): chunks, replicas, under-replicated/corrupt/missing. "
            + "Exit code 1 when anything is wrong.")
final class AdminFsckCommand extends AdminSubcommand {
  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "PATH",
      defaultValue = "/",
      description = "File or directory to check (default /).")
  String path;

  @Option(
      names = {"-v", "--verbose"},
      description = "List every chunk, not only files with problems.")
  boolean verbose;

  AdminFsckCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  int run(AdminClient admin) {
    FsckReport report = admin.fsck(DfsPath.parse(path).orThrow()).orThrow();
    for (FsckReport.FileReport file : report.files()) {
      if (!verbose && file.healthy()) {
        continue;
      }
      out()
          .printf(
              "%s  %d bytes, %d chunks, replication %d%s: %s%n",
              file.path(),
              file.length(),
              file.chunks().size(),
              file.replication(),
              file.beingWritten() ? ", being written" : "",
              file.healthy() ? "OK" : "PROBLEMS");
      for (ChunkReport c : file.chunks()) {
        if (!verbose && !c.status().isProblem() && c.corrupt().isEmpty()) {
          continue;
        }
        out()
            .printf(
                "  chunk %d %s %s %d bytes: %s, %d of %d good [%s]%s%s%n",
                c.index(),
                c.chunk(),
                c.version(),
                c.length(),
                c.status(),
                c.good().size(),
                c.wanted(),
                ids(c.good()),
                c.corrupt().isEmpty() ? "" : ", corrupt on [" + ids(c.corrupt()) + "]",
                c.stale().isEmpty() ? "" : ", stale on [" + ids(c.stale()) + "]");
      }
    }
    long chunks = report.files().stream().mapToLong(f -> f.chunks().size()).sum();
    out()
        .printf(
            "fsck %s: %d files, %d chunks: %d healthy, %d under-replicated, %d missing, %d over-replicated,"
                + " %d being written, %d corrupt replicas%n",
            report.path(),
            report.files().size(),
            chunks,
            report.count(ChunkReport.Status.HEALTHY),
            report.count(ChunkReport.Status.UNDER_REPLICATED),
            report.count(ChunkReport.Status.MISSING),
            report.count(ChunkReport.Status.OVER_REPLICATED),
            report.count(ChunkReport.Status.BEING_WRITTEN),
            report.corruptReplicas());
    out().println(report.healthy() ? "Status: HEALTHY" : "Status: CORRUPT");
    return report.healthy() ? 0 : GodfsCli.FAILED;
  }

  private static String ids(List<NodeId> nodes) {
    return nodes.stream().map(NodeId::value).collect(Collectors.joining(","));
  }

  @Override
  String operation() {
    return "fsck " + path;
  }
}
