package io.godfs.bootstrap.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code godfs} launcher as a user would, against a given master, with a deadline.
 */
final class Launcher {
  static final Path PATH =
      Path.of(System.getProperty("godfs.launcher", "../godfs")).toAbsolutePath().normalize();

  /**
   * Exit code and output; ISO-8859-1 maps bytes 1:1, so binary output (cat) survives the round
   * trip.
   */
  record Run(int code, String out, String err) {}

  private Launcher() {}

  /** With no settings beyond the master's address: against a cluster with security off. */
  static Run run(Path workDir, String masterAddress, String... args)
      throws IOException, InterruptedException {
    return run(workDir, masterAddress, Map.of(), args);
  }

  /** With {@code environment} too: e.g. the CA and the key a secured cluster's client needs. */
  static Run run(
      Path workDir, String masterAddress, Map<String, String> environment, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(PATH.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
    pb.environment().putAll(environment);
    pb.environment().put("GODFS_MASTER", masterAddress);
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Path out = workDir.resolve("stdout.txt");
    Path err = workDir.resolve("stderr.txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("godfs " + String.join(" ", args) + " did not finish within 120 s");
    }
    return new Run(
        p.exitValue(), Files.readString(out, StandardCharsets.ISO_8859_1), Files.readString(err));
  }
}
