package io.godfs.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.bootstrap.config.ClientConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs {@code godfs ...} in-process against an {@link InMemoryFileSystem} and a {@link
 * RecordingLauncher}.
 */
final class CliHarness {
  final InMemoryFileSystem fs = new InMemoryFileSystem();
  final RecordingLauncher launcher = new RecordingLauncher();
  final Map<String, String> env = new HashMap<>();
  final List<ClientConfig> clientConfigs = new ArrayList<>();
  final List<String> awaited = new ArrayList<>();
  Function<ClientConfig, FileSystemUseCase> clients = config -> fs;
  byte[] stdin = new byte[0];

  record Result(int code, String out, String err, byte[] stdout) {
    String stdoutText() {
      return new String(stdout, StandardCharsets.UTF_8);
    }

    /** Failed with exactly one line on stderr and nothing that looks like a stack trace. */
    Result failedWith(int expectedCode, String line) {
      assertThat(code).as("exit code; stderr: %s", err).isEqualTo(expectedCode);
      assertThat(err).isEqualTo(line + System.lineSeparator());
      return this;
    }
  }

  Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ShutdownSignal returnAtOnce =
        (name, node, errors) -> {
          awaited.add(name);
          try {
            node.close();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        };
    CliContext ctx =
        new CliContext(
            env,
            launcher,
            config -> {
              clientConfigs.add(config);
              return clients.apply(config);
            },
            returnAtOnce,
            new ByteArrayInputStream(stdin),
            stdout,
            false);
    int code = GodfsCli.execute(ctx, new PrintWriter(out), new PrintWriter(err), args);
    Result result = new Result(code, out.toString(), err.toString(), stdout.toByteArray());
    assertThat(result.err())
        .as("no stack trace")
        .doesNotContain("\tat ")
        .doesNotContain("Caused by");
    return result;
  }
}
