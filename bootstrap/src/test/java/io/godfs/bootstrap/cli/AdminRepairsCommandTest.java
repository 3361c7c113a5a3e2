package io.godfs.bootstrap.cli;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code godfs admin repairs}'s usage errors, found before any call to a master (exit code 2). */
class AdminRepairsCommandTest {
  private final CliHarness cli = new CliHarness();

  @TempDir Path dir;

  @BeforeEach
  void noMasterAnywhere() {
    cli.env.put("GODFS_MASTER", "127.0.0.1:1");
    cli.env.put("GODFS_CREDENTIALS_FILE", dir.resolve("none").toString());
  }

  @Test
  void aLimitAboveTheMastersIsRefused() {
    cli.run("admin", "repairs", "--limit", "1001")
        .failedWith(2, "godfs: admin repairs: --limit: 1001 is not between 1 and 1000");
  }

  @Test
  void aLimitBelowOneIsRefused() {
    cli.run("admin", "repairs", "--limit", "0")
        .failedWith(2, "godfs: admin repairs: --limit: 0 is not between 1 and 1000");
  }
}
