package io.godfs.benchmarks;

import io.godfs.application.client.ClientSettings;
import io.godfs.application.port.in.SeekableInput;
import io.godfs.bootstrap.config.DevConfig;
import io.godfs.bootstrap.wiring.DevCluster;
import io.godfs.client.GodfsClient;
import io.godfs.domain.file.DfsPath;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * {@code godfs bench}: writes and reads a file with R=3 on an in-process dev cluster (master + 3
 * chunkservers on free ports, data in a temp folder on the chosen disk) and prints MiB/s next to
 * this machine's own limits measured in the same run: the same bytes written three times with an
 * fsync at the end, and a warm sequential read of one copy.
 */
public final class ThroughputBench {
  private static final int BUFFER = 1 << 20;

  private ThroughputBench() {}

  public static void run(Path workDir, long bytes, long chunkSize, PrintWriter out)
      throws IOException {
    Path dir = Files.createTempDirectory(workDir, "godfs-bench-");
    try {
      out.printf(
          "goDFS bench: %d MiB, R=3, chunk %d MiB, data in %s, %d cores%n",
          bytes >> 20, chunkSize >> 20, dir, Runtime.getRuntime().availableProcessors());
      out.flush();
      double rawWrite = rawWriteThreeCopies(dir.resolve("raw"), bytes);
      double rawRead = rawWarmRead(dir.resolve("raw").resolve("copy-0"), bytes);
      deleteTree(dir.resolve("raw"));
      double dfsWrite;
      double dfsRead;
      double dfsNetworkRead;
      long heapBefore = usedHeap();
      try (DevCluster cluster =
              DevCluster.start(
                  new DevConfig(
                      dir.resolve("cluster"),
                      "127.0.0.1",
                      0,
                      0,
                      3,
                      chunkSize,
                      3,
                      DevConfig.NO_GATEWAY));
          GodfsClient fs = GodfsClient.connect("127.0.0.1:" + cluster.masterPort())) {
        DfsPath path = DfsPath.of("/bench/file.bin");
        fs.mkdir(path.parent(), true);
        byte[] buf = pattern();
        warmUp(fs, cluster.masterPort(), Math.min(bytes, 256L << 20), buf);
        long t0 = System.nanoTime();
        write(fs, path, bytes, buf);
        dfsWrite = mibPerSec(bytes, System.nanoTime() - t0);
        readAll(fs, path, buf); // warm the page cache, as the raw read does
        t0 = System.nanoTime();
        long read = readAll(fs, path, buf);
        dfsRead = mibPerSec(read, System.nanoTime() - t0);
        if (read != bytes) {
          throw new IOException("read back " + read + " bytes, expected " + bytes);
        }
        try (GodfsClient remote =
            GodfsClient.connect(
                "127.0.0.1:" + cluster.masterPort(),
                ClientSettings.DEFAULTS.withLocalReads(false))) {
          readAll(remote, path, buf);
          t0 = System.nanoTime();
          read = readAll(remote, path, buf);
          dfsNetworkRead = mibPerSec(read, System.nanoTime() - t0);
        }
      }
      long heapAfter = usedHeap();
      out.printf("%-44s %10s %10s%n", "", "goDFS", "machine");
      out.printf(
          "%-44s %10.0f %10.0f  MiB/s%n",
          "write, R=3, durable at close (fsync x3)", dfsWrite, rawWrite);
      out.printf(
          "%-44s %10.0f %10.0f  MiB/s%n",
          "sequential read, warm cache (short-circuit)", dfsRead, rawRead);
      out.printf(
          "%-44s %10.0f %10.0f  MiB/s%n",
          "sequential read, warm cache (over gRPC)", dfsNetworkRead, rawRead);
      out.printf(
          "heap in use before/after (all nodes + client in this JVM): %d / %d MiB; max heap %d MiB%n",
          heapBefore >> 20, heapAfter >> 20, Runtime.getRuntime().maxMemory() >> 20);
      out.printf("peak heap (pools): %d MiB%n", peakHeap() >> 20);
      out.flush();
    } finally {
      deleteTree(dir);
    }
  }

  /**
   * Runs every measured path once on a smaller file, so the JIT has compiled them (JMH-style
   * warm-up).
   */
  private static void warmUp(GodfsClient fs, int masterPort, long bytes, byte[] buf)
      throws IOException {
    DfsPath path = DfsPath.of("/bench/warm-up.bin");
    write(fs, path, bytes, buf);
    readAll(fs, path, buf);
    try (GodfsClient remote =
        GodfsClient.connect(
            "127.0.0.1:" + masterPort, ClientSettings.DEFAULTS.withLocalReads(false))) {
      readAll(remote, path, buf);
    }
    fs.delete(path, false);
  }

  private static void write(GodfsClient fs, DfsPath path, long bytes, byte[] buf)
      throws IOException {
    try (OutputStream o = fs.create(path, true)) {
      for (long done = 0; done < bytes; done += BUFFER) {
        o.write(buf, 0, (int) Math.min(BUFFER, bytes - done));
      }
    }
  }

  private static long readAll(GodfsClient fs, DfsPath path, byte[] buf) throws IOException {
    long total = 0;
    try (SeekableInput in = fs.open(path)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        total += n;
      }
    }
    return total;
  }

  /** The disk's limit for our write: the same bytes to three files, fsynced at the end. */
  static double rawWriteThreeCopies(Path dir, long bytes) throws IOException {
    Files.createDirectories(dir);
    ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER);
    buf.put(pattern()).flip();
    long t0 = System.nanoTime();
    FileChannel[] copies = new FileChannel[3];
    try {
      for (int i = 0; i < 3; i++) {
        copies[i] =
            FileChannel.open(
                dir.resolve("copy-" + i),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
      }
      for (long done = 0; done < bytes; done += BUFFER) {
        for (FileChannel c : copies) {
          ByteBuffer view = buf.duplicate().limit((int) Math.min(BUFFER, bytes - done));
          while (view.hasRemaining()) {
            c.write(view);
          }
        }
      }
      for (FileChannel c : copies) {
        c.force(true);
      }
    } finally {
      for (FileChannel c : copies) {
        if (c != null) {
          c.close();
        }
      }
    }
    return mibPerSec(bytes, System.nanoTime() - t0);
  }

  /** The page cache's limit for our read: {@code file} read twice, the second one timed. */
  static double rawWarmRead(Path file, long bytes) throws IOException {
    ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER);
    try (FileChannel c = FileChannel.open(file)) {
      drain(c, buf); // warm
      long t0 = System.nanoTime();
      long n = drain(c, buf);
      return mibPerSec(n, System.nanoTime() - t0);
    }
  }

  /** A read of {@code file} from the disk: the page cache emptied first ({@link PageCache}). */
  static double rawColdRead(Path file) throws IOException {
    ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER);
    PageCache.drop();
    try (FileChannel c = FileChannel.open(file)) {
      long t0 = System.nanoTime();
      long n = drain(c, buf);
      return mibPerSec(n, System.nanoTime() - t0);
    }
  }

  private static long drain(FileChannel c, ByteBuffer buf) throws IOException {
    long total = 0;
    c.position(0);
    int n;
    while ((n = c.read(buf.clear())) > 0) {
      total += n;
    }
    return total;
  }

  private static byte[] pattern() {
    byte[] b = new byte[BUFFER];
    new SplittableRandom(1).nextBytes(b);
    return b;
  }

  private static double mibPerSec(long bytes, long nanos) {
    return (bytes / 1048576.0) / (nanos / 1e9);
  }

  private static long usedHeap() {
    System.gc();
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }

  private static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
