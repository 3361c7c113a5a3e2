package io.godfs.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code ./godfs} launcher, run as a user runs it (a separate JVM per command), against a
 * real cluster: exit codes, output and files are what a shell user gets.
 */
class CliAgainstClusterIT {
  @TempDir Path dir;
  TestCluster cluster;

  @BeforeEach
  void start() {
    cluster = new TestCluster(dir.resolve("cluster"), 3, 1 << 20, 3);
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  Launcher.Run godfs(String... args) throws IOException, InterruptedException {
    return Launcher.run(dir, cluster.masterAddress(), cluster.clientEnvironment(), args);
  }

  @Test
  void aShellUserStoresListsMovesAndReadsFiles() throws Exception {
    Path local = dir.resolve("local.bin");
    byte[] data = new byte[3 * (1 << 20) + 5000]; // spans 4 chunks of 1 MiB
    new Random(3).nextBytes(data);
    Files.write(local, data);

    assertThat(godfs("fs", "mkdir", "-p", "/data/in").code()).isZero();
    assertThat(godfs("fs", "put", local.toString(), "/data/in/file.bin").code()).isZero();

    Launcher.Run again = godfs("fs", "put", local.toString(), "/data/in/file.bin");
    assertThat(again.code()).isEqualTo(1);
    assertThat(again.err()).contains("/data/in/file.bin").contains("-f").doesNotContain("\tat ");

    Launcher.Run ls = godfs("fs", "ls", "/data/in");
    assertThat(ls.code()).isZero();
    assertThat(ls.out()).contains("file.bin").contains(String.valueOf(data.length));

    Launcher.Run stat = godfs("fs", "stat", "--json", "/data/in/file.bin");
    assertThat(stat.code()).isZero();
    assertThat(stat.out()).contains("\"length\":" + data.length).contains("\"type\":\"file\"");

    assertThat(godfs("fs", "mv", "/data/in/file.bin", "/data/moved.bin").code()).isZero();
    Path back = dir.resolve("back.bin");
    assertThat(godfs("fs", "get", "/data/moved.bin", back.toString()).code()).isZero();
    assertThat(Files.readAllBytes(back)).isEqualTo(data);

    Launcher.Run cat = godfs("fs", "cat", "/data/moved.bin");
    assertThat(cat.code()).isZero();
    assertThat(cat.out().getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(data);

    Launcher.Run rmDir = godfs("fs", "rm", "/data");
    assertThat(rmDir.code()).isEqualTo(1);
    assertThat(rmDir.err()).contains("not empty").contains("-r");
    assertThat(godfs("fs", "rm", "-r", "/data").code()).isZero();
    Launcher.Run gone = godfs("fs", "stat", "/data/moved.bin");
    assertThat(gone.code()).isEqualTo(1);
    assertThat(gone.err()).contains("does not exist");
  }

  @Test
  void theSeedsSpellingsWork() throws Exception {
    Path local = dir.resolve("hello.txt");
    Files.writeString(local, "hello goDFS");
    assertThat(godfs("mkdir", "/seed").code()).isZero();
    assertThat(godfs("create", "/seed/hello.txt").code()).isZero();
    assertThat(godfs("write", "/seed/hello.txt", local.toString()).code()).isZero();
    Path out = dir.resolve("out.txt");
    assertThat(godfs("read", "/seed/hello.txt", out.toString()).code()).isZero();
    assertThat(Files.readString(out)).isEqualTo("hello goDFS");
  }

  @Test
  void badInputAndAnUnreachableMasterGiveOneActionableLine() throws Exception {
    Launcher.Run relative = godfs("fs", "mkdir", "relative/path");
    assertThat(relative.code()).isNotZero();
    assertThat(relative.err()).contains("not absolute").doesNotContain("\tat ");

    ProcessBuilder pb =
        new ProcessBuilder(Launcher.PATH.toString(), "fs", "--master", "127.0.0.1:1", "ls", "/");
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(1);
    assertThat(output).contains("127.0.0.1:1").doesNotContain("\tat ");
  }
}
