package io.godfs.bootstrap.mount;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.client.GodfsClient;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Symbolic links through the mount with the programs that make, show, follow and copy them (ADR
 * 0028): {@code ln -s}, {@code readlink -f}, {@code ls -l}, {@code find -L}/{@code -type l}, and
 * trees with links copied by {@code cp -a}, {@code tar} and {@code rsync -a} between the mount and
 * a local directory, both ways: links stay links, with their targets, owners and times. {@code
 * PosixConformanceIT} checks the system calls one by one.
 */
class MountSymlinkIT {
  @TempDir static Path dir;
  static MountCluster cluster;
  static Path mnt;
  static Path local;
  static GodfsClient sdk;

  @BeforeAll
  static void mount() throws IOException {
    cluster = new MountCluster(dir.resolve("cluster"), 1, 1 << 20, 1);
    mnt = cluster.mount("/links").mountpoint();
    local = Files.createDirectories(dir.resolve("local"));
    sdk = cluster.client();
  }

  @AfterAll
  static void unmount() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void lnReadlinkLsAndFindDoOnTheMountWhatTheyDoOnALocalDirectory() throws IOException {
    String script =
        """
        mkdir -p dir/sub && echo one > file && echo deep > dir/sub/deep
        ln -s file rel
        ln -s dir/sub/deep to-deep
        ln -s ../file dir/up
        ln -s dir to-dir
        ln -s missing dangling
        ln -s /dev/null abs
        ln -s missing forced && ln -sf file forced
        ln -sfn dir/sub to-dir
        echo "readlink $(readlink rel) $(readlink -f to-deep | sed "s|^$PWD/||")"
        echo "readlink -f $(readlink -f dir/up | sed "s|^$PWD/||")"
        echo "readlink -f $(readlink -f to-dir/deep | sed "s|^$PWD/||")"
        readlink -e dangling || echo "readlink -e dangling: none"
        ls -l | awk '/^l/ {print "ls", $1, $(NF-2), $(NF-1), $NF}'
        ls -lL rel | awk '{print "ls -L", $1, $5, $NF}'
        find . -type l | LC_ALL=C sort | sed 's/^/find-type-l /'
        find -L . -type f | LC_ALL=C sort | sed 's/^/find-L /'
        find -L . -type l | LC_ALL=C sort | sed 's/^/find-L-broken /'
        stat -c 'stat %N %F %s %a' rel to-dir dangling
        stat -L -c 'stat-L %n %F' rel to-dir
        cat to-dir/deep to-deep dir/up
        echo two >> rel && cat file
        mv rel moved && readlink moved && cat moved
        rm moved to-deep && ls file dir/sub/deep
        """;
    Path localDir = Files.createDirectories(local.resolve("same"));
    Path mountDir = Files.createDirectories(mnt.resolve("same"));
    String expected = Shell.ok(localDir, script).out();
    String actual = Shell.ok(mountDir, script).out();
    assertThat(actual).isEqualTo(expected);
    assertThat(actual)
        .contains("readlink file dir/sub/deep\n")
        .contains("readlink -f file\nreadlink -f dir/sub/deep\n")
        .contains("readlink -e dangling: none\n")
        .contains("ls lrwxrwxrwx rel -> file\n")
        .contains("ls lrwxrwxrwx to-dir -> dir/sub\n")
        .contains("ls lrwxrwxrwx forced -> file\n")
        .contains("ls -L -rw-r--r-- 4 rel\n")
        .contains("find-type-l ./dangling\n")
        .contains("find-L ./to-dir/deep\n")
        .contains("find-L-broken ./dangling\n")
        .contains("stat 'rel' -> 'file' symbolic link 4 777\n")
        .contains("stat-L to-dir directory");

    // The namespace holds links as links: the SDK sees what the mount made, and the mount what the
    // SDK makes.
    FileStatus forced = sdk.stat(DfsPath.of("/links/same/forced"));
    assertThat(forced.isSymlink()).isTrue();
    assertThat(forced.length()).isEqualTo(4);
    assertThat(sdk.readlink(DfsPath.of("/links/same/to-dir"))).isEqualTo("dir/sub");
    sdk.symlink(DfsPath.of("/links/same/by-sdk"), "dir/sub/deep", null);
    // Another client's new name in a directory this mount filled shows once the negative TTL
    // (500 ms by default) has run out: the mount knows that directory's names until then.
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!Files.isSymbolicLink(mountDir.resolve("by-sdk"))) {
      assertThat(System.nanoTime() - deadline).as("by-sdk still missing").isNegative();
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
    assertThat(Shell.ok(mountDir, "readlink by-sdk && cat by-sdk").out())
        .isEqualTo("dir/sub/deep\ndeep\n");
  }

  @Test
  void cpTarAndRsyncKeepLinksAsLinksBothWays() {
    // A tree with links: relative, into and out of directories, absolute, dangling, a long target,
    // one owned by another user and one with its own modification time.
    Shell.ok(
        local,
        """
        mkdir -p src/dir/sub
        echo one > src/file
        head -c 300000 /dev/urandom > src/dir/sub/big
        ln -s file src/rel
        ln -s dir/sub/big src/to-big
        ln -s ../file src/dir/up
        ln -s dir src/to-dir
        ln -s missing src/dangling
        ln -s /dev/null src/abs
        ln -s "$(printf 'x%.0s' $(seq 300))/y" src/long
        chown -h 1234:5678 src/rel
        touch -h -d @981173106.789 src/to-dir
        """);
    String expected = tree(local.resolve("src"));
    assertThat(expected)
        .contains("l ./rel -> file 777 1234:5678")
        .contains("l ./to-dir -> dir 777 0:0 981173106\n")
        .contains("l ./dir/up -> ../file");

    Shell.ok(mnt, "cp -a " + local.resolve("src") + " cp-a");
    Shell.ok(mnt, "rsync -a " + local.resolve("src") + "/ rsync/");
    Shell.ok(mnt, "tar -C " + local + " -cf tree.tar src && mkdir tar && tar -C tar -xf tree.tar");
    for (String copy : new String[] {"cp-a", "rsync", "tar/src"}) {
      assertThat(tree(mnt.resolve(copy))).as(copy + " on the mount").isEqualTo(expected);
      Shell.ok(local, "diff -r --no-dereference src " + mnt.resolve(copy));
    }

    Shell.ok(local, "cp -a " + mnt.resolve("cp-a") + " back-cp");
    Shell.ok(local, "rsync -a " + mnt.resolve("rsync") + "/ back-rsync/");
    Shell.ok(
        local,
        "tar -C "
            + mnt.resolve("tar")
            + " -cf back.tar src && mkdir back-tar"
            + " && tar -C back-tar -xf back.tar");
    for (String copy : new String[] {"back-cp", "back-rsync", "back-tar/src"}) {
      assertThat(tree(local.resolve(copy))).as(copy + " from the mount").isEqualTo(expected);
      Shell.ok(local, "diff -r --no-dereference src " + copy);
    }
  }

  /**
   * Every path below {@code root} (relative, sorted): type, link target, mode, owner, group and
   * modification time in whole seconds (tar keeps no more).
   */
  private static String tree(Path root) {
    return Shell.ok(
            root,
            """
            find . -mindepth 1 -printf '%y %p -> %l %m %U:%G %T@\\n' | LC_ALL=C sort \\
              | awk '{ $NF = int($NF); print }'
            """)
        .out();
  }
}
