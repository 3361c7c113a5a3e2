package io.godfs.bootstrap.mount;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.port.in.SeekableInput;
import io.godfs.bootstrap.e2e.RecentWarnings;
import io.godfs.client.GodfsClient;
import io.godfs.domain.file.DfsPath;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An fsx-style exerciser: seeded random writes, reads, truncates (shrink and extend), fsyncs,
 * close/reopen cycles and renames of the open file, on a mount with the page cache bypassed
 * (direct_io: every call reaches the adapter) over 64 KiB chunks, checked against an in-memory
 * model. Every read is compared; at each reopen and at the end the whole file is compared through
 * the mount and, at the end, through the SDK. A second run adds what ADR 0028 brought to the names
 * of a file: chmod, a hard link, a symbolic link and renameat2's exchange of two modelled files.
 */
class FsxIT {
  static final long SEED = 20261125L;
  static final int OPERATIONS = 100_000;
  static final int MAX_LENGTH = 512 * 1024;
  static final int MAX_IO = 48 * 1024;
  @TempDir static Path dir;
  static MountCluster cluster;
  static Path mnt;
  static Path namesMnt;
  static RecentWarnings warnings;

  @BeforeAll
  static void mount() {
    warnings = RecentWarnings.of("io.godfs");
    cluster = new MountCluster(dir.resolve("cluster"), 2, 64 * 1024, 2);
    mnt = cluster.mount("/fsx", o -> o.withDirectIo(true)).mountpoint();
    namesMnt =
        cluster
            .mount(
                "/fsx-names",
                o -> o.withDirectIo(true).withTtls(Duration.ZERO, Duration.ZERO, Duration.ZERO))
            .mountpoint();
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

  /** What a modelled file must hold: its bytes (up to {@code length}) and its permission bits. */
  static final class Modelled {
    final String label;
    final byte[] bytes = new byte[MAX_LENGTH * 2];
    int length;
    int mode = 0644;

    Modelled(String label) {
      this.label = label;
    }
  }

  static final long NAMES_SEED = 20261206L;
  static final int NAMES_OPERATIONS = 25_000;

  /**
   * Modes the random chmod picks: set-id and sticky bits among them, the owner always keeping read
   * and write so that the reopen works for any user.
   */
  static final int[] MODES = {0644, 0600, 0640, 0664, 0755, 0700, 04755, 02755, 06700, 01644};

  /**
   * Two modelled files {@code a} and {@code b} at names-x and names-y; {@code a} has a second name,
   * names-link (hard link), and names-sym is a symbolic link to the name names-x (so it reads
   * whichever file holds that name). Besides the first test's writes, reads and truncates through
   * an open descriptor: chmod through any name (the mode is then checked by stat through every
   * name, the link counts too), whole reads through the hard link and through the symbolic link,
   * and renameat2(RENAME_EXCHANGE) of names-x and names-y, which swaps what the names hold while
   * the descriptor keeps writing the same file; reopens switch the written file and the name used.
   *
   * <p>Two gaps found here are left to the tests that show them, so that this one checks the rest:
   * reads through a name other than the descriptor's come after an fsync of it, since the mount
   * shows a write through one name to the others only once written out ({@link
   * #writesAndTruncatesThroughOneNameAreSeenAtOnceThroughAnother}); and the mount it runs on caches
   * no attributes (TTLs 0), since a name whose file changed through another can show cached
   * attributes from before for the attribute TTL ({@code
   * MountRealProgramsIT.aChangeThroughOneNameOfAFileShowsAtOnceThroughTheOthers}).
   */
  @Test
  void modesHardLinksSymlinksAndExchangesMatchTheModel() throws IOException {
    SplittableRandom random = new SplittableRandom(NAMES_SEED);
    Path x = namesMnt.resolve("names-x");
    Path y = namesMnt.resolve("names-y");
    Path link = namesMnt.resolve("names-link");
    Path sym = namesMnt.resolve("names-sym");
    Modelled a = new Modelled("a");
    Modelled b = new Modelled("b");
    b.length = 5000 + random.nextInt(MAX_IO);
    random.nextBytes(b.bytes);
    Arrays.fill(b.bytes, b.length, b.bytes.length, (byte) 0);
    Files.write(y, Arrays.copyOf(b.bytes, b.length));
    Files.write(x, new byte[0]);
    Files.setAttribute(x, "unix:mode", a.mode);
    Files.setAttribute(y, "unix:mode", b.mode);
    Files.createLink(link, x);
    Files.createSymbolicLink(sym, x.getFileName());
    Map<Path, Modelled> at = new HashMap<>(Map.of(x, a, y, b, link, a));

    Modelled written = a;
    Path writtenName = x;
    RandomAccessFile file = new RandomAccessFile(writtenName.toFile(), "rw");
    byte[] buf = new byte[MAX_IO];
    int[] counts = new int[9];
    int op = 0;
    Throwable failure = null;
    try {
      for (; op < NAMES_OPERATIONS; op++) {
        int dice = random.nextInt(1000);
        if (dice < 400) { // write through the descriptor
          int off = random.nextInt(MAX_LENGTH);
          int len = 1 + random.nextInt(Math.min(MAX_IO, MAX_LENGTH * 2 - off));
          random.nextBytes(buf);
          file.seek(off);
          file.write(buf, 0, len);
          System.arraycopy(buf, 0, written.bytes, off, len);
          written.length = Math.max(written.length, off + len);
          counts[0]++;
        } else if (dice < 800) { // read through the descriptor
          int off = random.nextInt(Math.max(1, written.length + 1024));
          int len = 1 + random.nextInt(MAX_IO);
          file.seek(off);
          int expected = Math.max(0, Math.min(len, written.length - off));
          int got = Math.max(0, file.read(buf, 0, len));
          assertThat(got).as("op %d: bytes read of %d at %d", op, len, off).isEqualTo(expected);
          assertThat(Arrays.mismatch(buf, 0, got, written.bytes, off, off + expected))
              .as("op %d: first mismatch of a read of %d at %d", op, len, off)
              .isEqualTo(-1);
          counts[1]++;
        } else if (dice < 965) { // truncate through the descriptor: shrink or extend
          int newLength = random.nextInt(MAX_LENGTH + MAX_IO);
          file.setLength(newLength);
          if (newLength < written.length) {
            Arrays.fill(written.bytes, newLength, written.length, (byte) 0);
          }
          written.length = newLength;
          counts[2]++;
        } else if (dice < 970) {
          file.getFD().sync();
          counts[3]++;
        } else if (dice < 980) { // chmod through any name, seen through every name
          Path name = List.of(x, y, link).get(random.nextInt(3));
          int mode = MODES[random.nextInt(MODES.length)];
          Files.setAttribute(name, "unix:mode", mode);
          at.get(name).mode = mode;
          assertNames(at, x, y, link, sym, op);
          counts[4]++;
        } else if (dice < 985) { // the hard link reads as the model of a
          file.getFD().sync(); // see the method's comment
          assertNames(at, x, y, link, sym, op);
          assertContent(link, a, op);
          counts[5]++;
        } else if (dice < 990) { // the symbolic link reads as the file names-x holds now
          file.getFD().sync();
          assertThat(Files.readSymbolicLink(sym)).isEqualTo(x.getFileName());
          assertContent(sym, at.get(x), op);
          counts[6]++;
        } else if (dice < 995) { // exchange names-x and names-y; the descriptor follows its file
          assertThat(Renameat2.rename(x, y, Renameat2.RENAME_EXCHANGE)).as("op %d", op).isZero();
          at.put(x, at.put(y, at.get(x)));
          if (!writtenName.equals(link)) {
            writtenName = writtenName.equals(x) ? y : x;
          }
          Modelled idle = written == a ? b : a;
          assertContent(at.get(x) == idle ? x : y, idle, op);
          assertNames(at, x, y, link, sym, op);
          counts[7]++;
        } else { // close, then reopen either file through any of its names
          file.close();
          written = random.nextBoolean() ? a : b;
          Modelled chosen = written;
          List<Path> names = at.keySet().stream().filter(n -> at.get(n) == chosen).toList();
          writtenName = names.get(random.nextInt(names.size()));
          file = new RandomAccessFile(writtenName.toFile(), "rw");
          assertWholeFile(file, written.bytes, written.length, op);
          counts[8]++;
        }
      }
    } catch (IOException | RuntimeException | Error e) {
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
          throw e;
        }
        failure.addSuppressed(e);
      }
    }
    assertNames(at, x, y, link, sym, NAMES_OPERATIONS);
    GodfsClient sdk = cluster.client();
    for (Path name : List.of(x, y, link)) {
      Modelled m = at.get(name);
      assertContent(name, m, NAMES_OPERATIONS);
      try (SeekableInput in = sdk.open(DfsPath.of("/fsx-names/" + name.getFileName()))) {
        byte[] stored = in.readAllBytes();
        assertThat(stored.length).as("length of %s through the SDK", name).isEqualTo(m.length);
        assertThat(Arrays.mismatch(stored, 0, m.length, m.bytes, 0, m.length))
            .as("first mismatch of %s through the SDK", name)
            .isEqualTo(-1);
      }
    }
    System.out.printf(
        "fsx names: writes %d, reads %d, truncates %d, fsyncs %d, chmods %d, link reads %d,"
            + " symlink reads %d, exchanges %d, reopens %d%n",
        counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], counts[6], counts[7],
        counts[8]);
  }

  /**
   * Each name shows its file's mode and link count (2 for {@code a}, which has names-link, 1 for
   * {@code b}), names-link is the same inode as whichever of names-x and names-y holds {@code a},
   * and names-sym, followed, shows what names-x holds.
   */
  private static void assertNames(
      Map<Path, Modelled> at, Path x, Path y, Path link, Path sym, int op) throws IOException {
    for (Path name : List.of(x, y, link)) {
      Modelled m = at.get(name);
      assertThat((int) Files.getAttribute(name, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777)
          .as("op %d: mode of %s (file %s)", op, name.getFileName(), m.label)
          .isEqualTo(m.mode);
      assertThat(Files.getAttribute(name, "unix:nlink", LinkOption.NOFOLLOW_LINKS))
          .as("op %d: link count of %s (file %s)", op, name.getFileName(), m.label)
          .isEqualTo(at.get(link) == m ? 2 : 1);
    }
    Path other = at.get(x) == at.get(link) ? x : y;
    assertThat(Files.getAttribute(link, "unix:ino"))
        .as("op %d: names-link and %s are one inode", op, other.getFileName())
        .isEqualTo(Files.getAttribute(other, "unix:ino"));
    assertThat((int) Files.getAttribute(sym, "unix:mode") & 07777)
        .as("op %d: mode through names-sym", op)
        .isEqualTo(at.get(x).mode);
  }

  /** A fresh open of {@code name} reads exactly the model {@code m} (its stat size too). */
  private static void assertContent(Path name, Modelled m, int op) throws IOException {
    assertThat(Files.size(name))
        .as("op %d: size of %s (file %s)", op, name, m.label)
        .isEqualTo(m.length);
    byte[] all = Files.readAllBytes(name);
    assertThat(all.length)
        .as("op %d: bytes read through %s (file %s)", op, name, m.label)
        .isEqualTo(m.length);
    assertThat(Arrays.mismatch(all, 0, m.length, m.bytes, 0, m.length))
        .as("op %d: first mismatch through %s (file %s)", op, name, m.label)
        .isEqualTo(-1);
  }

  /**
   * Found while extending the exerciser (reported with issue 25): on a local disk a file's names
   * are one file, so a write through one is seen at once through another and the last write or
   * truncate wins whichever name it went through. The mount kept an open file (buffered bytes,
   * length) per name, so until a flush another name read the old bytes, and a flush of older
   * buffered bytes undid a later write or truncate made through another name; it now keeps one per
   * file.
   */
  @Test
  void writesAndTruncatesThroughOneNameAreSeenAtOnceThroughAnother() throws IOException {
    Path first = Files.writeString(mnt.resolve("strict-first"), "0123456789");
    Path second = Files.createLink(mnt.resolve("strict-second"), first);
    SoftAssertions softly = new SoftAssertions();
    try (RandomAccessFile one = new RandomAccessFile(first.toFile(), "rw")) {
      one.write("ab".getBytes(StandardCharsets.US_ASCII)); // bytes 0 and 1, not flushed yet
      softly
          .assertThat(Files.readString(second))
          .as("the second name, read while the first has written")
          .isEqualTo("ab23456789");
      try (RandomAccessFile two = new RandomAccessFile(second.toFile(), "rw")) {
        two.seek(1);
        two.write('X'); // a later write of byte 1, through the second name
      }
      softly
          .assertThat(Files.readString(first))
          .as("the first name after it")
          .isEqualTo("aX23456789");
      try (RandomAccessFile two = new RandomAccessFile(second.toFile(), "rw")) {
        two.setLength(4);
      }
      softly.assertThat(one.length()).as("the first descriptor's length after").isEqualTo(4);
    }
    softly
        .assertThat(Files.readString(first))
        .as("the file once both are closed")
        .isEqualTo("aX23");
    softly.assertAll();
  }

  /**
   * The mount writes a file open through several names through one of them: when that name is
   * unlinked or renamed over while the file stays open through another, the writes still land, in
   * the file and nowhere else.
   */
  @Test
  void aFileOpenThroughOneNameKeepsItsWritesWhenAnotherNameGoes() throws IOException {
    Path first = Files.writeString(mnt.resolve("going-first"), "0123456789");
    Path second = Files.createLink(mnt.resolve("going-second"), first);
    Path other = Files.writeString(mnt.resolve("going-other"), "other");
    try (RandomAccessFile two = new RandomAccessFile(second.toFile(), "rw")) {
      try (RandomAccessFile one = new RandomAccessFile(first.toFile(), "rw")) {
        one.write('a'); // opened first: the mount writes the file through this name
      }
      Files.delete(first);
      two.seek(1);
      two.write('b');
      Files.move(other, second.resolveSibling("going-first")); // a new file takes the old name
      two.seek(2);
      two.write('c');
    }
    assertThat(Files.readString(second)).isEqualTo("abc3456789");
    assertThat(Files.readString(first)).isEqualTo("other");
    try (RandomAccessFile two = new RandomAccessFile(second.toFile(), "rw")) {
      Files.createLink(mnt.resolve("going-third"), second);
      two.write('d');
      Files.move(first, second, StandardCopyOption.REPLACE_EXISTING); // the open name replaced
      two.write('e');
    }
    assertThat(Files.readString(mnt.resolve("going-third"))).isEqualTo("dec3456789");
    assertThat(Files.readString(second)).isEqualTo("other");
  }

  /**
   * Sequential rewrites inside a file, as fio after fallocate or {@code dd conv=notrunc} make them,
   * go through a stream of their own once they have run a mebibyte (ADR 0028): interleaved with
   * reads (which must see the stream's bytes), random writes into and around them, a length grown
   * ahead and cut below them, and fsyncs, every byte still matches the model.
   */
  @Test
  void sequentialRewritesMixedWithReadsWritesAndTruncatesMatchTheModel() throws IOException {
    int max = 6 << 20;
    SplittableRandom random = new SplittableRandom(SEED + 1);
    byte[] model = new byte[max + MAX_IO];
    Path name = mnt.resolve("rewrite");
    byte[] buf = new byte[64 * 1024];
    try (RandomAccessFile file = new RandomAccessFile(name.toFile(), "rw")) {
      random.nextBytes(model);
      int length = 4 << 20;
      file.write(model, 0, length);
      for (int round = 0; round < 12; round++) {
        int start = random.nextInt(length);
        int pos = start;
        int end = Math.min(max, pos + (2 << 20) + random.nextInt(2 << 20));
        if (random.nextBoolean()) {
          int grown = Math.max(length, end);
          file.setLength(grown); // the length set ahead of the writes, as fallocate does
          Arrays.fill(model, length, grown, (byte) 0);
          length = grown;
        }
        while (pos < end) {
          int len = Math.min(end - pos, 1 + random.nextInt(buf.length));
          random.nextBytes(buf);
          file.seek(pos);
          file.write(buf, 0, len);
          System.arraycopy(buf, 0, model, pos, len);
          pos += len;
          length = Math.max(length, pos);
          int dice = random.nextInt(10);
          if (dice == 0) { // a read anywhere, or of the bytes just written (still in the stream)
            int off =
                random.nextBoolean()
                    ? random.nextInt(length)
                    : Math.max(0, pos - 1 - random.nextInt(256 * 1024));
            int n = Math.min(1 + random.nextInt(buf.length), length - off);
            byte[] got = new byte[n];
            file.seek(off);
            file.readFully(got);
            assertThat(Arrays.mismatch(got, 0, n, model, off, off + n))
                .as("round %d: read of %d at %d", round, n, off)
                .isEqualTo(-1);
          } else if (dice == 1 && pos - start > 3 << 19) {
            // A random write, once the rewrite streams (before, it would end the run), maybe into
            // what was just streamed.
            int off = random.nextInt(length);
            int n = Math.min(1 + random.nextInt(4096), max - off);
            random.nextBytes(buf);
            file.seek(off);
            file.write(buf, 0, n);
            System.arraycopy(buf, 0, model, off, n);
            length = Math.max(length, off + n);
          } else if (dice == 2 && random.nextInt(8) == 0) {
            file.getFD().sync();
          }
        }
        if (random.nextInt(4) == 0) { // a cut below the stream's position
          int cut = length - random.nextInt(Math.min(length, 1 << 20));
          file.setLength(cut);
          length = cut;
        }
        assertWholeFile(file, model, length, round);
      }
      file.getFD().sync();
      assertWholeFile(file, model, length, -1);
      GodfsClient sdk = cluster.client();
      try (SeekableInput in = sdk.open(DfsPath.of("/fsx/rewrite"))) {
        assertThat(in.length()).isEqualTo(length);
        assertThat(Arrays.mismatch(in.readAllBytes(), 0, length, model, 0, length))
            .as("through the SDK")
            .isEqualTo(-1);
      }
    }
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
