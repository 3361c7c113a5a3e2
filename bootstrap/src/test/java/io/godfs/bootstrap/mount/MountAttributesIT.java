package io.godfs.bootstrap.mount;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.client.GodfsClient;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * POSIX attributes through a real mount (ADR 0028): owners, modes and nanosecond times as {@code
 * chmod}, {@code chown}, {@code touch} and a umask leave them on a local directory, kept across a
 * remount, and the kernel checking every local user's access against them ({@code
 * default_permissions}, {@code allow_other}).
 */
class MountAttributesIT {
  /** Runs a command as uid and gid 1234, without supplementary groups (root only). */
  private static final String AS_USER = "setpriv --reuid=1234 --regid=1234 --clear-groups ";

  @TempDir static Path dir;
  static MountCluster cluster;
  static Path mnt;
  static GodfsClient sdk;

  @BeforeAll
  static void mount() {
    cluster = new MountCluster(dir.resolve("cluster"), 1, 1 << 20, 1);
    mnt = cluster.mount("/attrs").mountpoint();
    sdk = cluster.client();
  }

  @AfterAll
  static void unmount() {
    if (cluster != null) {
      cluster.close();
    }
  }

  /** The same script in a fresh directory of the mount and of the local disk: what it printed. */
  private static String[] onBoth(String name, String script) throws IOException {
    Path local = Files.createDirectories(dir.resolve("local").resolve(name));
    Path remote = Files.createDirectories(mnt.resolve(name));
    return new String[] {Shell.ok(local, script).out(), Shell.ok(remote, script).out()};
  }

  @Test
  void chmodChownTouchAndUmaskLeaveWhatTheyLeaveOnALocalDirectory() throws Exception {
    String[] out =
        onBoth(
            "same",
            """
            umask 022
            touch f
            chmod 4750 f
            stat -c 'chmod %a %A %u %g' f
            chown 1234:5678 f
            stat -c 'chown %a %u %g' f
            chmod 6755 f
            chgrp 0 f
            stat -c 'chgrp %a %u %g' f
            touch -d '1960-01-01 00:00:00.123456789' f
            stat -c 'touch %x | %y' f
            touch -a -d '2001-02-03 04:05:06.5' f
            stat -c 'touch-a %x | %y' f
            touch -m -d '2100-01-01 00:00:00.000000001' f
            stat -c 'touch-m %x | %y' f
            (umask 027; mkdir d; touch d/g; echo x > d/h)
            (umask 077; echo y > private)
            stat -c 'umask %n %a %A' d d/g d/h private
            mkdir sg && chown 0:5678 sg && chmod 2775 sg
            touch sg/x && mkdir sg/y
            stat -c 'setgid %n %a %u %g' sg sg/x sg/y
            chmod 1777 sg/y
            stat -c 'sticky %a %A' sg/y
            head -c 300000 /dev/zero > src
            chmod 640 src
            touch -d '2005-05-05 05:05:05.555555555' src
            cp -p src copy
            stat -c 'cp-p %a %y' copy
            ls -ln d sg | grep '^[-d]' | awk '{print "ls", $1, $3, $4, $NF}'
            """);
    assertThat(out[1]).isEqualTo(out[0]);
    assertThat(out[1])
        .contains("chmod 4750 -rwsr-x--- 0 0\n")
        .contains("touch 1960-01-01 00:00:00.123456789 +0000 | 1960-01-01 00:00:00.123456789 +0000")
        .contains(
            "touch-m 2001-02-03 04:05:06.500000000 +0000 | 2100-01-01 00:00:00.000000001 +0000")
        .contains("umask d 750 drwxr-x---\n")
        .contains("umask d/g 640 -rw-r-----\n")
        .contains("umask private 600 -rw-------\n")
        .contains("setgid sg/x 644 0 5678\n")
        .contains("setgid sg/y 2755 0 5678\n")
        .contains("cp-p 640 2005-05-05 05:05:05.555555555 +0000\n");

    // The namespace holds what the mount shows: the SDK sees the same.
    FileStatus f = sdk.stat(DfsPath.of("/attrs/same/f"));
    assertThat(f.attributes().owner()).isEqualTo(1234);
    assertThat(f.modificationTime().toString()).isEqualTo("2100-01-01T00:00:00.000000001Z");
    assertThat(f.attributes().accessed().toString()).isEqualTo("2001-02-03T04:05:06.500Z");
  }

