package io.godfs.bootstrap.cli;

import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.application.port.in.TrashClient;
import io.godfs.application.port.in.TrashEntry;
import io.godfs.application.port.in.TrashPage;
import io.godfs.domain.file.DfsPath;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code godfs fs trash ls}: every deletion in the trash whose original path the caller may read,
 * oldest first, page by page. Text columns: type ({@code d} or {@code -}), size, deleted at, purged
 * at (ISO-8601, UTC), original path.
 */
@Command(
    name = "ls",
    mixinStandardHelpOptions = true,
    description = "List the trash, oldest deletion first: what 'godfs fs restore' can bring back.")
final class TrashLsCommand extends FsSubcommand {
  @Option(
      names = "--json",
      description = "Print a JSON array of {path,type,length,deletedAt,purgeAt,entryId}.")
  boolean json;

  TrashLsCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  void run(FileSystemUseCase fs) {
    TrashClient trash = fs.trash();
    boolean first = true;
    if (json) {
      out().print("[");
    }
    Optional<String> next = Optional.empty();
    do {
      TrashPage page = trash.list(next.orElse(null), 0);
      for (TrashEntry e : page.entries()) {
        out().print(json ? (first ? "\n  " : ",\n  ") + json(e) : text(e) + System.lineSeparator());
        first = false;
      }
      next = page.next();
    } while (next.isPresent());
    if (json) {
      out().println(first ? "]" : "\n]");
    }
  }

  private static String text(TrashEntry e) {
    return String.format(
        Locale.ROOT,
        "%s %12d %s %s %s",
        e.isDirectory() ? "d" : "-",
        e.length(),
        e.deletedAt().truncatedTo(ChronoUnit.SECONDS),
        e.purgeAt().truncatedTo(ChronoUnit.SECONDS),
        DfsPath.escaped(e.original().value()));
  }

  private static String json(TrashEntry e) {
    return "{\"path\":"
        + StatusFormat.quote(e.original().value())
        + ",\"type\":"
        + StatusFormat.quote(e.isDirectory() ? "directory" : "file")
        + ",\"length\":"
        + e.length()
        + ",\"deletedAt\":"
        + StatusFormat.quote(e.deletedAt().toString())
        + ",\"purgeAt\":"
        + StatusFormat.quote(e.purgeAt().toString())
        + ",\"entryId\":"
        + StatusFormat.quote(e.id().value())
        + "}";
  }

  @Override
  String operation() {
    return "trash ls";
  }
}
