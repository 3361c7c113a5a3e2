package io.godfs.bootstrap.mount;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.client.GodfsClient;
import io.godfs.domain.file.DfsPath;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Extended attributes through the mount with the programs that use them (ADR 0028): {@code
 * setfattr}/{@code getfattr} (package attr), {@code cp --preserve=xattr}, {@code cp -a} and {@code
 * rsync -X} between the mount and a local directory, both ways. {@code PosixConformanceIT} checks
 * the system calls one by one.
 */
class MountXattrIT {
  @TempDir static Path dir;
  static MountCluster cluster;
  static Path mnt;
  static Path local;

  @BeforeAll
  static void mount() throws Exception {
    cluster = new MountCluster(dir.resolve("cluster"), 1, 1 << 20, 1);
    mnt = cluster.mount("/xattrs").mountpoint();
    local = Files.createDirectories(dir.resolve("local"));
  }

  @AfterAll
  static void unmount() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void setfattrAndGetfattrOnTheMountAndTheSdkSeesThem() {
    String dump =
        Shell.ok(
                mnt,
                """
                echo data > f
                setfattr -n user.k -v v f
                setfattr -n user.bin -v 0x00ff0100 f
                setfattr -n user.gone -v x f
                setfattr -x user.gone f
                test "$(getfattr --only-values -n user.k f)" = v
                ! getfattr -n user.gone f 2>/dev/null
                getfattr -d -e hex f
                """)
            .out();
    assertThat(dump).contains("user.bin=0x00ff0100", "user.k=0x76").doesNotContain("user.gone");
    GodfsClient sdk = cluster.client(); // closed with the cluster
    assertThat(sdk.xattrs(DfsPath.of("/xattrs/f")).names()).containsExactly("user.bin", "user.k");
    assertThat(sdk.xattrs(DfsPath.of("/xattrs/f")).get("user.bin"))
        .hasValueSatisfying(v -> assertThat(v).containsExactly(0, 0xff, 1, 0));
  }

  @Test
  void cpAndRsyncKeepUserAttributesBothWays() {
    // A tree with attributes on files and a directory, binary values and a 2000-byte one (ext4
    // keeps
    // at most one block of them per inode).
    Shell.ok(
        local,
        """
        mkdir -p src/sub
        echo one > src/a
        head -c 100000 /dev/urandom > src/sub/b
        setfattr -n user.text -v hello src/a
        setfattr -n user.bin -v 0x0001feff src/a
        setfattr -n user.big -v 0x$(head -c 2000 /dev/urandom | od -An -v -tx1 | tr -d ' \\n') src/sub/b
        setfattr -n user.dir -v d src/sub
        """);
    String expected = attributes(local.resolve("src"));
    assertThat(expected).contains("user.text", "user.bin", "user.big", "user.dir");

    Shell.ok(
        mnt,
        "mkdir cp && cp --preserve=xattr "
            + local.resolve("src/a")
            + " cp/a && getfattr -d cp/a | grep -q user.text");
    Shell.ok(mnt, "cp -a " + local.resolve("src") + " cp-a");
    Shell.ok(mnt, "rsync -aX " + local.resolve("src") + "/ rsync/");
    assertThat(attributes(mnt.resolve("cp-a"))).isEqualTo(expected);
    assertThat(attributes(mnt.resolve("rsync"))).isEqualTo(expected);

    Shell.ok(local, "cp -a " + mnt.resolve("cp-a") + " back-cp");
    Shell.ok(local, "rsync -aX " + mnt.resolve("rsync") + "/ back-rsync/");
    assertThat(attributes(local.resolve("back-cp"))).isEqualTo(expected);
    assertThat(attributes(local.resolve("back-rsync"))).isEqualTo(expected);
    Shell.ok(local, "diff -r src back-cp && diff -r src back-rsync");
  }

  /** "path name=value" for every user.* attribute below {@code root} (paths relative), sorted. */
  private static String attributes(Path root) {
    return Shell.ok(
            root,
            """
            find . -mindepth 1 | LC_ALL=C sort | while read -r p; do
              getfattr -d -e hex --absolute-names "$p" | sed -n "s|^user\\.|$p user.|p"
            done
            """)
        .out();
  }
}
