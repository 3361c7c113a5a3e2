package io.godfs.bootstrap.config;

/** Invariant checks shared by the config records (programming errors, not user input). */
final class Guards {
  private Guards() {}

  static void port(String name, int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(name + " : " + port + " (expected: 0-65535)");
    }
  }
}
