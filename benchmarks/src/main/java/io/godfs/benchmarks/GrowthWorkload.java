package io.godfs.benchmarks;

import io.godfs.client.GodfsClient;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.DfsPath;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The growth part of {@code benchmarks/peers/} (ADR 0030): whether goDFS keeps its pace and its
 * memory as the work grows. Files of 1, 4 and 16 GiB are written one after another, each followed
 * by every process's resident memory; then a million small files are created, with the rate of the
 * first and the last window and the masters' heap per file. {@link ServerProcesses} reads the
 * servers' memory from {@code /proc} and their heaps through {@code jcmd}.
 */
public final class GrowthWorkload {
  private static final int MIB = 1 << 20;
  private static final int FILES_PER_DIR = 1_000;

  private final GodfsClient fs;
  private final ServerProcesses servers;
  private final PrintWriter log;
  private final PeerResults results;
  private final byte[] block = new byte[MIB];
  private final DfsPath root = DfsPath.of("/bench-growth");

  private GrowthWorkload(GodfsClient fs, ServerProcesses servers, PrintWriter log) {
    this.fs = fs;
    this.servers = servers;
    this.log = log;
    this.results = new PeerResults("godfs-growth", log);
    new SplittableRandom(43).nextBytes(block);
  }

  /**
   * Runs the growth workloads and prints the result lines to {@code out}, progress to {@code log}.
   *
   * @param sizesGib the file sizes written one after another, e.g. 1, 4, 16
   * @param files how many small files to create
   * @param fileBytes the size of each small file (0: empty files, a create and a close each)
   * @param threads how many threads of the one client create at once
   * @param window files per rate window (the first and the last window are compared)
   */
  public static void run(
      GodfsClient fs,
      ServerProcesses servers,
      List<Integer> sizesGib,
      int files,
      int fileBytes,
      int threads,
      int window,
      PrintWriter out,
      PrintWriter log)
      throws IOException {
    GrowthWorkload workload = new GrowthWorkload(fs, servers, log);
    try {
      workload.clean();
      fs.mkdir(workload.root, false);
      workload.warmUp();
      for (int gib : sizesGib) {
        workload.writeAndMeasure(gib);
      }
      if (files > 0) {
        workload.creates(files, fileBytes, threads, window);
      }
      workload.clean();
    } finally {
      workload.results.print(out); // what was measured, also when a step failed
    }
  }

  private void clean() {
    try {
      fs.delete(root, true);
    } catch (DfsException e) {
      if (e.code() != ErrorCode.NOT_FOUND) {
        throw e;
      }
    }
  }

  /** One 1 GiB write, not counted: JIT and connections in the client and the servers. */
  private void warmUp() throws IOException {
    long start = System.nanoTime();
    DfsPath file = root.child("warm-up");
    writeGib(file, 1);
    fs.delete(file, false);
    log.printf(Locale.ROOT, "warm-up done in %.1f s%n", seconds(start));
  }

  private void writeAndMeasure(int gib) throws IOException {
    DfsPath file = root.child("file-" + gib + "GiB");
    PageCache.writeDirtyPages();
    long start = System.nanoTime();
    writeGib(file, gib);
    long elapsed = System.nanoTime() - start;
    long length = fs.stat(file).length();
    if (length != (long) gib << 30) {
      throw new IOException(file + " has " + length + " bytes, expected " + ((long) gib << 30));
    }
    results.record("write_" + gib + "GiB", "MB/s", ((long) gib << 30) / 1e3 / (elapsed / 1e6));
    recordMemory("rss_after_" + gib + "GiB");
    fs.delete(file, false);
  }

  private void writeGib(DfsPath file, int gib) throws IOException {
    try (OutputStream out = fs.create(file, true)) {
      for (long i = 0; i < (long) gib << 10; i++) {
        out.write(block, 0, MIB);
      }
    }
  }

