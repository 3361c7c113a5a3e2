package io.godfs.bench.peers.hdfs;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CreateFlag;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * The HDFS side of the peers benchmark: one client (one thread) against a running cluster.
 *
 * <p>Usage: {@code HdfsWorkload URI SIZE_MIB ROUNDS DROP_CACHES_COMMAND}. It warms the JVM up
 * (not counted), then runs every workload ROUNDS times and prints one line per workload to
 * stdout: {@code hdfs<TAB>workload<TAB>median<TAB>unit<TAB>round1 round2 ...}. Progress goes to
 * stderr (the script sends it to a file). Before every cold read it runs DROP_CACHES_COMMAND
 * (through {@code sh -c}), which the script sets to {@code sync; echo 3 > /proc/sys/vm/drop_caches}.
 * Before every timed large write it runs {@code sync}, so no dirty pages of the round before are
 * still being written back while it measures.
 */
public final class HdfsWorkload {
  private static final int MIB = 1 << 20;
  private static final short REPLICATION = 3;
  private static final long BLOCK_SIZE = 64L * MIB;
  private static final int STAT_OPS = 10_000;
  private static final int META_OPS = 2_000;
  private static final int SMALL_FILES = 1_000;
  private static final int SMALL_FILE_BYTES = 1024;
  /** Full-size writes before the measured ones, as many as goDFS's side makes (its JIT needs them). */
  private static final int DATA_WARM_UP_PASSES = 4;
  private static final int LIST_ENTRIES = 10_000;

  private final FileSystem fs;
  private final int sizeMib;
  private final int rounds;
  private final String dropCachesCommand;
  private final byte[] block = new byte[MIB];
  private final byte[] small = new byte[SMALL_FILE_BYTES];
  private final Path root = new Path("/bench");
  private final Path listDir = new Path(root, "list");
  private final Path[] listEntries = new Path[LIST_ENTRIES];
  private final Map<String, Result> results = new LinkedHashMap<>();
  private final PrintStream log = System.err;
  private long baselineUsed;

  private record Result(String unit, List<Double> rounds) {}

  private HdfsWorkload(FileSystem fs, int sizeMib, int rounds, String dropCachesCommand) {
    this.fs = fs;
    this.sizeMib = sizeMib;
    this.rounds = rounds;
    this.dropCachesCommand = dropCachesCommand;
    Random random = new Random(42);
    random.nextBytes(block);
    random.nextBytes(small);
    for (int i = 0; i < LIST_ENTRIES; i++) {
      listEntries[i] = new Path(listDir, "f" + i);
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      System.err.println("usage: HdfsWorkload URI SIZE_MIB ROUNDS DROP_CACHES_COMMAND");
      System.exit(2);
    }
    URI uri = URI.create(args[0]);
    int sizeMib = Integer.parseInt(args[1]);
    int rounds = Integer.parseInt(args[2]);
    if (sizeMib < 1 || rounds < 1) {
      System.err.println("SIZE_MIB and ROUNDS must be positive");
      System.exit(2);
    }
    Configuration conf = new Configuration();
    conf.set("fs.defaultFS", uri.toString());
    conf.setInt("dfs.replication", REPLICATION);
    conf.setLong("dfs.blocksize", BLOCK_SIZE);
    conf.setInt("dfs.client.block.write.locateFollowingBlock.initial.delay.ms", 10);
    try (FileSystem fs = FileSystem.get(uri, conf)) {
      HdfsWorkload workload = new HdfsWorkload(fs, sizeMib, rounds, args[3]);
      workload.run();
      workload.print(System.out);
    }
  }

  private void run() throws Exception {
    fs.delete(root, true);
    fs.mkdirs(root);
    long setupStart = System.nanoTime();
    fs.mkdirs(listDir);
    for (Path entry : listEntries) {
      fs.create(entry, false).close();
    }
    log.printf(Locale.ROOT, "setup: %d empty files in %s in %.1f s%n",
        LIST_ENTRIES, listDir, seconds(System.nanoTime() - setupStart));

    baselineUsed = fs.getStatus().getUsed();
    warmUp();

    Path data = new Path(root, "data");
    fs.mkdirs(data);
    for (int round = 1; round <= rounds; round++) {
      Path file = new Path(data, "hsync-" + round);
      record("write_hsync", "MB/s", write(file, true, false));
      dropCaches();
      record("read_cold", "MB/s", read(file));
      record("read_warm", "MB/s", read(file));
      deleteAndWait(file);
      file = new Path(data, "close-" + round);
      record("write_close", "MB/s", write(file, false, false));
      deleteAndWait(file);
      file = new Path(data, "syncblock-" + round);
      record("write_hsync_syncblock", "MB/s", write(file, true, true));
      deleteAndWait(file);
    }
    for (int round = 1; round <= rounds; round++) {
      record("stat", "ops/s", stat(STAT_OPS));
      Path dir = new Path(root, "meta-" + round);
      fs.mkdirs(dir);
      record("mkdir", "ops/s", mkdirs(dir, "d", META_OPS));
      record("rename", "ops/s", renames(dir, "d", "r", META_OPS));
      record("delete", "ops/s", deletes(dir, "r", META_OPS));
      Path smallDir = new Path(root, "small-" + round);
      fs.mkdirs(smallDir);
      record("create_1k", "files/s", smallFiles(smallDir, SMALL_FILES));
      record("list_10k", "ms", list());
      fs.delete(dir, true);
      fs.delete(smallDir, true);
    }
    fs.delete(root, true);
  }

