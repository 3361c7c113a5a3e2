package io.godfs.benchmarks;

import io.godfs.application.client.ClientSettings;
import io.godfs.application.port.in.SeekableInput;
import io.godfs.client.GodfsClient;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.Listing;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The goDFS side of {@code benchmarks/peers/} (ADR 0030): the workloads of the HDFS side's
 * HdfsWorkload, through the Java SDK against a running cluster, one thread waiting for each call,
 * plus what the issue asks beyond them (reads over gRPC only, eight clients writing at once). It
 * warms the JVMs up (not counted), then runs every workload ROUNDS times; {@link PeerResults}
 * prints the lines. Dropping the page cache needs root.
 */
public final class PeersSdkWorkload {
  private static final int MIB = 1 << 20;
  private static final int STAT_OPS = 10_000;
  private static final int META_OPS = 2_000;
  private static final int METADATA_WARM_UP_PASSES = 3;

  /**
   * After two passes the JVMs still compiled through the first measured write: `perf` over it put
   * 11 % of all CPU in C2 and C1 compiler threads (a master's 4.4 %, each chunkserver's and the
   * client's 1-2 %), and the rounds rose one after another (132, 151, 165 MB/s).
   */
  private static final int DATA_WARM_UP_PASSES = 4;

  private static final int SMALL_FILES = 1_000;
  private static final int SMALL_FILE_BYTES = 1024;
  private static final int LIST_ENTRIES = 10_000;

  /** The workloads a run may be narrowed to, e.g. to profile one path. */
  public enum Part {
    /** write, the reads, write_N_clients. */
    DATA,
    /** stat, mkdir, rename, delete, create_1k, list_10k, raft_commit_floor. */
    METADATA
  }

  private final Supplier<GodfsClient> connect;
  private final Supplier<GodfsClient> connectRemote;
  private final GodfsClient fs;
  private final GodfsClient remote;
  private final int sizeMib;
  private final int rounds;
  private final int writers;
  private final Set<Part> parts;
  private final PrintWriter log;
  private final PeerResults results;
  private final byte[] block = new byte[MIB];
  private final byte[] small = new byte[SMALL_FILE_BYTES];
  private final DfsPath root = DfsPath.of("/bench-peers");
  private final DfsPath listDir = root.child("list");
  private long baselineUsed;

  /**
   * @param connect opens a client as a user's application would (short-circuit reads allowed)
   * @param connectRemote opens one that reads only over gRPC
   * @param writers how many clients write at once in {@code write_N_clients}
   */
  private PeersSdkWorkload(
      Supplier<GodfsClient> connect,
      Supplier<GodfsClient> connectRemote,
      int sizeMib,
      int rounds,
      int writers,
      Set<Part> parts,
      PrintWriter log) {
    this.connect = connect;
    this.connectRemote = connectRemote;
    this.fs = connect.get();
    this.remote = connectRemote.get();
    this.sizeMib = sizeMib;
    this.rounds = rounds;
    this.writers = writers;
    this.parts = parts;
    this.log = log;
    this.results = new PeerResults("godfs-sdk", log);
    SplittableRandom random = new SplittableRandom(42);
    random.nextBytes(block);
    random.nextBytes(small);
  }

  /**
   * Runs every workload and prints the result lines to {@code out}, progress to {@code log}.
   *
   * @param connect opens a client with the given settings, as an application opens one
   */
  public static void run(
      Function<ClientSettings, GodfsClient> connect,
      int sizeMib,
      int rounds,
      int writers,
      Set<Part> parts,
      PrintWriter out,
      PrintWriter log)
      throws IOException {
    PeersSdkWorkload workload =
        new PeersSdkWorkload(
            () -> connect.apply(ClientSettings.DEFAULTS),
            () -> connect.apply(ClientSettings.DEFAULTS.withLocalReads(false)),
            sizeMib,
            rounds,
            writers,
            parts,
            log);
    try {
      workload.runAll();
      workload.results.recordOnce(
          "client-peak-rss", "MiB", ProcessMemory.peakResidentMiB(), "client=this JVM");
      workload.results.print(out);
    } finally {
      workload.fs.close();
      workload.remote.close();
    }
  }

