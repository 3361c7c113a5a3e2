package io.godfs.bootstrap.cli;

import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.application.port.in.SnapshotClient;
import io.godfs.application.port.in.SnapshotManifest;
import io.godfs.application.port.in.SnapshotUseCase;
import io.godfs.domain.chunk.LocatedChunk;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.SnapshotChange;
import io.godfs.domain.file.SnapshotInfo;
import io.godfs.domain.node.NodeLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The {@code godfs snapshot} commands that read: ls, get, diff, and restore (into live paths). */
final class SnapshotReadCommands {
  private SnapshotReadCommands() {}

  static List<SnapshotSubcommand> all(CliContext ctx) {
    return List.of(new Ls(ctx), new Get(ctx), new Diff(ctx), new Restore(ctx));
  }

  /** {@code godfs snapshot ls [DIR]}: id, creation time (UTC), where it is read. */
  @Command(
      name = "ls",
      mixinStandardHelpOptions = true,
      description = "List the snapshots of DIR, or every snapshot you may read (no DIR).")
  static final class Ls extends SnapshotSubcommand {
    @Parameters(arity = "0..1", paramLabel = "DIR", description = "The directory.")
    String dir;

    @Option(names = "--dirs", description = "List the snapshottable directories instead.")
    boolean dirs;

    @Option(names = "--json", description = "Print a JSON array of {id,path,name,createdAt}.")
    boolean json;

    Ls(CliContext ctx) {
      super(ctx);
    }

    @Override
    void run(SnapshotClient snapshots, FileSystemUseCase fs) {
      if (dirs) {
        snapshots.snapshottable().forEach(d -> out().println(DfsPath.escaped(d.value())));
        return;
      }
      List<SnapshotInfo> listed = dir == null ? snapshots.listAll() : snapshots.list(path(dir));
      if (json) {
        out()
            .println(
                listed.stream()
                    .map(Ls::json)
                    .collect(Collectors.joining(",\n  ", listed.isEmpty() ? "[" : "[\n  ", "]")));
        return;
      }
      for (SnapshotInfo s : listed) {
        out()
            .println(
                String.format(
                    Locale.ROOT,
                    "%6d %s %s",
                    s.id(),
                    s.created().truncatedTo(ChronoUnit.SECONDS),
                    DfsPath.escaped(s.path().value())));
      }
    }

    private static String json(SnapshotInfo s) {
      return "{\"id\":"
          + s.id()
          + ",\"path\":"
          + StatusFormat.quote(s.directory().value())
          + ",\"name\":"
          + StatusFormat.quote(s.name())
          + ",\"createdAt\":"
          + StatusFormat.quote(s.created().toString())
          + "}";
    }

    @Override
    String operation() {
      return dir == null ? "ls" : "ls " + dir;
    }
  }

  /** {@code godfs snapshot get ID [FILE]}: the seed's manifest as JSON, to stdout or FILE. */
  @Command(
      name = "get",
      mixinStandardHelpOptions = true,
      description =
          "Print snapshot ID's manifest as JSON (its files, chunks and replicas), or write it to"
              + " the local FILE.")
  static final class Get extends SnapshotSubcommand {
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Parameters(index = "1", arity = "0..1", paramLabel = "FILE")
    String file;

    Get(CliContext ctx) {
      super(ctx);
    }

    @Override
    void run(SnapshotClient snapshots, FileSystemUseCase fs) {
      String text = json(snapshots.manifest(id(id)));
      if (file == null || file.equals("-")) {
        out().println(text);
        return;
      }
      try {
        Files.writeString(Path.of(file), text + "\n", StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
      }
      out().println("wrote the manifest of snapshot " + id + " to " + file);
    }

    @Override
    String operation() {
      return "get " + id;
    }
  }