  /**
   * The same code paths, not counted: class loading and JIT in the client and in the daemons,
   * connections to every node. Writes of the full size (hsync) read back cold and warm, as many as
   * goDFS's side makes (PeersSdkWorkload's DATA_WARM_UP_PASSES), one smaller write without hsync,
   * and about as many metadata operations as one round.
   */
  private void warmUp() throws Exception {
    long start = System.nanoTime();
    Path dir = new Path(root, "warmup");
    fs.mkdirs(dir);
    Path file = new Path(dir, "data-full");
    for (int pass = 0; pass < DATA_WARM_UP_PASSES; pass++) {
      writeBytes(file, sizeMib, true, false);
      dropCaches();
      readBytes(file, sizeMib);
      readBytes(file, sizeMib);
      deleteAndWait(file);
    }
    int mib = Math.min(sizeMib, 256);
    file = new Path(dir, "data-small");
    writeBytes(file, mib, false, true);
    readBytes(file, mib);
    deleteAndWait(file);
    for (int i = 0; i < STAT_OPS; i++) {
      fs.getFileStatus(listEntries[i % LIST_ENTRIES]);
    }
    mkdirs(dir, "d", META_OPS);
    renames(dir, "d", "r", META_OPS);
    deletes(dir, "r", META_OPS);
    smallFiles(dir, 200);
    for (int i = 0; i < 5; i++) {
      list();
    }
    fs.delete(dir, true);
    log.printf(Locale.ROOT, "warm-up done in %.1f s%n", seconds(System.nanoTime() - start));
  }

  /**
   * Deletes a large file and waits (not timed, 5 s, then at most 20 s more) until the DataNodes have
   * deleted its block files, as their heartbeats report it (DFS used back to where it was before the warm-up):
   * HDFS deletes blocks in the background, which would otherwise overlap the next measurement.
   */
  private void deleteAndWait(Path file) throws Exception {
    fs.delete(file, false);
    long start = System.nanoTime();
    long deadline = start + TimeUnit.SECONDS.toNanos(20);
    // The NameNode hands deletions out with the DataNodes' next heartbeats (every 3 s), and DFS
    // used lags behind the writes as well (it can still be at its old level right after a write):
    // wait at least 5 s, then until DFS used is back down.
    Thread.sleep(5_000);
    long used;
    while ((used = fs.getStatus().getUsed()) > baselineUsed + 16L * MIB) {
      if (System.nanoTime() > deadline) {
        log.printf(Locale.ROOT, "warning: %d bytes still used 20 s after deleting %s%n", used - baselineUsed, file);
        return;
      }
      Thread.sleep(200);
    }
    log.printf(Locale.ROOT, "deleted %s, blocks gone after %.1f s%n", file, seconds(System.nanoTime() - start));
  }

  private double write(Path file, boolean hsync, boolean syncBlock) throws Exception {
    runCommand(List.of("sync"));
    long start = System.nanoTime();
    writeBytes(file, sizeMib, hsync, syncBlock);
    long elapsed = System.nanoTime() - start;
    long length = fs.getFileStatus(file).getLen();
    if (length != (long) sizeMib * MIB) {
      throw new IOException(file + " has " + length + " bytes, expected " + (long) sizeMib * MIB);
    }
    return mbPerSecond((long) sizeMib * MIB, elapsed);
  }

  private void writeBytes(Path file, int mib, boolean hsync, boolean syncBlock) throws IOException {
    EnumSet<CreateFlag> flags = EnumSet.of(CreateFlag.CREATE, CreateFlag.OVERWRITE);
    if (syncBlock) {
      flags.add(CreateFlag.SYNC_BLOCK);
    }
    try (FSDataOutputStream out = fs.create(file, FsPermission.getFileDefault(), flags, MIB,
        REPLICATION, BLOCK_SIZE, null)) {
      for (int i = 0; i < mib; i++) {
        out.write(block, 0, MIB);
      }
      if (hsync) {
        out.hsync();
      }
    }
  }

