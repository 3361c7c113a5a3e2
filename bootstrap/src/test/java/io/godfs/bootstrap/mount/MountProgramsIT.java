package io.godfs.bootstrap.mount;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.port.in.SeekableInput;
import io.godfs.client.GodfsClient;
import io.godfs.domain.file.DfsPath;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ordinary programs (coreutils, dd, tar, git, bash) on a real mount of a real cluster (3
 * chunkservers, R=3, 8 MiB chunks), compared with the same work done on a local directory.
 */
class MountProgramsIT {
  @TempDir static Path dir;
  static MountCluster cluster;
  static Path mnt;
  static Path local;
  static GodfsClient sdk;

  @BeforeAll
  static void mount() throws Exception {
    cluster = new MountCluster(dir.resolve("cluster"), 3, 8L << 20, 3);
    mnt = cluster.mount("/programs").mountpoint();
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
  void cpAndCmpOfA300MibFileThroughTheMountAndTheSdk() throws Exception {
    Shell.ok(local, "head -c 300M /dev/urandom > big.bin");
    Shell.ok(
        mnt,
        "cp "
            + local.resolve("big.bin")
            + " big.bin && cmp "
            + local.resolve("big.bin")
            + " big.bin"
            // O_DIRECT reads bypass the page cache the cp just filled: the bytes come back through
            // goDFS.
            + " && dd if=big.bin iflag=direct bs=1M status=none | cmp - "
            + local.resolve("big.bin"));
    assertThat(Files.size(mnt.resolve("big.bin"))).isEqualTo(300L << 20);
    try (SeekableInput in = sdk.open(DfsPath.of("/programs/big.bin"));
        InputStream expected = Files.newInputStream(local.resolve("big.bin"))) {
      assertThat(Streams.firstMismatch(in, expected)).isEqualTo(-1);
    }
    Files.delete(local.resolve("big.bin"));
  }

  @Test
  void mkdirPMvAndRmR() {
    Shell.ok(
        mnt,
        """
        mkdir -p tree/a/b/c
        echo one > tree/a/b/c/f1
        echo two > tree/a/f2
        mv tree moved
        test ! -e tree
        test "$(cat moved/a/b/c/f1)" = one
        mv moved/a/f2 moved/a/b/
        test "$(cat moved/a/b/f2)" = two
        rm -r moved
        test ! -e moved
        """);
  }

  @Test
  void lsLOfTenThousandEntries() throws Exception {
    DfsPath many = DfsPath.of("/programs/many");
    sdk.mkdir(many, true);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> created = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int first = t;
        created.add(
            pool.submit(
                () -> {
                  for (int i = first; i < 10_000; i += 8) {
                    sdk.createEmpty(many.child(String.format("f%05d", i)), false);
                  }
                }));
      }
      for (Future<?> f : created) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    String out = Shell.ok(mnt, "ls -l many | tail -n +2 | awk '{print $1, $5, $9}'").out();
    List<String> lines = out.lines().toList();
    assertThat(lines).hasSize(10_000);
    assertThat(lines.getFirst()).isEqualTo("-rw-r--r-- 0 f00000");
    assertThat(lines.getLast()).isEqualTo("-rw-r--r-- 0 f09999");
    assertThat(Shell.ok(mnt, "find many -type f | wc -l").out().strip()).isEqualTo("10000");
  }

  @Test
  void truncateShrinksAndExtendsWithZeros() {
    Shell.ok(
        mnt,
        """
        printf 0123456789 > t.txt
        truncate -s 4 t.txt
        test "$(cat t.txt)" = 0123
        truncate -s 8 t.txt
        test "$(od -An -c t.txt | tr -d ' \\n')" = '0123\\0\\0\\0\\0'
        truncate -s 0 t.txt
        test ! -s t.txt
        """);
  }

