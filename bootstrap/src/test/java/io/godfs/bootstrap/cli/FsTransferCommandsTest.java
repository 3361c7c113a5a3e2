package io.godfs.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FsTransferCommandsTest {
  private final CliHarness cli = new CliHarness();

  @TempDir Path dir;

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    new Random(42).nextBytes(bytes);
    return bytes;
  }

  private Path localFile(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  private String[] filesIn(Path d) throws IOException {
    try (Stream<Path> files = Files.list(d)) {
      return files.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
    }
  }

  @Test
  void putThenGetRoundTripsBytesAcrossSeveralBuffers() throws IOException {
    byte[] payload = randomBytes(3 * Transfers.BUFFER_BYTES + 17);
    Path source = localFile("a.bin", payload);
    cli.fs.dir("/data");

    assertThat(cli.run("fs", "put", source.toString(), "/data/a.bin").code()).isZero();
    assertThat(cli.fs.bytes("/data/a.bin")).isEqualTo(payload);

    Path copy = dir.resolve("copy.bin");
    CliHarness.Result get = cli.run("fs", "get", "/data/a.bin", copy.toString());
    assertThat(get.code()).isZero();
    assertThat(get.err()).isEmpty();
    assertThat(Files.readAllBytes(copy)).isEqualTo(payload);
  }

  @Test
  void putRefusesAnExistingRemoteFileUnlessForced() throws IOException {
    Path source = localFile("new.txt", "new".getBytes(StandardCharsets.UTF_8));
    cli.fs.file("/data/x", "old".getBytes(StandardCharsets.UTF_8));

    cli.run("fs", "put", source.toString(), "/data/x")
        .failedWith(1, "godfs: put /data/x: file /data/x already exists (use -f to overwrite)");
    assertThat(cli.fs.bytes("/data/x")).asString(StandardCharsets.UTF_8).isEqualTo("old");

    assertThat(cli.run("fs", "put", "-f", source.toString(), "/data/x").code()).isZero();
    assertThat(cli.fs.bytes("/data/x")).asString(StandardCharsets.UTF_8).isEqualTo("new");
  }

  @Test
  void putIntoAnExistingDirectoryKeepsTheLocalName() throws IOException {
    Path source = localFile("report.csv", "a,b".getBytes(StandardCharsets.UTF_8));
    cli.fs.dir("/data");

    assertThat(cli.run("put", source.toString(), "/data").code()).isZero();

    assertThat(cli.fs.bytes("/data/report.csv")).asString(StandardCharsets.UTF_8).isEqualTo("a,b");
  }

  @Test
  void putReadsStdinForDash() {
    cli.stdin = "from stdin".getBytes(StandardCharsets.UTF_8);

    assertThat(cli.run("fs", "put", "-", "/s.txt").code()).isZero();

    assertThat(cli.fs.bytes("/s.txt")).asString(StandardCharsets.UTF_8).isEqualTo("from stdin");
  }

  @Test
  void putOfAMissingLocalFileNamesItAndCreatesNothing() {
    Path missing = dir.resolve("missing.txt");

    cli.run("fs", "put", missing.toString(), "/m.txt")
        .failedWith(1, "godfs: put /m.txt: no such local file or directory: " + missing);
    assertThat(cli.fs.exists("/m.txt")).isFalse();
  }

  @Test
  void getRefusesAnExistingLocalFileUnlessForced() throws IOException {
    cli.fs.file("/data/x", "remote".getBytes(StandardCharsets.UTF_8));
    Path target = localFile("x", "local".getBytes(StandardCharsets.UTF_8));

    cli.run("fs", "get", "/data/x", target.toString())
        .failedWith(
            1,
            "godfs: get /data/x: local file " + target + " already exists (use -f to overwrite)");
    assertThat(target).hasContent("local");

    assertThat(cli.run("fs", "get", "-f", "/data/x", target.toString()).code()).isZero();
    assertThat(target).hasContent("remote");
  }

  @Test
  void aFailedGetLeavesNoPartialFileUnderTheTargetName() throws IOException {
    cli.fs.file("/data/big", randomBytes(5000));
    cli.fs.failReadsAfter = 1000;
    Path target = dir.resolve("big");

    cli.run("fs", "get", "/data/big", target.toString())
        .failedWith(1, "godfs: get /data/big: no readable replica of chunk 0");

    assertThat(target).doesNotExist();
    assertThat(filesIn(dir)).isEmpty();
  }

  @Test
  void aFailedForcedGetKeepsTheOldLocalFile() throws IOException {
    cli.fs.file("/data/big", randomBytes(5000));
    cli.fs.failReadsAfter = 1000;
    Path target = localFile("big", "previous".getBytes(StandardCharsets.UTF_8));

    assertThat(cli.run("fs", "get", "-f", "/data/big", target.toString()).code()).isEqualTo(1);

    assertThat(target).hasContent("previous");
    assertThat(filesIn(dir)).containsExactly("big");
  }

  @Test
  void getIntoAnExistingDirectoryKeepsTheRemoteName() throws IOException {
    cli.fs.file("/data/a.txt", "A".getBytes(StandardCharsets.UTF_8));

    assertThat(cli.run("get", "/data/a.txt", dir.toString()).code()).isZero();

    assertThat(dir.resolve("a.txt")).hasContent("A");
  }

  @Test
  void getOfAMissingRemoteFileCreatesNoLocalFile() throws IOException {
    cli.run("fs", "get", "/nope", dir.resolve("nope").toString())
        .failedWith(1, "godfs: get /nope: /nope does not exist");
    assertThat(filesIn(dir)).isEmpty();
  }

  @Test
  void catWritesTheRawBytesToStdout() {
    byte[] binary = {0, (byte) 0xff, (byte) 0xc3, 10, 13};
    cli.fs.file("/bin", binary);

    CliHarness.Result cat = cli.run("fs", "cat", "/bin");

    assertThat(cat.code()).isZero();
    assertThat(cat.stdout()).isEqualTo(binary);
  }

  @Test
  void theSeedSpellingsWriteAndReadReplace() throws IOException {
    cli.fs.file("/w.txt", "old".getBytes(StandardCharsets.UTF_8));
    Path source = localFile("in.txt", "written".getBytes(StandardCharsets.UTF_8));
    Path out = localFile("out.txt", "stale".getBytes(StandardCharsets.UTF_8));

    assertThat(cli.run("write", "/w.txt", source.toString()).code()).isZero();
    assertThat(cli.run("fs", "read", "/w.txt", out.toString()).code()).isZero();

    assertThat(out).hasContent("written");
  }
}
