package io.godfs.bootstrap.mount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.application.port.in.DfsOutput;
import io.godfs.application.port.in.SeekableInput;
import io.godfs.client.GodfsClient;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.DfsPath;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mount and single-writer leases, with a second SDK client as "another machine": every writable
 * handle of a file in the mount shares one lease, fsync keeps it (durable and visible, the stream
 * stays open), another client's writer makes open-for-write and truncate fail with EBUSY, and a
 * truncate is exact (a cut is one immediate port call, a grow waits for the flush; no hidden
 * rewrite file). Caches are off so every length the test sees comes from the mount's own state or
 * the master.
 */
class MountWriteLeaseIT {
  static final int CHUNK = 1 << 20;
  @TempDir static Path dir;
  static MountCluster cluster;
  static Path mnt;
  static GodfsClient other;

  @BeforeAll
  static void mount() {
    cluster = new MountCluster(dir.resolve("cluster"), 2, CHUNK, 2);
    mnt =
        cluster
            .mount("/lease", o -> o.withTtls(Duration.ZERO, Duration.ZERO, Duration.ZERO))
            .mountpoint();
    other = cluster.client();
  }

  @AfterAll
  static void unmount() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void twoHandlesShareOneLeaseAndFsyncKeepsItWhileMakingTheBytesVisible() throws Exception {
    DfsPath path = DfsPath.of("/lease/shared.txt");
    Path file = mnt.resolve("shared.txt");
    try (FileChannel a =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      try (FileChannel b =
          FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        a.write(ascii("aaaa"), 0);
        b.write(ascii("bbbb"), 4); // the second handle continues the first one's stream
        a.force(true);

        assertThat(readAll(path))
            .as("fsync: durable and visible to another client")
            .isEqualTo("aaaabbbb");
        assertBusy(() -> other.openForWriteAt(path, 0)); // ... and the lease is still the mount's
        assertBusy(() -> other.truncate(path, 0));

        a.write(ascii("AA"), 0); // a rewrite inside synced bytes, buffered until the next flush
        b.force(true);
        assertThat(readAll(path)).isEqualTo("AAaabbbb");
      }
      assertBusy(() -> other.openForWriteAt(path, 0)); // handle a still writes
      a.write(ascii("cc"), 8);
    }
    // close(2) has made the bytes durable; the kernel's RELEASE (which gives the lease back)
    // follows it.
    waitUntilWritableByOther(path);
    assertThat(readAll(path)).isEqualTo("AAaabbbbcc");
  }

  @Test
  void aFileAnotherClientIsWritingGivesEbusyOnOpenForWriteButCanBeRead() throws Exception {
    DfsPath path = DfsPath.of("/lease/taken.log");
    Path file = mnt.resolve("taken.log");
    try (DfsOutput out = other.create(path, false)) {
      out.write("theirs".getBytes(StandardCharsets.UTF_8));
      out.sync();

      assertThatThrownBy(() -> Files.newOutputStream(file, StandardOpenOption.APPEND).close())
          .isInstanceOf(FileSystemException.class)
          .hasMessageContaining("Device or resource busy");
      String refused =
          Shell.run(
                  mnt,
                  Duration.ofSeconds(30),
                  "echo x >> taken.log 2>&1 || true; truncate -s 0 taken.log 2>&1 || true; echo y > taken.log 2>&1 || true")
              .out();
      assertThat(refused.lines().filter(l -> l.contains("Device or resource busy")).count())
          .as(refused)
          .isEqualTo(3);
      assertThat(Files.readString(file)).as("reading needs no lease").isEqualTo("theirs");
    }
    Files.writeString(
        file, "+mine", StandardOpenOption.APPEND); // the writer closed: the lease is free
    assertThat(readAll(path)).isEqualTo("theirs+mine");
  }

  @Test
  void truncateIsExactCutsAtOnceAndLeavesNoRewriteFile() throws Exception {
    DfsPath path = DfsPath.of("/lease/cut.bin");
    Path file = mnt.resolve("cut.bin");
    byte[] data = new byte[3 * CHUNK + 123];
    new Random(11).nextBytes(data);
    Files.write(file, data);

    Shell.ok(mnt, "truncate -s 1000000 cut.bin");
    assertThat(other.stat(path).length()).isEqualTo(1_000_000);

    byte[] expected = new byte[2_000_000];
    System.arraycopy(data, 0, expected, 0, 500);
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(10);
      raf.write(new byte[] {1, 2, 3}); // buffered inside the file
      expected[10] = 1;
      expected[11] = 2;
      expected[12] = 3;
      raf.setLength(500);
      assertThat(other.stat(path).length()).as("ftruncate reaches goDFS at once").isEqualTo(500);
      raf.setLength(2_000_000); // grows with zeros: the bytes cut at 500 never come back
      assertThat(raf.length()).isEqualTo(2_000_000);
      assertThat(other.stat(path).length()).as("a grow waits for the next flush").isEqualTo(500);
      raf.getFD().sync();
      assertThat(other.stat(path).length()).isEqualTo(2_000_000);
    }
    assertThat(Arrays.mismatch(Files.readAllBytes(file), expected))
        .as("through the mount")
        .isEqualTo(-1);
    try (SeekableInput in = other.open(path)) {
      assertThat(Arrays.mismatch(in.readAllBytes(), expected)).as("through the SDK").isEqualTo(-1);
    }
    assertThat(other.list(DfsPath.of("/lease"), null, 0).entries())
        .extracting(s -> s.path().name())
        .noneMatch(name -> name.startsWith(".godfs"));
  }

  @Test
  void aWriterOpenedWhileOnlyReadersHadTheFileSeesWhatAnotherClientAppendedMeanwhile()
      throws Exception {
    DfsPath path = DfsPath.of("/lease/grown.txt");
    Path file = mnt.resolve("grown.txt");
    Files.writeString(file, "12345");
    try (FileChannel reader = FileChannel.open(file, StandardOpenOption.READ)) {
      assertThat(reader.size()).isEqualTo(5);
      try (DfsOutput out = other.openForWriteAt(path, 5)) {
        out.write("67890".getBytes(StandardCharsets.UTF_8));
      }
      // The reader keeps this mount's open file; taking the lease reads the length again.
      Files.writeString(file, "abc", StandardOpenOption.APPEND);
      assertThat(reader.size()).isEqualTo(13);
    }
    waitUntilWritableByOther(path);
    assertThat(readAll(path)).isEqualTo("1234567890abc");
  }

  private static ByteBuffer ascii(String s) {
    return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
  }

  private static String readAll(DfsPath path) throws IOException {
    try (SeekableInput in = other.open(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void assertBusy(Runnable call) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            DfsException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.BUSY);
              assertThat(e.getMessage()).contains("is being written by another client");
            });
  }

  /** Polls (bounded) until another client may write the file, i.e. the mount released its lease. */
  private static void waitUntilWritableByOther(DfsPath path) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      try (DfsOutput out = other.openForWriteAt(path, 0)) {
        return;
      } catch (DfsException e) {
        if (e.code() != ErrorCode.BUSY || System.nanoTime() > deadline) {
          throw new AssertionError(
              "the mount still holds the lease of " + path + " after its handles closed", e);
        }
      }
      Thread.sleep(10); // polling a real condition with a deadline
    }
  }
}
