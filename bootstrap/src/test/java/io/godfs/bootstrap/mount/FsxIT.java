package io.godfs.bootstrap.mount;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.port.in.SeekableInput;
import io.godfs.bootstrap.e2e.RecentWarnings;
import io.godfs.client.GodfsClient;
import io.godfs.domain.file.DfsPath;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An fsx-style exerciser: seeded random writes, reads, truncates (shrink and extend), fsyncs,
 * close/reopen cycles and renames of the open file, on a mount with the page cache bypassed
 * (direct_io: every call reaches the adapter) over 64 KiB chunks, checked against an in-memory
 * model. Every read is compared; at each reopen and at the end the whole file is compared through
 * the mount and, at the end, through the SDK.
 */
class FsxIT {
  static final long SEED = 20261125L;
  static final int OPERATIONS = 100_000;
  static final int MAX_LENGTH = 512 * 1024;
  static final int MAX_IO = 48 * 1024;
  @TempDir static Path dir;
  static MountCluster cluster;
  static Path mnt;
  static RecentWarnings warnings;

  @BeforeAll
  static void mount() {
    warnings = RecentWarnings.of("io.godfs");
    cluster = new MountCluster(dir.resolve("cluster"), 2, 64 * 1024, 2);
    mnt = cluster.mount("/fsx", o -> o.withDirectIo(true)).mountpoint();
  }

  @AfterAll
  static void unmount() {
    if (cluster != null) {
      cluster.close();
    }
    warnings.close();
  }

  @Test
  void hundredThousandRandomOperationsMatchTheModel() throws IOException {
    SplittableRandom random = new SplittableRandom(SEED);
    byte[] model = new byte[MAX_LENGTH * 2];
    int length = 0;
    Path[] names = {mnt.resolve("fsx-a"), mnt.resolve("fsx-b")};
    int current = 0;
    RandomAccessFile file = new RandomAccessFile(names[current].toFile(), "rw");
    byte[] buf = new byte[MAX_IO];
    int[] counts = new int[7];
    int op = 0;
    // The first failure is the one to see: a close that fails after it is attached, not shown
    // instead.
    Throwable failure = null;
    try {
      for (; op < OPERATIONS; op++) {
        int dice = random.nextInt(1000);
        if (dice < 420) { // write
          int off = random.nextInt(MAX_LENGTH);
          int len = 1 + random.nextInt(Math.min(MAX_IO, MAX_LENGTH * 2 - off));
          random.nextBytes(buf);
          file.seek(off);
          file.write(buf, 0, len);
          System.arraycopy(buf, 0, model, off, len);
          length = Math.max(length, off + len);
          counts[0]++;
        } else if (dice < 840) { // read
          int off = random.nextInt(Math.max(1, length + 1024));
          int len = 1 + random.nextInt(MAX_IO);
          file.seek(off);
          int expected = Math.max(0, Math.min(len, length - off));
          int got = Math.max(0, file.read(buf, 0, len));
          if (got != expected || Arrays.mismatch(buf, 0, got, model, off, off + expected) >= 0) {
            throw new AssertionError(
                "op "
                    + op
                    + ": read of "
                    + len
                    + " at "
                    + off
                    + " (length "
                    + length
                    + ") returned "
                    + got
                    + " bytes, expected "
                    + expected
                    + ", first mismatch at +"
                    + Arrays.mismatch(buf, 0, got, model, off, off + expected));
          }
          counts[1]++;
        } else if (dice < 997) { // truncate: shrink or extend
          int newLength = random.nextInt(MAX_LENGTH + MAX_IO);
          file.setLength(newLength);
          if (newLength < length) {
            Arrays.fill(model, newLength, length, (byte) 0);
          }
          length = newLength;
          counts[2]++;
        } else if (dice < 998) { // fsync
          file.getFD().sync();
          counts[3]++;
        } else if (dice < 999) { // close and reopen: the bytes come back from goDFS
          file.close();
          file = new RandomAccessFile(names[current].toFile(), "rw");
          assertWholeFile(file, model, length, op);
          counts[4]++;
        } else { // rename the open file; the descriptor keeps working
          int next = 1 - current;
          Files.move(
              names[current],
              names[next],
              StandardCopyOption.ATOMIC_MOVE,
              StandardCopyOption.REPLACE_EXISTING);
          current = next;
          counts[5]++;
        }
      }
      assertThat(file.length()).isEqualTo(length);
    } catch (IOException e) {
      failure =
          new IOException(
              "op "
                  + op
                  + " of the seeded sequence: "
                  + e.getMessage()
                  + "; goDFS's last warnings:\n"
                  + warnings.describe(),
              e);
      throw (IOException) failure;
    } catch (RuntimeException | Error e) {
      failure = e;
      e.addSuppressed(
          new IllegalStateException(
              "at op " + op + "; goDFS's last warnings:\n" + warnings.describe()));
      throw e;
    } finally {
      try {
        file.close();
      } catch (IOException e) {
        if (failure == null) {
          throw new IOException(
              "close after the last op: "
                  + e.getMessage()
                  + "; goDFS's last warnings:\n"
                  + warnings.describe(),
              e);
        }
        failure.addSuppressed(e);
      }
    }
    file = new RandomAccessFile(names[current].toFile(), "r");
    try {
      assertWholeFile(file, model, length, OPERATIONS);
    } finally {
      file.close();
    }
    GodfsClient sdk = cluster.client();
    try (SeekableInput in = sdk.open(DfsPath.of("/fsx/" + names[current].getFileName()))) {
      byte[] stored = in.readAllBytes();
      assertThat(stored.length).isEqualTo(length);
      assertThat(Arrays.mismatch(stored, 0, length, model, 0, length))
          .as("first mismatch through the SDK")
          .isEqualTo(-1);
    }
    System.out.println(
        "fsx: writes "
            + counts[0]
            + ", reads "
            + counts[1]
            + ", truncates "
            + counts[2]
            + ", fsyncs "
            + counts[3]
            + ", reopens "
            + counts[4]
            + ", renames "
            + counts[5]
            + ", final length "
            + length);
  }

  private static void assertWholeFile(RandomAccessFile file, byte[] model, int length, int op)
      throws IOException {
    byte[] all = new byte[length];
    file.seek(0);
    file.readFully(all);
    assertThat(file.read()).as("op %d: end of file after %d bytes", op, length).isEqualTo(-1);
    assertThat(Arrays.mismatch(all, 0, length, model, 0, length))
        .as("op %d: first mismatch of the whole file", op)
        .isEqualTo(-1);
  }
}