  private void runAll() throws IOException {
    try {
      fs.delete(root, true); // what an interrupted run left
    } catch (DfsException e) {
      if (e.code() != ErrorCode.NOT_FOUND) {
        throw e;
      }
    }
    fs.mkdir(listDir, true);
    long setup = System.nanoTime();
    for (int i = 0; i < LIST_ENTRIES; i++) {
      fs.createEmpty(listDir.child("f" + i), false);
    }
    log.printf(Locale.ROOT, "setup: %d empty files in %.1f s%n", LIST_ENTRIES, seconds(setup));
    baselineUsed = fs.clusterInfo().usedBytes();
    warmUp();
    DfsPath data = root.child("data");
    fs.mkdir(data, false);
    for (int round = 1; parts.contains(Part.DATA) && round <= rounds; round++) {
      DfsPath file = data.child("file-" + round);
      results.record("write", "MB/s", write(file));
      PageCache.drop();
      results.record("read_cold", "MB/s", read(fs, file));
      results.record("read_warm", "MB/s", read(fs, file));
      PageCache.drop();
      results.record("read_cold_remote", "MB/s", read(remote, file));
      results.record("read_warm_remote", "MB/s", read(remote, file));
      deleteAndWait(file);
      results.record("write_" + writers + "_clients", "MB/s", parallelWrites(data, round));
    }
    for (int round = 1; parts.contains(Part.METADATA) && round <= rounds; round++) {
      results.record("stat", "ops/s", stat(STAT_OPS));
      results.record("rpc_floor", "ops/s", lightestCalls(STAT_OPS));
      DfsPath dir = root.child("meta-" + round);
      fs.mkdir(dir, false);
      results.record("mkdir", "ops/s", mkdirs(dir, META_OPS));
      results.record("rename", "ops/s", renames(dir, META_OPS));
      results.record("delete", "ops/s", deletes(dir, META_OPS));
      DfsPath smallDir = root.child("small-" + round);
      fs.mkdir(smallDir, false);
      results.record("create_1k", "files/s", smallFiles(smallDir, SMALL_FILES));
      results.record("list_10k", "ms", list());
      fs.delete(dir, true);
      fs.delete(smallDir, true);
    }
    if (parts.contains(Part.METADATA)) {
      raftFloor();
    }
    fs.delete(root, true);
  }

  /**
   * The limit under the replicated mkdir, rename and delete rows ({@link RaftCommitFloor}), after
   * them so that its servers do not share the cores while the cluster is measured.
   */
  private void raftFloor() throws IOException {
    try (RaftCommitFloor floor = RaftCommitFloor.start(log)) {
      for (int round = 1; round <= rounds; round++) {
        results.record("raft_commit_floor", "ops/s", floor.commitsPerSecond(META_OPS));
      }
    }
  }

  /**
   * The measured code paths once, not counted (class loading and JIT in this client and in the
   * servers, connections to every node), as HdfsWorkload warms HDFS up.
   */
  private void warmUp() throws IOException {
    long start = System.nanoTime();
    DfsPath dir = root.child("warm-up");
    fs.mkdir(dir, false);
    // After one pass the first measured write still ran at 60 % of the later rounds (the JIT was
    // still compiling the pipeline in four JVMs at once); after two, at about 85 %.
    for (int pass = 0; parts.contains(Part.DATA) && pass < DATA_WARM_UP_PASSES; pass++) {
      DfsPath file = dir.child("full");
      writeBytes(fs, file, sizeMib);
      PageCache.drop();
      readBytes(fs, file);
      readBytes(fs, file);
      readBytes(remote, file);
      readBytes(remote, file);
      deleteAndWait(file);
    }
    // Three passes: after one, the first measured round still ran at 70-80 % of the later ones
    // (stat 3,738-3,823/s against 4,726-5,312; mkdir 345-400/s against 490-525), with C2 still
    // compiling in the masters (perf sched showed Ratis threads waiting up to 1 ms for a core).
    for (int pass = 0; parts.contains(Part.METADATA) && pass < METADATA_WARM_UP_PASSES; pass++) {
      for (int i = 0; i < STAT_OPS; i++) {
        fs.stat(listDir.child("f" + (i % LIST_ENTRIES)));
      }
      lightestCalls(STAT_OPS);
      mkdirs(dir, META_OPS);
      renames(dir, META_OPS);
      deletes(dir, META_OPS);
      DfsPath passDir = dir.child("pass-" + pass);
      fs.mkdir(passDir, false);
      smallFiles(passDir, 200);
    }
    for (int i = 0; i < 5; i++) {
      list();
    }
    fs.delete(dir, true);
    log.printf(Locale.ROOT, "warm-up done in %.1f s%n", seconds(start));
  }

