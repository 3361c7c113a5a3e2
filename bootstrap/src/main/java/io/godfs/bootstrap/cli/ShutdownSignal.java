package io.godfs.bootstrap.cli;

import java.io.PrintWriter;

/** How a server command waits to be stopped; tests substitute one that returns at once. */
public interface ShutdownSignal {

  /**
   * Blocks until the process is asked to stop (SIGTERM, Ctrl-C), closing {@code node} first. {@code
   * name} ("goDFS master") is used in the messages written to {@code err}.
   */
  void awaitThenClose(String name, AutoCloseable node, PrintWriter err);
}