  private double read(Path file) throws IOException {
    long start = System.nanoTime();
    long bytes = readBytes(file, sizeMib);
    return mbPerSecond(bytes, System.nanoTime() - start);
  }

  private long readBytes(Path file, int mib) throws IOException {
    byte[] buffer = new byte[MIB];
    long total = 0;
    try (FSDataInputStream in = fs.open(file, MIB)) {
      int n;
      while ((n = in.read(buffer, 0, MIB)) > 0) {
        total += n;
      }
    }
    if (total != (long) mib * MIB) {
      throw new IOException("read " + total + " bytes of " + file + ", expected " + (long) mib * MIB);
    }
    return total;
  }

  private double stat(int ops) throws IOException {
    long start = System.nanoTime();
    for (int i = 0; i < ops; i++) {
      FileStatus status = fs.getFileStatus(listEntries[i % LIST_ENTRIES]);
      if (status.getLen() != 0) {
        throw new IOException("unexpected length of " + status.getPath());
      }
    }
    return opsPerSecond(ops, System.nanoTime() - start);
  }

  private double mkdirs(Path dir, String prefix, int ops) throws IOException {
    Path[] paths = paths(dir, prefix, ops);
    long start = System.nanoTime();
    for (Path path : paths) {
      if (!fs.mkdirs(path)) {
        throw new IOException("mkdirs " + path + " failed");
      }
    }
    return opsPerSecond(ops, System.nanoTime() - start);
  }

  private double renames(Path dir, String from, String to, int ops) throws IOException {
    Path[] sources = paths(dir, from, ops);
    Path[] targets = paths(dir, to, ops);
    long start = System.nanoTime();
    for (int i = 0; i < ops; i++) {
      if (!fs.rename(sources[i], targets[i])) {
        throw new IOException("rename " + sources[i] + " failed");
      }
    }
    return opsPerSecond(ops, System.nanoTime() - start);
  }

  private double deletes(Path dir, String prefix, int ops) throws IOException {
    Path[] paths = paths(dir, prefix, ops);
    long start = System.nanoTime();
    for (Path path : paths) {
      if (!fs.delete(path, false)) {
        throw new IOException("delete " + path + " failed");
      }
    }
    return opsPerSecond(ops, System.nanoTime() - start);
  }

  private double smallFiles(Path dir, int files) throws IOException {
    Path[] paths = paths(dir, "s", files);
    long start = System.nanoTime();
    for (Path path : paths) {
      try (FSDataOutputStream out = fs.create(path, false, 4096, REPLICATION, BLOCK_SIZE)) {
        out.write(small);
      }
    }
    return opsPerSecond(files, System.nanoTime() - start);
  }

  private double list() throws IOException {
    long start = System.nanoTime();
    FileStatus[] entries = fs.listStatus(listDir);
    long elapsed = System.nanoTime() - start;
    if (entries.length != LIST_ENTRIES) {
      throw new IOException("listed " + entries.length + " entries, expected " + LIST_ENTRIES);
    }
    return elapsed / 1e6;
  }

  private static Path[] paths(Path dir, String prefix, int count) {
    Path[] paths = new Path[count];
    for (int i = 0; i < count; i++) {
      paths[i] = new Path(dir, prefix + i);
    }
    return paths;
  }

  private void dropCaches() throws Exception {
    runCommand(List.of("sh", "-c", dropCachesCommand));
  }

  private void runCommand(List<String> command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("timed out: " + command);
    }
    if (process.exitValue() != 0) {
      throw new IOException("failed (exit " + process.exitValue() + "): " + command);
    }
  }

  private void record(String workload, String unit, double value) {
    results.computeIfAbsent(workload, w -> new Result(unit, new ArrayList<>())).rounds().add(value);
    log.printf(Locale.ROOT, "%s round %d: %s %s%n", workload,
        results.get(workload).rounds().size(), format(value), unit);
  }

  private void print(PrintStream out) {
    for (Map.Entry<String, Result> entry : results.entrySet()) {
      List<Double> values = entry.getValue().rounds();
      StringBuilder line = new StringBuilder("hdfs\t").append(entry.getKey()).append('\t')
          .append(format(median(values))).append('\t').append(entry.getValue().unit()).append('\t');
      for (int i = 0; i < values.size(); i++) {
        line.append(i == 0 ? "" : " ").append(format(values.get(i)));
      }
      out.println(line);
    }
    out.flush();
  }

  private static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static String format(double value) {
    return value >= 100 ? String.valueOf(Math.round(value)) : String.format(Locale.ROOT, "%.1f", value);
  }

  private static double mbPerSecond(long bytes, long nanos) {
    return bytes / 1e6 / seconds(nanos);
  }

  private static double opsPerSecond(int ops, long nanos) {
    return ops / seconds(nanos);
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