  private double write(DfsPath file) throws IOException {
    syncDisks();
    long start = System.nanoTime();
    writeBytes(fs, file, sizeMib);
    long elapsed = System.nanoTime() - start;
    expectLength(fs.stat(file), (long) sizeMib * MIB);
    return mbPerSecond((long) sizeMib * MIB, elapsed);
  }

  /** One client per writer, each writing SIZE to its own file at once; the aggregate MB/s. */
  private double parallelWrites(DfsPath dir, int round) throws IOException {
    List<GodfsClient> clients = new ArrayList<>();
    ExecutorService threads = Executors.newFixedThreadPool(writers);
    try {
      for (int i = 0; i < writers; i++) {
        clients.add(connect.get());
        clients.get(i).stat(root); // connected before the clock starts
      }
      syncDisks();
      long start = System.nanoTime();
      List<Future<DfsPath>> done = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        GodfsClient client = clients.get(i);
        DfsPath file = dir.child("parallel-" + round + "-" + i);
        done.add(
            threads.submit(
                () -> {
                  writeBytes(client, file, sizeMib);
                  return file;
                }));
      }
      List<DfsPath> files = new ArrayList<>();
      for (Future<DfsPath> f : done) {
        files.add(f.get());
      }
      long elapsed = System.nanoTime() - start;
      for (DfsPath file : files) {
        expectLength(fs.stat(file), (long) sizeMib * MIB);
        fs.delete(file, false);
      }
      waitForDeletes();
      return mbPerSecond((long) writers * sizeMib * MIB, elapsed);
    } catch (ExecutionException e) {
      throw new IOException("a parallel writer failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      threads.shutdownNow();
      clients.forEach(GodfsClient::close);
    }
  }

  private void writeBytes(GodfsClient client, DfsPath file, int mib) throws IOException {
    try (OutputStream out = client.create(file, true)) {
      for (int i = 0; i < mib; i++) {
        out.write(block, 0, MIB);
      }
    }
  }

  private double read(GodfsClient client, DfsPath file) throws IOException {
    long start = System.nanoTime();
    long bytes = readBytes(client, file);
    return mbPerSecond(bytes, System.nanoTime() - start);
  }

  private long readBytes(GodfsClient client, DfsPath file) throws IOException {
    byte[] buffer = new byte[MIB];
    long total = 0;
    try (SeekableInput in = client.open(file)) {
      int n;
      while ((n = in.read(buffer, 0, MIB)) > 0) {
        total += n;
      }
    }
    if (total != (long) sizeMib * MIB) {
      throw new IOException("read " + total + " bytes of " + file + ", expected " + sizeMib * MIB);
    }
    return total;
  }

  private double stat(int ops) throws IOException {
    DfsPath[] names = names(listDir, "f", LIST_ENTRIES);
    long start = System.nanoTime();
    for (int i = 0; i < ops; i++) {
      expectLength(fs.stat(names[i % LIST_ENTRIES]), 0);
    }
    return opsPerSecond(ops, start);
  }

