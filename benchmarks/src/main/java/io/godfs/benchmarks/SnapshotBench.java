package io.godfs.benchmarks;

import io.godfs.domain.file.ChunkAllocation;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileId;
import io.godfs.domain.file.Namespace;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code godfs bench-snapshots}: what a snapshot costs the master (ADR 0025), on the namespace
 * every master runs (the in-memory store is this state under a lock; the Ratis store applies the
 * same transitions). For each size: the heap the namespace takes, the time to take a snapshot
 * (median), the heap a snapshot adds before anything changes, and the heap each file modified after
 * it adds. Both targets of issue 24: creation time and heap flat from 100,000 to 1,000,000 files.
 */
public final class SnapshotBench {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final long CHUNK = 64L << 20;
  private static final int FILES_PER_DIRECTORY = 1000;
  private static final int SNAPSHOTS = 9;

  private SnapshotBench() {}

  /** One size's figures. */
  record Result(
      int files,
      long heapBytes,
      double createMicrosMedian,
      long heapPerSnapshot,
      int modified,
      long heapPerModifiedFile) {}

  public static void run(List<Integer> sizes, int modified, PrintWriter out) {
    out.printf(
        Locale.ROOT,
        "%-10s %12s %18s %18s %22s%n",
        "files",
        "heap MiB",
        "snapshot µs (med)",
        "heap/snapshot B",
        "heap/modified file B");
    out.flush();
    List<Result> results = new ArrayList<>();
    // A warm-up round at the smallest size, not printed: the JIT compiles the paths first.
    measure(Math.min(sizes.getFirst(), 20_000), Math.min(modified, 2_000));
    for (int files : sizes) {
      Result r = measure(files, Math.min(modified, files / 2));
      results.add(r);
      out.printf(
          Locale.ROOT,
          "%-10d %12.1f %18.1f %18d %22d%n",
          r.files(),
          r.heapBytes() / 1048576.0,
          r.createMicrosMedian(),
          r.heapPerSnapshot(),
          r.heapPerModifiedFile());
      out.flush();
    }
    if (results.size() > 1) {
      Result small = results.getFirst();
      Result large = results.getLast();
      out.printf(
          Locale.ROOT,
          "%nfrom %,d to %,d files: snapshot time x%.2f, heap per snapshot %d -> %d bytes%n",
          small.files(),
          large.files(),
          large.createMicrosMedian() / Math.max(small.createMicrosMedian(), 0.001),
          small.heapPerSnapshot(),
          large.heapPerSnapshot());
    }
    out.flush();
  }

  private static Result measure(int files, int modified) {
    long before = usedHeap();
    Namespace ns = Namespace.empty(T0);
    List<FileId> ids = new ArrayList<>(files);
    List<DfsPath> paths = new ArrayList<>(files);
    DfsPath data = DfsPath.of("/data");
    ns.mkdir(data, false, T0).orThrow();
    for (int i = 0; i < files; i++) {
      DfsPath dir = data.child("d" + (i / FILES_PER_DIRECTORY));
      if (i % FILES_PER_DIRECTORY == 0) {
        ns.mkdir(dir, false, T0).orThrow();
      }
      DfsPath path = dir.child("f" + i);
      FileId id = ns.createFile(path, false, 3, CHUNK, T0).orThrow().status().fileId();
      write(ns, path, id, 1 << 20);
      ids.add(id);
      paths.add(path);
    }
    ns.allowSnapshots(data, T0).orThrow();
    long heap = usedHeap() - before;

    double[] micros = new double[SNAPSHOTS];
    long beforeSnapshots = usedHeap();
    for (int s = 0; s < SNAPSHOTS; s++) {
      long t = System.nanoTime();
      ns.createSnapshot(data, "s" + s, T0).orThrow();
      micros[s] = (System.nanoTime() - t) / 1000.0;
    }
    long perSnapshot = (usedHeap() - beforeSnapshots) / SNAPSHOTS;

    // Two batches of distinct files, the heap compared between them: whatever settles once on the
    // first changes after a snapshot (maps growing their tables) is not counted per file.
    int step = Math.max(1, files / (2 * modified));
    modify(ns, paths, ids, 0, modified, step);
    long firstBatch = usedHeap();
    modify(ns, paths, ids, modified, modified, step);
    long perModified = (usedHeap() - firstBatch) / modified;
    Arrays.sort(micros);
    Result r = new Result(files, heap, micros[SNAPSHOTS / 2], perSnapshot, modified, perModified);
    // Until the figures are taken, nothing measured may be collected early (a compiled method's
    // locals die at their last use).
    Reference.reachabilityFence(ns);
    Reference.reachabilityFence(paths);
    Reference.reachabilityFence(ids);
    return r;
  }

  /** Writes {@code count} files from the {@code first}-th on, {@code step} apart: each copies. */
  private static void modify(
      Namespace ns, List<DfsPath> paths, List<FileId> ids, int first, int count, int step) {
    for (int i = first; i < first + count; i++) {
      int f = (i * step) % paths.size();
      write(ns, paths.get(f), ids.get(f), 2 << 20); // a diff, a chunk hold, a new chunk
    }
  }

  private static void write(Namespace ns, DfsPath path, FileId id, long bytes) {
    ChunkAllocation a = ns.allocateChunk(path, id, 0, T0).orThrow();
    ns.commitChunk(path, id, 0, a.chunkId(), a.version(), bytes, T0).orThrow();
  }

  /** Heap in use after the collector ran until it stopped freeing (a few full GCs). */
  private static long usedHeap() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 8; i++) {
      System.gc();
      long now = memory.getHeapMemoryUsage().getUsed();
      if (now >= used - 64 * 1024) {
        return now;
      }
      used = now;
    }
    return used;
  }
}
