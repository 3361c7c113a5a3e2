package io.godfs.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@code godfs rm}, {@code godfs fs trash ls} and {@code godfs fs restore} with a trash (ADR 0024).
 */
class TrashCommandsTest {
  private static final String NL = System.lineSeparator();
  private final CliHarness cli = new CliHarness();

  @Test
  void rmSaysWhereThePathWentAndRestoreBringsItBack() {
    cli.fs.trashOn = true;
    cli.fs.file("/data/a.txt", "hello".getBytes(StandardCharsets.UTF_8)).dir("/data/sub");

    CliHarness.Result rm = cli.run("fs", "rm", "/data/a.txt");
    assertThat(rm.code()).isZero();
    assertThat(rm.out())
        .isEqualTo(
            "moved /data/a.txt to the trash until 2026-01-02T04:04:05Z (godfs fs restore"
                + " /data/a.txt brings it back)"
                + NL);
    assertThat(cli.run("fs", "rm", "-r", "/data/sub").code()).isZero();

    CliHarness.Result ls = cli.run("fs", "trash", "ls");
    assertThat(ls.code()).isZero();
    assertThat(ls.out())
        .isEqualTo(
            "-            5 2026-01-02T03:04:05Z 2026-01-02T04:04:05Z /data/a.txt"
                + NL
                + "d            0 2026-01-02T03:04:05Z 2026-01-02T04:04:05Z /data/sub"
                + NL);
    CliHarness.Result json = cli.run("fs", "trash", "ls", "--json");
    assertThat(json.out())
        .startsWith("[\n  {\"path\":\"/data/a.txt\",\"type\":\"file\",\"length\":5,")
        .contains("\"purgeAt\":\"2026-01-02T04:04:05Z\",\"entryId\":\"1767323045000-")
        .endsWith("}\n]" + NL);

    CliHarness.Result restored = cli.run("fs", "restore", "/data/a.txt");
    assertThat(restored.code()).isZero();
    assertThat(restored.out()).isEqualTo("restored /data/a.txt" + NL);
    assertThat(cli.fs.exists("/data/a.txt")).isTrue();
    cli.run("fs", "restore", "/data/a.txt")
        .failedWith(
            1,
            "godfs: restore /data/a.txt: no deletion of /data/a.txt is in the trash"
                + " ('godfs fs trash ls' lists what can be restored)");
    cli.run("fs", "restore", "--id", "nope", "/data/sub")
        .failedWith(
            1,
            "godfs: restore /data/sub: --id: trash entry id : 'nope' (expected: like"
                + " 1733400000000-0123456789abcdef-2, as 'godfs fs trash ls' shows it)");
  }

  @Test
  void withoutATrashRmSaysNothingAndTrashCommandsSayWhy() {
    cli.fs.file("/f", new byte[1]);
    CliHarness.Result rm = cli.run("fs", "rm", "/f");
    assertThat(rm.code()).isZero();
    assertThat(rm.out()).isEmpty();
    cli.run("fs", "trash", "ls")
        .failedWith(
            1,
            "godfs: trash ls: this client reaches no master, and so no trash to list or restore");
    assertThat(cli.run("fs", "trash").code()).isEqualTo(GodfsCli.USAGE);
  }
}