  @Test
  void ddWithConvNotruncAtOffsetsMatchesTheSameOnALocalFile() throws Exception {
    String script =
        """
        head -c 20M /dev/zero | tr '\\0' 'x' > dd.bin
        dd if=/dev/urandom of=patch bs=64k count=3 status=none
        dd if=patch of=dd.bin bs=4k seek=3 conv=notrunc status=none
        dd if=patch of=dd.bin bs=1k seek=9000 count=7 conv=notrunc status=none
        dd if=patch of=dd.bin bs=64k seek=400 conv=notrunc status=none
        dd if=patch of=dd.bin bs=1 seek=12345 count=100 conv=notrunc status=none
        """;
    Shell.ok(local, script);
    Shell.ok(
        mnt,
        "cp "
            + local.resolve("patch")
            + " patch\n"
            + script
                .lines()
                .filter(l -> !l.contains("urandom"))
                .reduce("", (a, b) -> a + b + "\n"));
    Shell.ok(
        mnt,
        "cmp dd.bin "
            + local.resolve("dd.bin")
            + " && dd if=dd.bin iflag=direct bs=1M status=none | cmp - "
            + local.resolve("dd.bin"));
    try (SeekableInput in = sdk.open(DfsPath.of("/programs/dd.bin"));
        InputStream expected = Files.newInputStream(local.resolve("dd.bin"))) {
      assertThat(Streams.firstMismatch(in, expected)).isEqualTo(-1);
    }
  }

  @Test
  void tarExtractsIntoTheMountAndComparesEqual() {
    Shell.ok(
        local,
        """
        mkdir -p tsrc/d1/d2 tsrc/empty
        for i in $(seq 1 60); do head -c $((i * 1700)) /dev/urandom > tsrc/d1/f$i; done
        head -c 9M /dev/urandom > tsrc/d1/d2/big
        echo small > tsrc/d1/d2/small.txt
        chmod -R u=rwX,go=rX tsrc
        tar cf t.tar -C tsrc .
        """);
    Shell.ok(
        mnt,
        "mkdir tx && tar --no-same-owner --no-same-permissions -xf "
            + local.resolve("t.tar")
            + " -C tx"
            + " && diff -r "
            + local.resolve("tsrc")
            + " tx");
  }

  @Test
  void gitInitAddCommitLogAndFsck() {
    String out =
        Shell.ok(
                mnt,
                """
        mkdir repo && cd repo
        git init -q .
        git config user.email t@example.com && git config user.name tester
        echo hello > a.txt && mkdir sub && seq 1 10000 > sub/numbers.txt
        git add . && git commit -qm first
        echo again >> a.txt && git commit -qam second
        git log --oneline | wc -l
        git fsck --full --no-progress 2>&1
        git status --porcelain
        """)
            .out();
    assertThat(out.strip()).isEqualTo("2");
  }

  @Test
  void appendWithShellRedirection() {
    Shell.ok(
        mnt,
        """
        echo one > log.txt
        echo two >> log.txt
        for i in 1 2 3; do echo n$i >> log.txt; done
        test "$(cat log.txt | tr '\\n' ' ')" = 'one two n1 n2 n3 '
        """);
  }

  @Test
  void aDuplicatedDescriptorKeepsWritingAfterTheOtherOneCloses() {
    // Closing fd 3 flushes the shared open file and gives the lease back with the bytes (a small
    // file: one call); the write through fd 4 must take it again and land after them.
    Shell.ok(
        mnt,
        """
        exec 3> dup.txt
        printf first >&3
        exec 4>&3
        exec 3>&-
        test "$(cat dup.txt)" = first
        printf -- '-second' >&4
        exec 4>&-
        test "$(cat dup.txt)" = first-second
        """);
  }

  @Test
  void renameReplacesAnExistingFileAndMvNoClobberKeepsIt() {
    Shell.ok(
        mnt,
        """
        echo old > target.txt
        echo new > source.txt
        mv source.txt target.txt
        test ! -e source.txt
        test "$(cat target.txt)" = new
        echo other > keep.txt
        echo would-replace > incoming.txt
        mv -n incoming.txt keep.txt || true
        test "$(cat keep.txt)" = other
        """);
  }

