package io.godfs.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.ConsoleHandler;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Sends this process's log (java.util.logging, which Ratis, Netty and gRPC reach too) to a file
 * instead of the console while a benchmark runs, so the nodes' log lines stay out of its table.
 */
final class LogFile implements AutoCloseable {
  private final Logger root = Logger.getLogger("");
  private final List<Handler> removed = new ArrayList<>();
  private final FileHandler file;

  private LogFile(Path path) throws IOException {
    file = new FileHandler(path.toString(), false);
    file.setFormatter(new SimpleFormatter());
    for (Handler h : root.getHandlers()) {
      if (h instanceof ConsoleHandler) {
        root.removeHandler(h);
        removed.add(h);
      }
    }
    root.addHandler(file);
  }

  /**
   * From now until {@link #close()}, log records go to {@code path} (replaced), not the console.
   */
  static LogFile redirect(Path path) throws IOException {
    return new LogFile(path);
  }

  @Override
  public void close() {
    root.removeHandler(file);
    file.close();
    removed.forEach(root::addHandler);
  }
}
