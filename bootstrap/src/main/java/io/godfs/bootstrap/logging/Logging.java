package io.godfs.bootstrap.logging;

import java.util.Map;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sets up {@code java.util.logging}, the one sink of goDFS's {@code System.Logger}s and of Ratis
 * (slf4j), Helidon and gRPC: the format of the console (standard error) and the levels (ADR 0023,
 * "Logs").
 */
public final class Logging {
  private Logging() {}

  /**
   * Formats the root logger's console handler(s) with {@code settings}' format (one is added if
   * there is none) and sets the levels; the handler lets every level through, the loggers choose.
   */
  public static void configure(LogSettings settings, String node) {
    Logger root = Logger.getLogger("");
    Formatter formatter = settings.format().formatter(node);
    boolean console = false;
    for (Handler handler : root.getHandlers()) {
      if (handler instanceof ConsoleHandler) {
        handler.setFormatter(formatter);
        handler.setLevel(Level.ALL);
        console = true;
      }
    }
    if (!console) {
      ConsoleHandler handler = new ConsoleHandler();
      handler.setFormatter(formatter);
      handler.setLevel(Level.ALL);
      root.addHandler(handler);
    }
    LogLevels.process().apply(settings.levels());
  }

  /**
   * What names this process in JSON lines: its master id or chunkserver id when set, else the
   * host's name from the environment, else nothing.
   */
  public static String node(Map<String, String> env) {
    for (String name : new String[] {"GODFS_MASTER_NODE_ID", "GODFS_NODE_ID", "HOSTNAME"}) {
      String value = env.get(name);
      if (value != null && !value.isBlank()) {
        return value.strip();
      }
    }
    return "";
  }
}