  /**
   * The manifest as the seed printed it (its field names), with goDFS's additions ({@code path},
   * {@code snapshot_path}, {@code inline}, a chunk's {@code length}); no {@code checksum_sha256}.
   */
  static String json(SnapshotManifest m) {
    StringBuilder b = new StringBuilder("{\n");
    b.append("  \"snapshot_id\": ").append(StatusFormat.quote(Long.toString(m.snapshot().id())));
    b.append(",\n  \"label\": ").append(StatusFormat.quote(m.snapshot().name()));
    b.append(",\n  \"path\": ").append(StatusFormat.quote(m.snapshot().directory().value()));
    b.append(",\n  \"created_at_unix\": ").append(m.snapshot().created().getEpochSecond());
    b.append(",\n  \"chunk_size_bytes\": ").append(m.chunkSize());
    b.append(",\n  \"replication_factor\": ").append(m.replication());
    b.append(",\n  \"files\": [");
    String sep = "\n    ";
    for (SnapshotManifest.File f : m.files()) {
      b.append(sep).append("{\"path\": ").append(StatusFormat.quote(f.path().value()));
      b.append(", \"snapshot_path\": ").append(StatusFormat.quote(f.snapshotPath().value()));
      b.append(", \"size\": ").append(f.length()).append(", \"mode\": 420");
      b.append(", \"created_at_unix\": ").append(f.created().getEpochSecond());
      b.append(", \"modified_at_unix\": ").append(f.modified().getEpochSecond());
      b.append(", \"inline\": ").append(f.inline()).append(", \"chunks\": [");
      String chunkSep = "";
      for (LocatedChunk c : f.chunks()) {
        b.append(chunkSep).append("{\"chunk_id\": ").append(c.chunkId().value());
        b.append(", \"chunk_index\": ").append(c.index());
        b.append(", \"version\": ").append(c.version().value());
        b.append(", \"length\": ").append(c.length()).append(", \"replicas\": [");
        String replicaSep = "";
        for (NodeLocation r : c.replicas()) {
          b.append(replicaSep).append("{\"node_id\": ").append(StatusFormat.quote(r.id().value()));
          b.append(", \"grpc_address\": ").append(StatusFormat.quote(r.address().toString()));
          b.append("}");
          replicaSep = ", ";
        }
        b.append("]}");
        chunkSep = ", ";
      }
      b.append("]}");
      sep = ",\n    ";
    }
    return b.append(m.files().isEmpty() ? "]\n}" : "\n  ]\n}").toString();
  }

  /** {@code godfs snapshot diff DIR FROM [TO]}: HDFS's lines, {@code + - M R}. */
  @Command(
      name = "diff",
      mixinStandardHelpOptions = true,
      description =
          "What changed under DIR from snapshot FROM to snapshot TO (default: now): '+ PATH'"
              + " created, '- PATH' deleted, 'M PATH' modified, 'R OLD -> NEW' renamed.")
  static final class Diff extends SnapshotSubcommand {
    @Parameters(index = "0", paramLabel = "DIR")
    String dir;

    @Parameters(index = "1", paramLabel = "FROM")
    String from;

    @Parameters(index = "2", arity = "0..1", paramLabel = "TO")
    String to;

    Diff(CliContext ctx) {
      super(ctx);
    }

    @Override
    void run(SnapshotClient snapshots, FileSystemUseCase fs) {
      for (SnapshotChange c : snapshots.diff(path(dir), from, to)) {
        out().println(line(c));
      }
    }

    static String line(SnapshotChange c) {
      String path = DfsPath.escaped(c.path().value());
      return switch (c.kind()) {
        case CREATED -> "+ " + path;
        case DELETED -> "- " + path;
        case MODIFIED -> "M " + path;
        case RENAMED -> "R " + path + " -> " + DfsPath.escaped(c.target().value());
      };
    }

    @Override
    String operation() {
      return "diff " + dir + " " + from + (to == null ? "" : " " + to);
    }
  }

  /** {@code godfs snapshot restore SNAPSHOT_PATH [TARGET]}: no byte copied. */
  @Command(
      name = "restore",
      mixinStandardHelpOptions = true,
      description =
          "Make TARGET (default: SNAPSHOT_PATH outside .snapshot) what SNAPSHOT_PATH, a path in"
              + " DIR/.snapshot/NAME, was; replaces what is there. Chunks are shared, not copied.")
  static final class Restore extends SnapshotSubcommand {
    @Parameters(index = "0", paramLabel = "SNAPSHOT_PATH")
    String source;

    @Parameters(index = "1", arity = "0..1", paramLabel = "TARGET")
    String target;

    Restore(CliContext ctx) {
      super(ctx);
    }

    @Override
    void run(SnapshotClient snapshots, FileSystemUseCase fs) {
      DfsPath from = path(source);
      DfsPath to =
          target != null
              ? path(target)
              : SnapshotUseCase.liveTarget(from)
                  .orElseThrow(
                      () ->
                          new DfsException(
                              ErrorCode.INVALID_ARGUMENT,
                              source + " is not in a snapshot (expected: DIR/.snapshot/NAME/...)"));
      snapshots.restore(from, to);
      out().println("restored " + DfsPath.escaped(from.value()) + " to " + to);
    }

    @Override
    String operation() {
      return "restore " + source;
    }
  }
}
