package io.godfs.bootstrap.mount;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.client.GodfsClient;
import io.godfs.domain.file.DfsPath;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The system calls of issue 25 through a real mount (ADR 0028): fallocate where goDFS can honour it
 * and EOPNOTSUPP where it cannot, O_DIRECT reads and writes, statx as {@code stat} and Python use
 * it, and flock(2) and fcntl(2) locks, which the kernel keeps for the mount (advisory among the
 * processes of this host, not across mounts).
 */
class MountSyscallsIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final long MIB = 1 << 20;

  /** Takes an fcntl write lock on argv[1] without waiting: exit code 3 when another holds one. */
  private static final String LOCKF =
      """
      import fcntl, sys
      f = open(sys.argv[1], 'r+')
      try:
          fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
      except OSError:
          sys.exit(3)
      if len(sys.argv) > 2:
          print('locked', flush=True)
          sys.stdin.readline()
      """;

  @TempDir static Path dir;
  static MountCluster cluster;
  static Path mnt;
  static Path local;
  static GodfsClient sdk;
  static Path lockf;

  @BeforeAll
  static void mount() throws IOException {
    cluster = new MountCluster(dir.resolve("cluster"), 1, 1 << 20, 1);
    mnt = cluster.mount("/syscalls").mountpoint();
    local = Files.createDirectories(dir.resolve("local"));
    sdk = cluster.client();
    lockf = python("lockf", LOCKF);
  }

  @AfterAll
  static void unmount() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void fallocateGrowsAFileWithZerosAndKeepSizeKeepsIt() {
    Shell.ok(
        mnt,
        """
        fallocate -l 10M f
        test "$(stat -c %s f)" = 10485760
        cmp -n 10485760 f /dev/zero
        fallocate -n -l 1M f
        fallocate -n -o 9M -l 20M f
        test "$(stat -c %s f)" = 10485760
        printf abc > g
        fallocate -o 1M -l 1M g
        test "$(stat -c %s g)" = 2097152
        test "$(head -c 3 g)" = abc
        cmp -i 3:0 -n 2097149 g /dev/zero
        printf hello > k
        fallocate -n -l 1M k
        test "$(stat -c %s k)" = 5
        test "$(cat k)" = hello
        fallocate -x -l 3M p
        test "$(stat -c %s p)" = 3145728
        """);
    assertThat(sdk.stat(DfsPath.of("/syscalls/f")).length()).isEqualTo(10 * MIB);
    assertThat(sdk.stat(DfsPath.of("/syscalls/g")).length()).isEqualTo(2 * MIB);
    assertThat(sdk.stat(DfsPath.of("/syscalls/k")).length()).isEqualTo(5);
  }

  /**
   * The kernel sends a handle's release after close(2) has returned, so a stat right after races
   * with it: it must see the length the handle's last flush wrote, never the attributes cached
   * before (found by CI, once in 40 rounds, before the release dropped them ahead of forgetting the
   * open file).
   */
  @Test
  void aStatRightAfterCloseSeesTheLengthTheHandleSet() {
    Shell.ok(
        mnt,
        """
        set -x
        mkdir race && cd race
        for i in $(seq 1 40); do
          printf abc > g$i
          fallocate -o 1M -l 1M g$i
          test "$(stat -c %s g$i)" = 2097152
          truncate -s 5 g$i
          test "$(stat -c %s g$i)" = 5
        done
        """);
  }

  @Test
  void fallocateThatWouldChangeBytesInsideTheFileIsNotSupported() throws IOException {
    Shell.ok(mnt, "head -c 65536 /dev/urandom > h && sha256sum h > h.sum");
    // util-linux names EOPNOTSUPP "keep size mode is unsupported" for -p, which implies -n.
    Shell.Result punch = Shell.run(mnt, WAIT, "fallocate -p -o 0 -l 4096 h");
    assertThat(punch.code()).isNotZero();
    assertThat(punch.out()).contains("unsupported");
    Shell.Result zero = Shell.run(mnt, WAIT, "fallocate -z -o 0 -l 4096 h");
    assertThat(zero.code()).isNotZero();
    assertThat(zero.out()).contains("Operation not supported");
    // The errno itself, for every mode that changes bytes inside the file.
    String script =
        """
        import ctypes, os, sys
        libc = ctypes.CDLL(None, use_errno=True)
        libc.fallocate.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int64, ctypes.c_int64]
        fd = os.open(sys.argv[1], os.O_RDWR)
        modes = {'punch': 0x03, 'zero': 0x10, 'collapse': 0x08, 'insert': 0x20, 'unshare': 0x40}
        for name, mode in modes.items():
            failed = libc.fallocate(fd, mode, 0, 4096) != 0
            print(name, os.strerror(ctypes.get_errno()) if failed else 'done')
        """;
    assertThat(Shell.ok(mnt, "python3 " + python("modes", script) + " h").out())
        .isEqualTo(
            """
            punch Operation not supported
            zero Operation not supported
            collapse Operation not supported
            insert Operation not supported
            unshare Operation not supported
            """);
    Shell.ok(mnt, "sha256sum -c --quiet h.sum && test \"$(stat -c %s h)\" = 65536");
  }

  @Test
  void oDirectWritesAndReadsRoundTripExactly() {
    Shell.ok(local, "head -c 1048576 /dev/urandom > direct-src");
    Shell.ok(
        mnt,
        "dd if="
            + local.resolve("direct-src")
            + " of=direct bs=64k oflag=direct status=none\n"
            + "test \"$(stat -c %s direct)\" = 1048576\n"
            + "dd if=direct of="
            + local.resolve("direct-back")
            + " bs=64k iflag=direct status=none\n"
            + "dd if=direct of=/dev/null bs=4k skip=7 count=3 iflag=direct status=none");
    String sums =
        Shell.ok(local, "sha256sum < direct-src && sha256sum < direct-back && wc -c < direct-back")
            .out();
    List<String> lines = sums.lines().toList();
    assertThat(lines.get(0)).isEqualTo(lines.get(1));
    assertThat(lines.get(2).trim()).isEqualTo("1048576");
    assertThat(Shell.ok(mnt, "sha256sum < direct").out()).isEqualTo(lines.get(0) + "\n");
  }

  @Test
  void flockKeepsOtherProcessesOutUntilTheHolderExits() throws Exception {
    Shell.ok(mnt, "touch flocked");
    try (Holder holder = new Holder(mnt, "flock", "flocked", "-c", "echo locked; read line")) {
      assertThat(Shell.run(mnt, WAIT, "flock -n flocked true").code()).isEqualTo(1);
      assertThat(Shell.run(mnt, WAIT, "flock -n -s flocked true").code()).isEqualTo(1);
      holder.release();
    }
    Shell.ok(mnt, "flock -n flocked true");
  }

  @Test
  void fcntlLocksKeepOtherProcessesOutUntilTheHolderExits() throws Exception {
    Shell.ok(mnt, "echo data > locked");
    try (Holder holder = new Holder(mnt, "python3", lockf.toString(), "locked", "hold")) {
      assertThat(Shell.run(mnt, WAIT, "python3 " + lockf + " locked").code()).isEqualTo(3);
      // F_GETLK names the process that holds the conflicting lock.
      String getlk =
          """
          import fcntl, struct
          f = open('locked', 'r+')
          lock = fcntl.fcntl(f, fcntl.F_GETLK, struct.pack('hhqqi', fcntl.F_WRLCK, 0, 0, 0, 0))
          kind, _, _, _, pid = struct.unpack('hhqqi', lock)
          print(kind == fcntl.F_WRLCK, pid)
          """;
      assertThat(Shell.ok(mnt, "python3 " + python("getlk", getlk)).out())
          .isEqualTo("True " + holder.pid() + "\n");
      holder.release();
    }
    assertThat(Shell.run(mnt, WAIT, "python3 " + lockf + " locked").code()).isZero();
  }

  /**
   * Locks live in the kernel's inode of one mount: another mount of the same files (on this host or
   * another) does not see them. ADR 0028 says why they are not cluster-wide.
   */
  @Test
  void locksDoNotReachAnotherMountOfTheSameFiles() throws Exception {
    Path other = cluster.mount("/syscalls").mountpoint();
    Shell.ok(mnt, "touch shared");
    try (Holder holder = new Holder(mnt, "flock", "shared", "-c", "echo locked; read line")) {
      assertThat(Shell.run(mnt, WAIT, "flock -n shared true").code()).isEqualTo(1);
      Shell.ok(other, "flock -n shared true");
      holder.release();
    }
  }

  @Test
  void statAndPythonSeeModeOwnerSizeLinksAndTimes() throws IOException {
    Instant modified = Instant.parse("2021-02-03T04:05:06.123456789Z");
    Shell.ok(
        mnt,
        """
        printf 'hello\\n' > s
        chmod 0640 s
        chown 1234:5678 s
        touch -m -d '2021-02-03 04:05:06.123456789 UTC' s
        """);
    assertThat(Shell.ok(mnt, "stat -c '%s %a %u %g %h %F' s").out())
        .isEqualTo("6 640 1234 5678 1 regular file\n");
    // --cached=never: statx with AT_STATX_FORCE_SYNC, which the kernel answers from getattr.
    assertThat(Shell.ok(mnt, "TZ=UTC stat --cached=never -c '%s %a %u %g %h|%y' s").out())
        .isEqualTo("6 640 1234 5678 1|2021-02-03 04:05:06.123456789 +0000\n");
    String script =
        """
        import os, stat
        s = os.stat('s')
        print(oct(stat.S_IMODE(s.st_mode)), stat.S_ISREG(s.st_mode), s.st_uid, s.st_gid,
              s.st_size, s.st_nlink, s.st_mtime_ns, s.st_atime_ns > 0, s.st_ctime_ns > 0)
        """;
    long mtimeNs = modified.getEpochSecond() * 1_000_000_000L + modified.getNano();
    assertThat(Shell.ok(mnt, "python3 " + python("stat", script)).out())
        .isEqualTo("0o640 True 1234 5678 6 1 " + mtimeNs + " True True\n");
  }

  /** {@code code} in a file of the local directory, for {@code python3 FILE}. */
  private static Path python(String name, String code) throws IOException {
    return Files.writeString(local.resolve(name + ".py"), code);
  }

  /**
   * A program that takes a lock, prints {@code locked} and holds the lock until a line arrives on
   * its stdin. Closing it ends the program (forcibly when it does not exit in time).
   */
  private static final class Holder implements AutoCloseable {
    private final Process process;

    Holder(Path dir, String... command) throws Exception {
      process =
          new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
      try {
        BufferedReader out =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String first =
            CompletableFuture.supplyAsync(
                    () -> {
                      try {
                        return out.readLine();
                      } catch (IOException e) {
                        throw new UncheckedIOException(e);
                      }
                    })
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(first).as("holder's first line").isEqualTo("locked");
      } catch (Exception | AssertionError e) {
        close();
        throw e;
      }
    }

    long pid() {
      return process.pid();
    }

    /** Lets the holder go: it reads its line and exits, which drops the lock. */
    void release() throws Exception {
      try (OutputStream in = process.getOutputStream()) {
        in.write('\n');
      }
      assertThat(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("holder exited").isTrue();
      assertThat(process.exitValue()).as("holder's exit code").isZero();
    }

    @Override
    public void close() throws InterruptedException {
      if (process.isAlive()) {
        process.destroyForcibly().waitFor(WAIT.toSeconds(), TimeUnit.SECONDS);
      }
    }
  }
}