  /**
   * The floor under every metadata call here: the lightest call the masters answer ({@code whoAmI}:
   * the same connection, TLS, credential check and interceptors as a stat, no namespace), one
   * thread waiting for each.
   */
  private double lightestCalls(int ops) {
    long start = System.nanoTime();
    for (int i = 0; i < ops; i++) {
      fs.whoAmI();
    }
    return opsPerSecond(ops, start);
  }

  private double mkdirs(DfsPath dir, int ops) {
    DfsPath[] paths = names(dir, "d", ops);
    long start = System.nanoTime();
    for (DfsPath path : paths) {
      fs.mkdir(path, false);
    }
    return opsPerSecond(ops, start);
  }

  private double renames(DfsPath dir, int ops) {
    DfsPath[] sources = names(dir, "d", ops);
    DfsPath[] targets = names(dir, "r", ops);
    long start = System.nanoTime();
    for (int i = 0; i < ops; i++) {
      fs.rename(sources[i], targets[i], false);
    }
    return opsPerSecond(ops, start);
  }

  private double deletes(DfsPath dir, int ops) {
    DfsPath[] paths = names(dir, "r", ops);
    long start = System.nanoTime();
    for (DfsPath path : paths) {
      fs.delete(path, false);
    }
    return opsPerSecond(ops, start);
  }

  private double smallFiles(DfsPath dir, int files) throws IOException {
    DfsPath[] paths = names(dir, "s", files);
    long start = System.nanoTime();
    for (DfsPath path : paths) {
      try (OutputStream out = fs.create(path, false)) {
        out.write(small);
      }
    }
    return opsPerSecond(files, start);
  }

  /** Every entry of the 10,000-entry directory with its attributes, paged as the CLI pages. */
  private double list() throws IOException {
    long start = System.nanoTime();
    int entries = 0;
    String after = null;
    Listing page;
    do {
      page = fs.list(listDir, after, Listing.MAX_LIMIT);
      entries += page.entries().size();
      if (!page.entries().isEmpty()) {
        after = page.entries().get(page.entries().size() - 1).path().name();
      }
    } while (page.hasMore());
    double millis = (System.nanoTime() - start) / 1e6;
    if (entries != LIST_ENTRIES) {
      throw new IOException("listed " + entries + " entries, expected " + LIST_ENTRIES);
    }
    return millis;
  }

  /**
   * Deletes {@code file} and waits (not timed, at most 30 s) until the chunkservers have dropped
   * its replicas, as their heartbeats report it, so the deletes do not overlap the next
   * measurement.
   */
  private void deleteAndWait(DfsPath file) {
    fs.delete(file, false);
    waitForDeletes();
  }

  private void waitForDeletes() {
    long start = System.nanoTime();
    long used;
    while ((used = fs.clusterInfo().usedBytes()) > baselineUsed + 16L * MIB) {
      if (System.nanoTime() - start > 30_000_000_000L) {
        log.printf(Locale.ROOT, "warning: %d bytes still in use 30 s after a delete%n", used);
        return;
      }
      try {
        Thread.sleep(200); // polls a real condition, bounded above
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    log.printf(Locale.ROOT, "replicas gone after %.1f s%n", seconds(start));
  }

  /** The round before's dirty pages go to disk first, so they are not written while we measure. */
  private static void syncDisks() throws IOException {
    PageCache.writeDirtyPages();
  }

  private static void expectLength(FileStatus status, long length) throws IOException {
    if (status.length() != length) {
      throw new IOException(
          status.path() + " has " + status.length() + " bytes, expected " + length);
    }
  }

  private static DfsPath[] names(DfsPath dir, String prefix, int count) {
    DfsPath[] paths = new DfsPath[count];
    for (int i = 0; i < count; i++) {
      paths[i] = dir.child(prefix + i);
    }
    return paths;
  }

  private static double mbPerSecond(long bytes, long nanos) {
    return bytes / 1e3 / (nanos / 1e6);
  }

  private static double opsPerSecond(int ops, long startNanos) {
    return ops / seconds(startNanos);
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