  /** Every process's resident memory now; the figure is the largest server's. */
  private void recordMemory(String workload) throws IOException {
    List<ServerProcesses.Memory> memory = servers.residentMemory();
    long largest = 0;
    StringBuilder detail = new StringBuilder();
    for (ServerProcesses.Memory m : memory) {
      largest = Math.max(largest, m.residentMib());
      detail
          .append(detail.isEmpty() ? "" : " ")
          .append(m.name())
          .append('=')
          .append(m.residentMib());
    }
    detail.append(" client=").append(ProcessMemory.residentMiB());
    // The client's live heap, apart from what the JVM keeps committed: a resident size that grows
    // with the file may be the heap sizing itself, not memory held.
    System.gc();
    long liveHeap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
    detail.append(" client-live-heap=").append(liveHeap);
    results.recordOnce(workload, "MiB", largest, detail.toString());
  }

  private void creates(int files, int fileBytes, int threads, int window) throws IOException {
    DfsPath dir = root.child("small");
    fs.mkdir(dir, false);
    byte[] body = new byte[fileBytes];
    new SplittableRandom(44).nextBytes(body);
    // Not counted: the create path's JIT in the client and the masters, as the writes warm up.
    DfsPath warmUp = root.child("creates-warm-up");
    fs.mkdir(warmUp, false);
    int warmUpFiles = Math.min(files, 5 * FILES_PER_DIR);
    createAll(warmUp, warmUpFiles, body, threads, new RateWindows(warmUpFiles, warmUpFiles));
    fs.delete(warmUp, true);
    List<ServerProcesses.Memory> heapsBefore = servers.liveHeaps();
    RateWindows windows = new RateWindows(files, window);
    long start = System.nanoTime();
    try {
      createAll(dir, files, body, threads, windows);
    } catch (IOException | RuntimeException e) {
      results.recordOnce(
          "creates_before_failure",
          "files",
          windows.completedCount(),
          String.format(Locale.ROOT, "after %.0f s: %s", seconds(start), e.getMessage()));
      recordMemory("rss_at_failure");
      throw e;
    }
    results.recordOnce("create_first_window", "files/s", windows.first(), window + " files");
    results.recordOnce("create_last_window", "files/s", windows.last(), window + " files");
    results.recordOnce(
        "create_end_vs_start", "%", 100 * windows.last() / windows.first(), "target >= 80");
    results.recordOnce("create_overall", "files/s", windows.overall(), files + " files");
    List<ServerProcesses.Memory> heapsAfter = servers.liveHeaps();
    StringBuilder detail = new StringBuilder();
    double largest = 0;
    for (int i = 0; i < heapsAfter.size(); i++) {
      double perFile =
          (heapsAfter.get(i).heapBytes() - heapsBefore.get(i).heapBytes()) / (double) files;
      largest = Math.max(largest, perFile);
      detail
          .append(detail.isEmpty() ? "" : " ")
          .append(heapsAfter.get(i).name())
          .append('=')
          .append(Math.round(perFile));
    }
    results.recordOnce("master_heap_per_file", "bytes", largest, detail.toString());
    recordMemory("rss_after_creates");
  }

  /** {@code files} files in directories of {@value #FILES_PER_DIR} under {@code dir}, at once. */
  private void createAll(DfsPath dir, int files, byte[] body, int threads, RateWindows windows)
      throws IOException {
    for (int d = 0; d < (files + FILES_PER_DIR - 1) / FILES_PER_DIR; d++) {
      fs.mkdir(dir.child("d" + d), false);
    }
    AtomicLong next = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(
            pool.submit(
                () -> {
                  for (long i = next.getAndIncrement(); i < files; i = next.getAndIncrement()) {
                    createOne(dir.child("d" + (i / FILES_PER_DIR)).child("f" + i), body);
                    windows.completed();
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } catch (ExecutionException e) {
      throw new IOException("a create failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      pool.shutdownNow();
    }
  }

  private void createOne(DfsPath path, byte[] body) throws IOException {
    if (body.length == 0) {
      fs.createEmpty(path, false);
      return;
    }
    try (OutputStream out = fs.create(path, false)) {
      out.write(body);
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