  @Test
  void renameNoReplaceRefusesAnExistingTargetWithEexistAndLeavesBothFiles() throws Exception {
    Path kept = Files.writeString(mnt.resolve("noreplace-kept.txt"), "kept");
    Path incoming = Files.writeString(mnt.resolve("noreplace-incoming.txt"), "incoming");
    assertThat(Renameat2.rename(incoming, kept, Renameat2.RENAME_NOREPLACE))
        .isEqualTo(Renameat2.EEXIST);
    assertThat(Files.readString(kept)).isEqualTo("kept");
    assertThat(Files.readString(incoming)).isEqualTo("incoming");

    // Also when this mount has the target open (libfuse would otherwise hide it to make room).
    try (InputStream open = Files.newInputStream(kept)) {
      assertThat(Renameat2.rename(incoming, kept, Renameat2.RENAME_NOREPLACE))
          .isEqualTo(Renameat2.EEXIST);
      assertThat(open.readAllBytes()).isEqualTo("kept".getBytes());
    }
    assertThat(Files.readString(kept)).isEqualTo("kept");

    Files.createDirectories(mnt.resolve("noreplace-dir-a"));
    Files.createDirectories(mnt.resolve("noreplace-dir-b"));
    assertThat(
            Renameat2.rename(
                mnt.resolve("noreplace-dir-a"),
                mnt.resolve("noreplace-dir-b"),
                Renameat2.RENAME_NOREPLACE))
        .isEqualTo(Renameat2.EEXIST);

    Path fresh = mnt.resolve("noreplace-fresh.txt");
    assertThat(Renameat2.rename(incoming, fresh, Renameat2.RENAME_NOREPLACE)).isZero();
    assertThat(Files.exists(incoming)).isFalse();
    assertThat(Files.readString(fresh)).isEqualTo("incoming");
    try (InputStream in = sdk.open(DfsPath.of("/programs/noreplace-fresh.txt"))) {
      assertThat(in.readAllBytes()).isEqualTo("incoming".getBytes());
    }
  }

  /**
   * renameat2(RENAME_EXCHANGE) (ADR 0028) swaps two files in one step, also while one is open for
   * writing: the open file's later bytes land in it at its new name.
   */
  @Test
  void renameExchangeSwapsTwoFilesAlsoWhileOneIsBeingWritten() throws Exception {
    Path a = Files.writeString(mnt.resolve("exchange-a.txt"), "a");
    Path b = mnt.resolve("exchange-b.txt");
    try (OutputStream writing = Files.newOutputStream(b)) {
      writing.write("b, first half; ".getBytes(StandardCharsets.UTF_8));
      writing.flush();
      assertThat(Renameat2.rename(a, b, Renameat2.RENAME_EXCHANGE)).isZero();
      writing.write("second half".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(Files.readString(b)).isEqualTo("a");
    assertThat(Files.readString(a)).isEqualTo("b, first half; second half");
    try (InputStream in = sdk.open(DfsPath.of("/programs/exchange-a.txt"))) {
      assertThat(in.readAllBytes()).isEqualTo("b, first half; second half".getBytes());
    }
    Path missing = mnt.resolve("exchange-missing.txt");
    assertThat(Renameat2.rename(a, missing, Renameat2.RENAME_EXCHANGE)).isEqualTo(Renameat2.ENOENT);
    assertThat(Renameat2.rename(a, b, Renameat2.RENAME_EXCHANGE | Renameat2.RENAME_NOREPLACE))
        .isEqualTo(Renameat2.EINVAL);
  }

  @Test
  void renameNoReplaceOntoAFileAnotherClientCreatedIsRefusedByTheMaster() throws Exception {
    // The kernel answers EEXIST itself for targets it knows. Here it remembers the target as
    // missing
    // (a 60 s negative entry) while the SDK creates it, so the flag must reach goDFS.
    Path lagging =
        cluster
            .mount(
                "/programs-noreplace",
                o ->
                    o.withTtls(
                        Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(60)))
            .mountpoint();
    Path source = Files.writeString(lagging.resolve("source.txt"), "from the mount");
    Path target = lagging.resolve("target.txt");
    assertThat(Files.exists(target)).isFalse(); // cached as missing, in the kernel and the mount
    try (var out = sdk.create(DfsPath.of("/programs-noreplace/target.txt"), false)) {
      out.write("from the sdk".getBytes());
    }
    assertThat(Renameat2.rename(source, target, Renameat2.RENAME_NOREPLACE))
        .isEqualTo(Renameat2.EEXIST);
    try (InputStream in = sdk.open(DfsPath.of("/programs-noreplace/target.txt"))) {
      assertThat(in.readAllBytes()).isEqualTo("from the sdk".getBytes());
    }
    try (InputStream in = sdk.open(DfsPath.of("/programs-noreplace/source.txt"))) {
      assertThat(in.readAllBytes()).isEqualTo("from the mount".getBytes());
    }
  }
}