  @Test
  void chmodMovesTheChangeTimeNotTheModificationTimeAndAllSurvivesARemount() throws Exception {
    Shell.ok(mnt, "mkdir -p remount && cd remount && echo data > f && mkdir d && chmod 700 d");
    List<String> before = stat("remount/f");
    Thread.sleep(20); // the master's clock moves on
    Shell.ok(mnt, "chmod 600 remount/f");
    List<String> after = stat("remount/f");
    assertThat(after.get(0)).isEqualTo("600");
    assertThat(after.get(1)).as("mtime").isEqualTo(before.get(1));
    assertThat(after.get(2)).as("ctime").isGreaterThan(before.get(2));

    Thread.sleep(20);
    Shell.ok(mnt, "touch -m -d '1999-12-31 23:59:59.999999999' remount/f");
    List<String> touched = stat("remount/f");
    assertThat(touched.get(1)).isEqualTo("1999-12-31 23:59:59.999999999 +0000");
    assertThat(touched.get(2)).as("ctime").isGreaterThan(after.get(2));

    String all = "stat -c '%n %a %u %g %x|%y|%z' remount remount/f remount/d";
    String shown = Shell.ok(mnt, all).out();
    // Unmounted, nothing is cached: a new mount reads all of it from the master.
    Path again = cluster.mount("/attrs").mountpoint();
    assertThat(Shell.ok(again, all).out()).isEqualTo(shown);
    assertThat(Shell.ok(again, "stat -c %a remount/d").out().strip()).isEqualTo("700");
  }

  /** The mode, modification and change time of {@code path} in the mount. */
  private static List<String> stat(String path) {
    return Shell.ok(mnt, "stat -c '%a|%y|%z' " + path).out().strip().lines().findFirst().stream()
        .flatMap(l -> List.of(l.split("\\|")).stream())
        .toList();
  }

  @Test
  void aLocalUserOwnsWhatItCreatesAndTheKernelChecksItsAccess() throws Exception {
    // .ci/run runs the suite as root (as the mount tests need): another user is setpriv away.
    assertThat(isRoot()).as("runs as root, to run commands as another user").isTrue();
    String[] out =
        onBoth(
            "users",
            "umask 022\n"
                + "mkdir shared closed && chmod 1777 shared\n"
                + "echo secret > secret && chmod 600 secret\n"
                + "echo open > open\n"
                + "touch shared/roots\n"
                + AS_USER
                + "touch shared/mine\n"
                + AS_USER
                + "mkdir shared/dir\n"
                + "stat -c 'created %n %u %g %a' shared/mine shared/dir\n"
                + AS_USER
                + "chmod 640 shared/mine\n"
                + AS_USER
                + "touch -d '2000-01-01 00:00:00' shared/mine\n"
                + "stat -c 'owner may %n %a %y' shared/mine\n"
                + "cat open\n"
                + "("
                + AS_USER
                + "touch closed/x 2>&1 || true\n"
                + AS_USER
                + "cat secret 2>&1 || true\n"
                + AS_USER
                + "sh -c 'echo more >> open' 2>&1 || true\n"
                + AS_USER
                + "chown 0 shared/mine 2>&1 || true\n"
                + AS_USER
                + "chmod 666 secret 2>&1 || true\n"
                + AS_USER
                + "touch -d '2000-01-01' open 2>&1 || true\n"
                + AS_USER
                + "rm -f shared/roots 2>&1 || true\n"
                + AS_USER
                + "cat open\n"
                + ") | sed 's/^[^:]*: //'\n"
                + "stat -c 'unchanged %n %u %a' closed secret open shared/roots\n");
    assertThat(out[1]).isEqualTo(out[0]);
    assertThat(out[1])
        .contains("created shared/mine 1234 1234 644\n")
        .contains("created shared/dir 1234 1234 755\n")
        .contains("owner may shared/mine 640 2000-01-01 00:00:00.000000000 +0000\n")
        .contains("cannot touch 'closed/x': Permission denied\n")
        .contains("secret: Permission denied\n")
        .contains("changing ownership of 'shared/mine': Operation not permitted\n")
        .contains("changing permissions of 'secret': Operation not permitted\n")
        .contains("cannot touch 'open': Permission denied\n")
        .contains("cannot remove 'shared/roots': Operation not permitted\n")
        .contains("unchanged secret 0 600\n");
  }

  private static boolean isRoot() {
    try {
      return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
    } catch (IOException e) {
      return false;
    }
  }
}
