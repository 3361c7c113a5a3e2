package io.godfs.bootstrap.cli;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code godfs admin top}'s usage errors, found before any call to a master (exit code 2). */
class AdminTopCommandTest {
  private final CliHarness cli = new CliHarness();

  @TempDir Path dir;

  @BeforeEach
  void noMasterAnywhere() {
    cli.env.put("GODFS_MASTER", "127.0.0.1:1");
    cli.env.put("GODFS_CREDENTIALS_FILE", dir.resolve("none").toString());
  }

  @Test
  void anIntervalWithoutAUnitIsRefused() {
    cli.run("admin", "top", "--interval", "2")
        .failedWith(2, "godfs: admin top: --interval: not a duration: 2 (like 2s or 500ms)");
  }

  @Test
  void anIntervalThatWouldHammerTheLeaderIsRefused() {
    cli.run("admin", "top", "--interval", "50ms")
        .failedWith(2, "godfs: admin top: --interval: 50ms is shorter than 200ms");
  }
}
