package io.godfs.bootstrap.cli;

import java.io.PrintWriter;

/** How a server command waits to be stopped; tests substitute one that returns at once. */
public interface ShutdownSignal {

  /**
   * Blocks until the process is asked to stop (SIGTERM, Ctrl-C), closing {@code node} first. {@code
   * name} ("goDFS master") is used in the messages written to {@code err}.
   */
  void awaitThenClose(String name, AutoCloseable node, PrintWriter err);

  /**
   * Runs {@code stop} when the process is asked to stop (SIGTERM, Ctrl-C) while a command in the
   * foreground runs ({@code admin top}), before the process exits; closing the returned handle
   * takes it back. By default nothing asks to stop (tests in-process).
   */
  default Registration onStop(Runnable stop) {
    return () -> {};
  }

  /** A registered {@link #onStop} action, taken back by {@link #close()}. */
  interface Registration extends AutoCloseable {
    @Override
    void close();
  }
}
