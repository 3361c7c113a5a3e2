package io.godfs.bootstrap.mount;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.adapters.telemetry.NodeMetrics;
import io.godfs.client.GodfsClient;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.Ownership;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel's caches in front of the mount (issue 26). Warm re-reads come from the page cache
 * (libfuse's auto_cache): a second read of an unchanged file never reaches the mount's read
 * callback, and a file another client changed is read afresh at the next open (close-to-open
 * consistency). {@code ls -l} gets every entry's attributes with the listing (readdirplus), the
 * mount's view of them: an open file's buffered length included. The mount runs with its default
 * caches, as users run it; its callbacks are counted in a metrics registry scraped over HTTP.
 */
class MountKernelCacheIT {
  static final int SIZE = 4 << 20;
  @TempDir static Path dir;
  static MountCluster cluster;
  static Path mnt;
  static GodfsClient other;
  static ScrapedMetrics scraped;

  @BeforeAll
  static void mount() throws IOException {
    cluster = new MountCluster(dir.resolve("cluster"), 2, 1 << 20, 2);
    NodeMetrics metrics = NodeMetrics.of("test", "mount", "mnt");
    mnt = cluster.mountMetered("/cache", o -> o, metrics).mountpoint();
    scraped = new ScrapedMetrics(metrics);
    other = cluster.client();
  }

  @AfterAll
  static void unmount() {
    if (scraped != null) {
      scraped.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aReReadOfAnUnchangedFileComesFromThePageCache() throws Exception {
    byte[] content = random(1);
    write(DfsPath.of("/cache/same.bin"), content);

    assertThat(Files.readAllBytes(mnt.resolve("same.bin"))).isEqualTo(content);
    long readsAfterFirst = readCallbacks();
    assertThat(readsAfterFirst).as("the first read reaches the mount").isPositive();
    assertThat(Files.readAllBytes(mnt.resolve("same.bin"))).isEqualTo(content);
    assertThat(readCallbacks())
        .as("the second comes from the page cache")
        .isEqualTo(readsAfterFirst);
  }

  @Test
  void aFileAnotherClientRewroteIsReadAfreshAtTheNextOpen() throws Exception {
    DfsPath path = DfsPath.of("/cache/changed.bin");
    byte[] before = random(2);
    write(path, before);
    assertThat(Files.readAllBytes(mnt.resolve("changed.bin"))).isEqualTo(before);

    byte[] after = random(3); // the same length, rewritten in place: only the times tell
    try (OutputStream out = other.openForWriteAt(path, 0)) {
      out.write(after);
    }
    assertThat(Files.readAllBytes(mnt.resolve("changed.bin"))).isEqualTo(after);
    assertThat(Files.readAllBytes(mnt.resolve("changed.bin"))).isEqualTo(after);
  }

  @Test
  void aFileTheMountWroteReadsBackWhatItWrote() throws Exception {
    Path local = mnt.resolve("own.bin");
    byte[] first = random(4);
    Files.write(local, first);
    assertThat(Files.readAllBytes(local)).isEqualTo(first);
    byte[] second = Arrays.copyOf(random(5), SIZE / 2);
    Files.write(local, second); // O_TRUNC, shorter
    assertThat(Files.readAllBytes(local)).isEqualTo(second);
  }

  @Test
  void lsLShowsEveryEntrysAttributesAlsoTheBufferedLengthOfAnOpenFile() throws Exception {
    DfsPath dir = DfsPath.of("/cache/listed");
    other.mkdir(dir, true);
    Map<String, Long> expected = new TreeMap<>();
    for (int i = 0; i < 200; i++) {
      try (OutputStream out = other.create(dir.child("f" + i), true)) {
        out.write(new byte[i * 7]);
      }
      expected.put("f" + i, i * 7L);
    }
    try (FileChannel open =
        FileChannel.open(
            mnt.resolve("listed/open.bin"),
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE)) {
      open.write(ByteBuffer.wrap(new byte[300]), 5000); // buffered in the mount, not in goDFS yet
      expected.put("open.bin", 5300L);
      assertThat(sizesListed(mnt.resolve("listed"))).isEqualTo(expected);
      assertThat(sizesListed(mnt.resolve("listed"))).as("again, warm").isEqualTo(expected);
    }
  }

  /**
   * A directory longer than one reply: the kernel asks for the first part with readdirplus and for
   * the rest with plain readdir, whose entries carry only a type and an inode. Both parts must give
   * every entry's real type (d_type) and inode (d_ino, the one lstat shows), warm and cold.
   */
  @Test
  void aLongListingGivesEveryEntrysTypeAndInodePastTheFirstReply() throws Exception {
    DfsPath longDir = DfsPath.of("/cache/long");
    other.mkdir(longDir, true);
    Ownership ownership = new Ownership(0, 0, 0644);
    for (int i = 0; i < 3000; i++) {
      DfsPath entry = longDir.child(String.format("entry-%04d", i));
      switch (i % 50) {
        case 7 -> other.mkdir(entry, false);
        case 42 -> other.symlink(entry, "entry-0000", ownership);
        default -> other.create(entry, false).close();
      }
    }
    Path listed = mnt.resolve("long");
    Path script = Files.writeString(dir.resolve("dirents.py"), DIRENTS);
    for (String round : new String[] {"cold", "warm"}) {
      String out = Shell.ok(listed, "python3 '" + script + "' .").out();
      Map<String, String> seen = new TreeMap<>();
      for (String line : out.strip().split("\n")) {
        String[] f = line.split(" ");
        seen.put(f[0], f[1] + " " + f[2]);
      }
      assertThat(seen).as(round).hasSize(3000);
      for (Map.Entry<String, String> e : seen.entrySet()) {
        Path p = listed.resolve(e.getKey());
        Map<String, Object> a = Files.readAttributes(p, "unix:ino,mode", LinkOption.NOFOLLOW_LINKS);
        int type = (Integer) a.get("mode") & 0170000;
        String expected =
            (type == 0040000 ? "d" : type == 0120000 ? "l" : "f") + " " + a.get("ino");
        assertThat(e.getValue()).as(round + " " + e.getKey()).isEqualTo(expected);
      }
    }
  }

  /**
   * A listing asks the master for names only, one call for the whole directory (ADR 0033); a walk
   * that then stats every name (ls -l) gets the attributes a page of 1,000 per call, not a call per
   * name, and ls -l shows the same sizes as the master's listing.
   */
  @Test
  void aListingIsOneCallOfNamesAndAWalkOverItStatsAPageAtATime() throws Exception {
    DfsPath walked = DfsPath.of("/cache/walked");
    other.mkdir(walked, true);
    Map<String, Long> expected = new TreeMap<>();
    for (int i = 0; i < 1500; i++) {
      String name = String.format("w-%04d", i);
      write(walked.child(name), new byte[i % 7]);
      expected.put(name, (long) (i % 7));
    }
    Map<String, Double> before = masterCalls();
    try (Stream<Path> listed = Files.list(mnt.resolve("walked"))) {
      assertThat(listed.count()).isEqualTo(1500);
    }
    Map<String, Double> listing = masterCalls();
    assertThat(delta(before, listing, "ListNames")).as("names calls").isEqualTo(1);
    assertThat(delta(before, listing, "List")).as("attribute pages").isZero();

    assertThat(sizesListed(mnt.resolve("walked"))).isEqualTo(expected);
    Map<String, Double> walk = masterCalls();
    assertThat(delta(listing, walk, "List")).as("attribute pages for the walk").isBetween(2.0, 3.0);
    assertThat(delta(listing, walk, "Stat")).as("stats for the walk").isLessThan(10);
  }

  /**
   * A listing past the mount's TTLs is kept while the master shows its directory unchanged (ADR
   * 0033, "Revalidating a listing"): the next listing asks the master for the directory's
   * attributes only. A name another client added since is listed at the next listing past the TTLs,
   * with one names call.
   */
  @Test
  void aListingPastItsTtlAsksOnlyForItsDirectoryUntilAnotherClientChangesIt() throws Exception {
    DfsPath kept = DfsPath.of("/cache/kept");
    other.mkdir(kept, true);
    for (int i = 0; i < 20; i++) {
      write(kept.child("k-" + i), new byte[1]);
    }
    Path local = mnt.resolve("kept");
    assertThat(names(local)).hasSize(20);
    long listed = System.nanoTime();

    pastTheTtls(listed);
    Map<String, Double> before = masterCalls();
    Files.readAttributes(local, BasicFileAttributes.class); // the kernel and the mount ask again
    assertThat(names(local)).hasSize(20);
    Map<String, Double> after = masterCalls();
    assertThat(delta(before, after, "Stat")).as("the directory's attributes").isPositive();
    assertThat(delta(before, after, "ListNames")).as("names calls").isZero();

    write(kept.child("added"), new byte[1]);
    long added = System.nanoTime();
    pastTheTtls(added);
    Files.readAttributes(local, BasicFileAttributes.class);
    assertThat(names(local)).hasSize(21).contains("added");
    assertThat(delta(after, masterCalls(), "ListNames")).as("names calls").isEqualTo(1);
  }

  /**
   * Waits until the mount's default TTLs (1 s, the kernel's too) have run out since {@code since}:
   * the condition here is the clock itself.
   */
  private static void pastTheTtls(long since) {
    long end = since + Duration.ofMillis(1300).toNanos();
    for (long left; (left = end - System.nanoTime()) > 0; ) {
      LockSupport.parkNanos(left);
    }
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> listed = Files.list(dir)) {
      return listed.map(p -> p.getFileName().toString()).toList();
    }
  }

  private static Map<String, Double> masterCalls() throws IOException, InterruptedException {
    return scraped.masterCalls();
  }

  private static double delta(Map<String, Double> from, Map<String, Double> to, String method) {
    return ScrapedMetrics.delta(from, to, method);
  }

  /** readdir(3) through libc: each entry's name, d_type (d, l, f or ?) and d_ino. */
  private static final String DIRENTS =
      """
      import ctypes, ctypes.util, sys
      class Dirent(ctypes.Structure):
          _fields_ = [("d_ino", ctypes.c_uint64), ("d_off", ctypes.c_int64),
                      ("d_reclen", ctypes.c_ushort), ("d_type", ctypes.c_ubyte),
                      ("d_name", ctypes.c_char * 256)]
      libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
      libc.opendir.restype = ctypes.c_void_p
      libc.readdir64.argtypes = [ctypes.c_void_p]
      libc.readdir64.restype = ctypes.POINTER(Dirent)
      handle = libc.opendir(sys.argv[1].encode())
      assert handle, "opendir failed"
      names = {4: "d", 10: "l", 8: "f"}
      while True:
          e = libc.readdir64(handle)
          if not e:
              break
          name = e.contents.d_name.decode()
          if name not in (".", ".."):
              print(name, names.get(e.contents.d_type, "?"), e.contents.d_ino)
      """;

  /** Each entry's size as {@code ls -ln} prints it. */
  private static Map<String, Long> sizesListed(Path dir) throws Exception {
    Process ls = new ProcessBuilder("ls", "-ln", dir.toString()).redirectErrorStream(true).start();
    String out = new String(ls.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(ls.waitFor()).as(out).isZero();
    Map<String, Long> sizes = new TreeMap<>();
    for (String line : out.split("\n")) {
      String[] fields = line.trim().split("\s+");
      if (fields.length >= 9 && fields[0].startsWith("-")) {
        sizes.put(fields[fields.length - 1], Long.parseLong(fields[4]));
      }
    }
    return sizes;
  }

  private static void write(DfsPath path, byte[] content) throws IOException {
    try (OutputStream out = other.create(path, true)) {
      out.write(content);
    }
  }

  private static byte[] random(long seed) {
    byte[] bytes = new byte[SIZE];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  /** The mount's read callbacks so far. */
  private static long readCallbacks() throws IOException, InterruptedException {
    Matcher m =
        Pattern.compile(
                "(?m)^godfs_fuse_operations_total\\{op=\"read\",result=\"ok\"} ([0-9.eE+]+)$")
            .matcher(metrics());
    return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
  }

  private static String metrics() throws IOException, InterruptedException {
    return scraped.text();
  }
}
