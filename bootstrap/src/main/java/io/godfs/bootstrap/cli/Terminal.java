package io.godfs.bootstrap.cli;

import java.io.Console;

/** Whether the process talks to a person: stdin and stdout are a terminal, not a pipe or file. */
final class Terminal {
  private Terminal() {}

  static boolean isInteractive() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    // JDK 22+ may return a Console for redirected streams and added isTerminal() to tell; the code
    // targets Java 21, where a non-null console already means a terminal, so look the method up.
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException onJava21) {
      return true;
    }
  }
}
