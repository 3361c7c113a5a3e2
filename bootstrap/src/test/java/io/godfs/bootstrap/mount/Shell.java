package io.godfs.bootstrap.mount;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Runs real programs through bash in a directory, with a deadline, capturing their output. */
final class Shell {
  private Shell() {}

  record Result(int code, String out) {
    Result ok() {
      if (code != 0) {
        throw new AssertionError("exit code " + code + ", output:\n" + out);
      }
      return this;
    }
  }

  static Result run(Path dir, Duration timeout, String script) {
    try {
      Path log = Files.createTempFile("godfs-shell", ".log");
      try {
        Process p =
            new ProcessBuilder("bash", "-c", "set -e -o pipefail\n" + script)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
          throw new AssertionError(
              "did not finish within " + timeout + ": " + script + "\n" + Files.readString(log));
        }
        return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(log);
      }
    } catch (IOException e) {
      throw new AssertionError("cannot run bash", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  static Result ok(Path dir, String script) {
    return run(dir, Duration.ofSeconds(120), script).ok();
  }
}
