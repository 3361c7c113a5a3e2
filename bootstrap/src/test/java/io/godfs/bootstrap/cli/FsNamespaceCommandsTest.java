package io.godfs.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FsNamespaceCommandsTest {
  private static final String NL = System.lineSeparator();
  private final CliHarness cli = new CliHarness();

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void lsPrintsEveryPageSortedByName() {
    for (String name : new String[] {"c", "a", "e", "b", "d"}) {
      cli.fs.file("/data/" + name, bytes(name.repeat(3)));
    }
    cli.fs.dir("/data/sub");

    CliHarness.Result ls = cli.run("fs", "ls", "/data");

    assertThat(ls.code()).isZero();
    assertThat(ls.out())
        .isEqualTo(
            String.join(
                    NL,
                    "-            3 2026-01-02T03:04:05Z a",
                    "-            3 2026-01-02T03:04:05Z b",
                    "-            3 2026-01-02T03:04:05Z c",
                    "-            3 2026-01-02T03:04:05Z d",
                    "-            3 2026-01-02T03:04:05Z e",
                    "d            0 2026-01-02T03:04:05Z sub")
                + NL);
    assertThat(cli.fs.listCalls).as("6 entries in pages of 2").isGreaterThanOrEqualTo(3);
  }

  @Test
  void lsEscapesNamesThatWouldDriveTheTerminal() {
    cli.fs
        .file("/data/evil\u001b]0;pwned\u0007\n-rw fake", bytes("1"))
        .file("/data/gpj\u202eexe", bytes("2"));

    CliHarness.Result ls = cli.run("fs", "ls", "/data");

    assertThat(ls.code()).isZero();
    assertThat(ls.out())
        .doesNotContain("\u001b")
        .doesNotContain("\u202e")
        .doesNotContain("\u0007")
        .contains("evil\\u{001B}]0;pwned\\u{0007}\\u{000A}-rw fake")
        .contains("gpj\\u{202E}exe");
    assertThat(ls.out().lines()).hasSize(2);
  }

  @Test
  void namesWithControlCharactersAreRefusedNamingTheCharacter() {
    cli.run("fs", "mkdir", "/bad\u001bname")
        .failedWith(
            1,
            "godfs: mkdir /bad\\u{001B}name: path '/bad\\u{001B}name' contains the control character"
                + " U+001B (expected: names without control or bidirectional formatting characters)");
  }

  @Test
  void lsRecursivePrintsFullPathsDepthFirst() {
    cli.fs.file("/a/x", bytes("1")).file("/a/sub/y", bytes("22")).file("/b", bytes("333"));

    CliHarness.Result ls = cli.run("ls", "-R", "/");

    assertThat(ls.out().lines().map(line -> line.substring(line.lastIndexOf(' ') + 1)))
        .containsExactly("/a", "/a/sub", "/a/sub/y", "/a/x", "/b");
  }

  @Test
  void lsJsonIsAnArrayWithEscapedStrings() {
    cli.fs.file("/data/plain", bytes("12345")).file("/data/we\"ird\\name", bytes(""));
    cli.fs.dir("/data/dir");

    CliHarness.Result ls = cli.run("fs", "ls", "--json", "/data");

    assertThat(ls.code()).isZero();
    String json = ls.out().strip();
    assertThat(json).startsWith("[").endsWith("]");
    assertThat(json.split("\\{", -1)).hasSize(4);
    assertThat(json)
        .contains(
            "{\"path\":\"/data/plain\",\"type\":\"file\",\"length\":5,"
                + "\"modificationTime\":\"2026-01-02T03:04:05Z\",\"creationTime\":\"2026-01-02T03:04:05Z\","
                + "\"replication\":3,\"chunkSize\":67108864,\"owner\":0,\"group\":0,"
                + "\"mode\":\"0644\",\"permissions\":\"rw-r--r--\","
                + "\"accessTime\":\"2026-01-02T03:04:05Z\",\"changeTime\":\"2026-01-02T03:04:05Z\",\"links\":1}");
    assertThat(json).contains("\"path\":\"/data/we\\\"ird\\\\name\"");
    assertThat(json).contains("{\"path\":\"/data/dir\",\"type\":\"directory\",\"length\":0,");
  }

  @Test
  void lsJsonOfAnEmptyDirectoryIsAnEmptyArray() {
    cli.fs.dir("/empty");

    assertThat(cli.run("fs", "ls", "--json", "/empty").out()).isEqualTo("[]" + NL);
  }

  @Test
  void statPrintsTextOrOneJsonObject() {
    cli.fs.file("/data/f", bytes("hello"));

    CliHarness.Result text = cli.run("fs", "stat", "/data/f");
    CliHarness.Result json = cli.run("fs", "stat", "--json", "/data/f");

    assertThat(text.out())
        .contains(
            "path:        /data/f",
            "type:        file",
            "length:      5",
            "chunk size:  67108864 (64 MiB)",
            "modified:    2026-01-02T03:04:05.000000000Z",
            "mode:        0644 (-rw-r--r--)");
    assertThat(json.out())
        .isEqualTo(
            "{\"path\":\"/data/f\",\"type\":\"file\",\"length\":5,"
                + "\"modificationTime\":\"2026-01-02T03:04:05Z\",\"creationTime\":\"2026-01-02T03:04:05Z\","
                + "\"replication\":3,\"chunkSize\":67108864,\"owner\":0,\"group\":0,"
                + "\"mode\":\"0644\",\"permissions\":\"rw-r--r--\","
                + "\"accessTime\":\"2026-01-02T03:04:05Z\",\"changeTime\":\"2026-01-02T03:04:05Z\",\"links\":1}"
                + NL);
  }

  @Test
  void mkdirNeedsDashPForMissingParents() {
    cli.run("fs", "mkdir", "/a/b/c")
        .failedWith(
            1,
            "godfs: mkdir /a/b/c: parent directory /a does not exist (use -p to create parents)");

    assertThat(cli.run("fs", "mkdir", "-p", "/a/b/c").code()).isZero();
    assertThat(cli.fs.exists("/a/b/c")).isTrue();
  }

  @Test
  void rmOfANonEmptyDirectoryNeedsDashR() {
    cli.fs.file("/data/f", bytes("x"));

    cli.run("fs", "rm", "/data")
        .failedWith(
            1,
            "godfs: rm /data: directory /data is not empty (use -r to delete it with its contents)");
    assertThat(cli.fs.exists("/data/f")).isTrue();

    assertThat(cli.run("fs", "rm", "-r", "/data").code()).isZero();
    assertThat(cli.fs.exists("/data")).isFalse();
  }

  @Test
  void mvIntoAnExistingDirectoryKeepsTheName() {
    cli.fs.file("/data/a", bytes("A")).dir("/archive");

    assertThat(cli.run("fs", "mv", "/data/a", "/archive").code()).isZero();

    assertThat(cli.fs.exists("/data/a")).isFalse();
    assertThat(cli.fs.bytes("/archive/a")).asString(StandardCharsets.UTF_8).isEqualTo("A");
  }

  @Test
  void mvRenamesAndReplacesAFileOnlyWhenForced() {
    cli.fs.file("/a", bytes("A")).file("/b", bytes("B"));

    cli.run("mv", "/a", "/b")
        .failedWith(1, "godfs: mv /a: /b already exists (use -f to overwrite)");
    assertThat(cli.run("mv", "-f", "/a", "/b").code()).isZero();
    assertThat(cli.run("mv", "/b", "/c").code()).isZero();

    assertThat(cli.fs.exists("/a")).isFalse();
    assertThat(cli.fs.bytes("/c")).asString(StandardCharsets.UTF_8).isEqualTo("A");
  }

  @Test
  void createMakesAnEmptyFileOnce() {
    assertThat(cli.run("create", "/e").code()).isZero();
    assertThat(cli.fs.bytes("/e")).isEmpty();

    cli.run("fs", "create", "/e")
        .failedWith(1, "godfs: create /e: file /e already exists (use -f to overwrite)");
  }

  @Test
  void truncateTakesSizesWithUnitsAndNamesABadSize() {
    cli.fs.file("/t", bytes("hello world"));
    assertThat(cli.run("truncate", "/t", "5").code()).isZero();
    assertThat(cli.fs.bytes("/t")).asString(StandardCharsets.UTF_8).isEqualTo("hello");
    assertThat(cli.run("fs", "truncate", "/t", "1KiB").code()).isZero();
    assertThat(cli.fs.bytes("/t")).hasSize(1024);

    cli.run("truncate", "/t", "ten")
        .failedWith(
            1,
            "godfs: truncate /t: SIZE : ten (expected: bytes or a size like 10MiB; not a size: ten)");
    cli.run("truncate", "/missing", "1")
        .failedWith(1, "godfs: truncate /missing: /missing does not exist");
  }
}
