package io.godfs.bootstrap.mount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.domain.access.Principal;
import io.godfs.domain.access.Role;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Set;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failures reach programs as the errno they expect, and a missing master never hangs them. */
class MountErrnoIT {
  @TempDir Path dir;
  MountCluster cluster;

  @AfterEach
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void refusalsArriveAsTheMatchingErrno() throws Exception {
    cluster = new MountCluster(dir.resolve("cluster"), 1, 1 << 20, 1);
    Path mnt = cluster.mount("/errno").mountpoint();
    Files.createDirectories(mnt.resolve("d/sub"));
    Files.writeString(mnt.resolve("file"), "x");

    assertThatThrownBy(() -> Files.createDirectory(mnt.resolve("d")))
        .isInstanceOf(FileAlreadyExistsException.class);
    assertThatThrownBy(() -> Files.delete(mnt.resolve("d")))
        .isInstanceOf(DirectoryNotEmptyException.class);
    assertThatThrownBy(() -> Files.readString(mnt.resolve("missing")))
        .isInstanceOf(NoSuchFileException.class);
    assertThatThrownBy(() -> Files.createDirectory(mnt.resolve("file/x")))
        .isInstanceOf(FileSystemException.class)
        .hasMessageContaining("Not a directory");
    assertThatThrownBy(() -> Files.newOutputStream(mnt.resolve("d")).close())
        .isInstanceOf(FileSystemException.class)
        .hasMessageContaining("Is a directory");
    assertThatThrownBy(
            () -> Files.writeString(mnt.resolve("file"), "y", StandardOpenOption.CREATE_NEW))
        .isInstanceOf(FileAlreadyExistsException.class);
    String errors =
        Shell.run(
                mnt,
                Duration.ofSeconds(30),
                """
        rmdir file 2>&1 || true
        unlink d 2>&1 || true
        chmod 700 file 2>&1 || true
        chown 1234 file 2>&1 || true
        mv d d/sub/inside 2>&1 || true
        cat d 2>&1 || true
        """)
            .out();
    assertThat(errors)
        .contains("rmdir: failed to remove 'file': Not a directory")
        .contains("Is a directory")
        .contains("cannot move 'd' to a subdirectory of itself")
        .doesNotContain("Operation not permitted"); // modes and owners are kept (ADR 0028)
    Shell.ok(
        mnt,
        "test \"$(stat -c '%a %u' file)\" = '700 1234'"
            + " && chmod 644 file && rmdir d/sub && rmdir d && test ! -e d");
  }

  @Test
  void whatTheClustersRulesRefuseArrivesAsEacces() throws Exception {
    cluster = new MountCluster(dir.resolve("cluster"), 1, 1 << 20, 1);
    Path asAdmin = cluster.mount("/shared").mountpoint();
    Files.writeString(asAdmin.resolve("report.txt"), "numbers");
    Path asReader =
        cluster
            .mountAs(Principal.user("rita", Set.of(), Set.of(Role.READ)), "/shared")
            .mountpoint();

    assertThat(Files.readString(asReader.resolve("report.txt"))).isEqualTo("numbers");
    String out =
        Shell.run(
                asReader,
                Duration.ofSeconds(30),
                "touch new.txt 2>&1 || true; echo more >> report.txt 2>&1 || true;"
                    + " mkdir sub 2>&1 || true; rm report.txt 2>&1 || true;"
                    + " mv report.txt moved.txt 2>&1 || true")
            .out();
    assertThat(out.lines().filter(l -> l.contains("Permission denied")).count())
        .as(out)
        .isEqualTo(5);
    assertThat(Files.readString(asAdmin.resolve("report.txt"))).isEqualTo("numbers");
    try (var names = Files.list(asAdmin)) {
      assertThat(names.map(p -> p.getFileName().toString())).containsExactly("report.txt");
    }
  }

  @Test
  void dfShowsTheSpaceTheClusterOffersAndUses() throws Exception {
    cluster = new MountCluster(dir.resolve("cluster"), 1, 1 << 20, 1);
    Path mnt = cluster.mount("/df").mountpoint();
    var info = cluster.client().clusterInfo();
    assertThat(info.capacityBytes()).isPositive();
    FileStore store = Files.getFileStore(mnt);
    // The chunkserver measures its disk, whose free space moves a little between the two calls.
    assertThat((double) store.getTotalSpace())
        .isCloseTo(info.capacityBytes(), Percentage.withPercentage(1));
    assertThat(store.getUsableSpace()).isLessThanOrEqualTo(store.getTotalSpace());
  }

  @Test
  void aReadOnlyMountRefusesChangesAndServesReads() throws Exception {
    cluster = new MountCluster(dir.resolve("cluster"), 1, 1 << 20, 1);
    Files.writeString(cluster.mount("/ro").mountpoint().resolve("kept.txt"), "kept");
    Path ro = cluster.mount("/ro", o -> o.withReadOnly(true)).mountpoint();
    assertThat(Files.readString(ro.resolve("kept.txt"))).isEqualTo("kept");
    String out =
        Shell.run(
                ro,
                Duration.ofSeconds(30),
                "touch new.txt 2>&1 || true; echo more >> kept.txt 2>&1 || true; mkdir sub 2>&1 || true; rm kept.txt 2>&1 || true")
            .out();
    assertThat(out.lines().filter(l -> l.contains("Read-only file system")).count()).isEqualTo(4);
    assertThat(Files.readString(ro.resolve("kept.txt"))).isEqualTo("kept");
  }

  @Test
  void aStoppedMasterGivesEagainPromptlyInsteadOfAHang() {
    cluster = new MountCluster(dir.resolve("cluster"), 1, 1 << 20, 1);
    Path mnt =
        cluster
            .mount(
                "/down",
                o ->
                    o.withTtls(Duration.ZERO, Duration.ZERO, Duration.ZERO)
                        .withRpcTimeout(Duration.ofSeconds(5)))
            .mountpoint();
    Shell.ok(mnt, "echo before > f && test \"$(cat f)\" = before");
    cluster.stopMaster();
    long start = System.nanoTime();
    String out =
        Shell.run(
                dir,
                Duration.ofSeconds(60),
                "stat "
                    + mnt.resolve("f")
                    + " 2>&1 || true; ls "
                    + mnt
                    + " 2>&1 || true; touch "
                    + mnt.resolve("g")
                    + " 2>&1 || true")
            .out();
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(out.lines().filter(l -> l.contains("Resource temporarily unavailable")).count())
        .isEqualTo(3);
    assertThat(took).isLessThan(Duration.ofSeconds(30));
  }
}
