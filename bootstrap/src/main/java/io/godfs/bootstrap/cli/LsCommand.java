package io.godfs.bootstrap.cli;

import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.Listing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Lists a directory (or a file as itself) page by page, so any size of directory streams out. Text
 * columns: type ({@code d}, {@code l} or {@code -}), size, modification time (ISO-8601, UTC), name;
 * with {@code -l} the type and permissions as ls prints them ({@code drwxr-xr-x}), the numeric
 * owner and group, then the same columns, and after a symbolic link's name {@code -> TARGET} (one
 * readlink per link; ADR 0028). Links are never followed, {@code -R} does not descend through them.
 */
@Command(
    name = "ls",
    mixinStandardHelpOptions = true,
    description = "List a directory (all pages, sorted by name).")
final class LsCommand extends FsSubcommand {
  @Option(
      names = "--json",
      description = "Print a JSON array of {path,type,length,modificationTime,...}.")
  boolean json;

  @Option(
      names = {"-l", "--long"},
      description =
          "Long format: mode (drwxr-xr-x), numeric owner and group, size, time, name (a link's"
              + " with -> TARGET).")
  boolean longFormat;

  @Option(
      names = {"-R", "--recursive"},
      description = "Descend into subdirectories; names become full paths.")
  boolean recursive;

  @Parameters(
      paramLabel = "PATH",
      defaultValue = "/",
      description = "Absolute goDFS path (default /).")
  String path;

  private boolean first = true;

  LsCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  void run(FileSystemUseCase fs) {
    if (json) {
      out().print("[");
    }
    list(fs, path(path));
    if (json) {
      out().println(first ? "]" : "\n]");
    }
  }

  private void list(FileSystemUseCase fs, DfsPath dir) {
    String startAfter = null;
    Listing page;
    do {
      page = fs.list(dir, startAfter, 0);
      for (FileStatus entry : page.entries()) {
        print(fs, entry);
        if (recursive && entry.isDirectory() && !entry.path().equals(dir)) {
          list(fs, entry.path());
        }
      }
      if (!page.entries().isEmpty()) {
        startAfter = page.entries().getLast().path().name();
      }
    } while (page.hasMore() && !page.entries().isEmpty());
  }

  private void print(FileSystemUseCase fs, FileStatus entry) {
    if (json) {
      out().print((first ? "\n  " : ",\n  ") + StatusFormat.json(entry));
    } else if (longFormat) {
      String name = DfsPath.escaped(recursive ? entry.path().value() : entry.path().name());
      String target = entry.isSymlink() ? targetOf(fs, entry.path()) : null;
      out()
          .println(
              StatusFormat.lsLongLine(
                  entry, target == null ? name : name + " -> " + DfsPath.escaped(target)));
    } else {
      String name = DfsPath.escaped(recursive ? entry.path().value() : entry.path().name());
      out().println(StatusFormat.lsLine(entry, name));
    }
    first = false;
  }

  /** A listed link's target; null when it went away or was replaced since the page was read. */
  private static String targetOf(FileSystemUseCase fs, DfsPath link) {
    try {
      return fs.readlink(link);
    } catch (DfsException e) {
      if (e.code() == ErrorCode.NOT_FOUND || e.code() == ErrorCode.INVALID_ARGUMENT) {
        return null;
      }
      throw e;
    }
  }

  @Override
  String operation() {
    return "ls " + path;
  }
}
