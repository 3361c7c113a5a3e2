package io.godfs.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import io.godfs.adapters.grpc.tls.TlsProvider;
import io.godfs.application.port.in.SeekableInput;
import io.godfs.client.GodfsClient;
import io.godfs.domain.file.DfsPath;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Function;
import javax.net.ssl.SSLException;

/**
 * {@code godfs bench-security}: what security costs. The same work on clusters in this JVM with
 * security off and on (one secured cluster per TLS provider), in interleaved rounds so that a
 * neighbour's load hits every column alike: a file written with R=3 (durable at close), read over
 * gRPC and read short-circuit, then 1 KiB files created by concurrent clients. Prints the median of
 * the rounds side by side, the cost in % against the targets (10 % for the file, 15 % for small
 * creates), and this machine's limits measured in the same run.
 */
public final class SecurityBench {
  static final double BULK_TARGET = 10;
  static final double CREATE_TARGET = 15;
  private static final int BUFFER = 1 << 20;
  private static final long WARM_UP_BYTES = 256L << 20;
  private static final Duration TLS_LIMIT_ROUND = Duration.ofSeconds(3);

  /**
   * What to run: file size, chunk size, measured rounds, concurrent creators, how long each round
   * creates, and the TLS providers to compare.
   */
  public record Options(
      long bytes,
      long chunkSize,
      int rounds,
      int clients,
      Duration createRound,
      List<TlsProvider> providers) {}

  /**
   * One cluster's samples, one per round: rates, and the CPU time this process spent on them (every
   * node and the client run in it): seconds per GiB, microseconds per create.
   */
  private record Samples(
      double[] write,
      double[] remoteRead,
      double[] localRead,
      double[] coldRead,
      double[] creates,
      double[] writeCpu,
      double[] remoteReadCpu,
      double[] createCpu) {
    Samples(int rounds) {
      this(
          new double[rounds],
          new double[rounds],
          new double[rounds],
          new double[rounds],
          new double[rounds],
          new double[rounds],
          new double[rounds],
          new double[rounds]);
    }
  }

  /** This machine's limits, from plain files: MiB/s; NaN where not measured. */
  private record Limits(double write, double warmRead, double coldRead) {}

  private SecurityBench() {}

  public static void run(Path workDir, Path logFile, Options o, PrintWriter out) throws Exception {
    try (LogFile logs = LogFile.redirect(logFile)) {
      measureAll(Files.createTempDirectory(workDir, "godfs-bench-security-"), logFile, o, out);
    }
  }

  private static void measureAll(Path dir, Path logFile, Options o, PrintWriter out)
      throws Exception {
    List<SecuredSetup> setups = new ArrayList<>();
    try {
      out.printf(
          Locale.ROOT,
          "goDFS security bench: %d MiB file, R=3, chunk %d MiB; 1 KiB creates from %d clients for %d s;"
              + " medians of %d interleaved rounds; %d cores, load average %.1f%n",
          o.bytes() >> 20,
          o.chunkSize() >> 20,
          o.clients(),
          o.createRound().toSeconds(),
          o.rounds(),
          Runtime.getRuntime().availableProcessors(),
          loadAverage());
      out.println("nodes' log: " + logFile);
      out.println(
          "security on: TLS 1.3 on every connection, mutual TLS between nodes (embedded CA),"
              + " API key + authorization on the master, chunk access tokens checked by the"
              + " chunkservers, audit trail to a file");
      out.flush();
      double rawWrite = ThroughputBench.rawWriteThreeCopies(dir.resolve("raw"), o.bytes());
      double rawRead = ThroughputBench.rawWarmRead(dir.resolve("raw").resolve("copy-0"), o.bytes());
      // A first read of a file comes from the disk: where the page cache can be emptied (root),
      // that read is measured too.
      boolean cold = PageCache.canDrop();
      double rawCold =
          cold ? ThroughputBench.rawColdRead(dir.resolve("raw").resolve("copy-0")) : Double.NaN;
      ThroughputBench.deleteTree(dir.resolve("raw"));

      setups.add(SecuredSetup.off(dir.resolve("off"), o.chunkSize()));
      for (TlsProvider p : o.providers()) {
        setups.add(
            SecuredSetup.on(dir.resolve(p.name().toLowerCase(Locale.ROOT)), o.chunkSize(), p));
      }
      byte[] buf = pattern();
      for (SecuredSetup s : setups) {
        warmUp(s, o, buf);
      }
      List<Samples> samples = new ArrayList<>();
      setups.forEach(s -> samples.add(new Samples(o.rounds())));
      double[] pings = new double[o.rounds()];
      try (GrpcPingLimit ping = new GrpcPingLimit()) {
        for (int r = 0; r < o.rounds(); r++) {
          // Each round starts with another cluster: none always runs first or last.
          for (int k = 0; k < setups.size(); k++) {
            int i = (r + k) % setups.size();
            measure(setups.get(i), o, r, cold, buf, samples.get(i));
          }
          long t0 = System.nanoTime();
          long calls = ping.callsIn(o.clients(), o.createRound());
          pings[r] = calls / ((System.nanoTime() - t0) / 1e9);
        }
      }
      print(
          out, o, setups, samples, new Limits(rawWrite, rawRead, rawCold), CostTable.median(pings));
      printTlsLimits(out, setups, samples.getFirst());
    } finally {
      for (SecuredSetup s : setups) {
        s.close();
      }
      ThroughputBench.deleteTree(dir);
    }
  }

  private static void print(
      PrintWriter out,
      Options o,
      List<SecuredSetup> setups,
      List<Samples> samples,
      Limits limits,
      double pings)
      throws IOException {
    CostTable table =
        new CostTable(setups.subList(1, setups.size()).stream().map(SecuredSetup::name).toList());
    String size = (o.bytes() >> 20) + " MiB";
    table.add(
        row(
            "write " + size + ", R=3, durable",
            "MiB/s",
            samples,
            s -> s.write(),
            BULK_TARGET,
            limits.write()));
    table.add(
        row(
            "read " + size + " over gRPC, warm",
            "MiB/s",
            samples,
            s -> s.remoteRead(),
            BULK_TARGET,
            limits.warmRead()));
    table.add(
        row(
            "read " + size + " short-circuit, warm",
            "MiB/s",
            samples,
            s -> s.localRead(),
            BULK_TARGET,
            limits.warmRead()));
    if (!Double.isNaN(limits.coldRead())) {
      table.add(
          row(
              "read " + size + " over gRPC, from disk",
              "MiB/s",
              samples,
              s -> s.coldRead(),
              BULK_TARGET,
              limits.coldRead()));
    }
    table.add(
        row(
            "create 1 KiB files, " + o.clients() + " clients",
            "creates/s",
            samples,
            s -> s.creates(),
            CREATE_TARGET,
            pings));
    table.add(cpuRow("CPU per GiB written", "CPU s/GiB", samples, s -> s.writeCpu(), BULK_TARGET));
    table.add(
        cpuRow(
            "CPU per GiB read over gRPC",
            "CPU s/GiB",
            samples,
            s -> s.remoteReadCpu(),
            BULK_TARGET));
    table.add(cpuRow("CPU per create", "CPU us", samples, s -> s.createCpu(), CREATE_TARGET));
    table.lines().forEach(out::println);
    out.printf(
        Locale.ROOT,
        "machine: write = the same bytes to 3 files with fsync; read = a warm read of one; create ="
            + " empty gRPC calls/s (plaintext) from %d threads. CPU rows: this process's CPU time"
            + " (every node and the client) per unit of work, whatever else runs on the machine;"
            + " their cost is what the rate would lose were the CPU the only limit. Load average"
            + " now %.1f.%n",
        o.clients(),
        loadAverage());
    out.println(
        Double.isNaN(limits.coldRead())
            ? "read from disk: not measured; emptying the page cache needs root"
                + " (/proc/sys/vm/drop_caches)"
            : "read from disk: the page cache emptied before the read (machine: a plain file's)");
    for (SecuredSetup s : setups) {
      if (s.auditLines().isPresent()) {
        out.printf("audit trail (%s): %d lines%n", s.name(), s.auditLines().get());
      }
    }
    out.flush();
  }

  /**
   * Each provider's TLS record rate on one thread, and what it implies: the CPU time TLS adds per
   * GiB on the cores the whole cluster shares (a read crosses one connection, a write with R=3
   * three).
   */
  private static void printTlsLimits(PrintWriter out, List<SecuredSetup> setups, Samples off)
      throws SSLException {
    double offRead = CostTable.median(off.remoteReadCpu());
    double offWrite = CostTable.median(off.writeCpu());
    for (SecuredSetup s : setups) {
      if (s.provider().isEmpty()) {
        continue;
      }
      TlsRecordLimit.Result limit =
          TlsRecordLimit.measure(
              s.provider().get(),
              s.nodeIdentity().orElseThrow(),
              s.authority().orElseThrow(),
              TLS_LIMIT_ROUND);
      double secondsPerGib = 1024 / limit.mibPerSecond();
      out.printf(
          Locale.ROOT,
          "machine: TLS 1.3 in memory, %s, %s: %.0f MiB/s encrypted and decrypted by one thread;"
              + " per GiB that is %.2f s of a core for a read over gRPC, %.2f s for a write with"
              + " R=3 (3 hops)%n",
          s.provider().get().implementation(),
          limit.cipherSuite(),
          limit.mibPerSecond(),
          secondsPerGib,
          3 * secondsPerGib);
      // The least TLS can cost here: its cipher alone, on the CPU the path uses without security
      // (the CPU rows' cost: what the rate loses were the CPU the only limit).
      out.printf(
          Locale.ROOT,
          "floor: were TLS to cost only its cipher (%s), it would cost %.1f %% of the CPU of a read"
              + " over gRPC and %.1f %% of a write with R=3%n",
          s.provider().get().implementation(),
          100 * secondsPerGib / (offRead + secondsPerGib),
          100 * 3 * secondsPerGib / (offWrite + 3 * secondsPerGib));
    }
    out.flush();
  }

  private static CostTable.Row row(
      String label,
      String unit,
      List<Samples> samples,
      Function<Samples, double[]> measure,
      double target,
      double machine) {
    List<double[]> on = samples.subList(1, samples.size()).stream().map(measure).toList();
    return new CostTable.Row(label, unit, measure.apply(samples.getFirst()), on, target, machine);
  }

  /**
   * What one measure cost this process in CPU time (all nodes and the client), whatever else ran on
   * the machine; its cost is what the rate would lose were the CPU the only limit.
   */
  private static CostTable.Row cpuRow(
      String label,
      String unit,
      List<Samples> samples,
      Function<Samples, double[]> measure,
      double target) {
    List<double[]> on = samples.subList(1, samples.size()).stream().map(measure).toList();
    return new CostTable.Row(
        label, unit, measure.apply(samples.getFirst()), on, target, Double.NaN, true);
  }

  /** Every measured path once, on a smaller file, so the JIT has compiled them. */
  private static void warmUp(SecuredSetup s, Options o, byte[] buf) throws Exception {
    s.select();
    GodfsClient fs = s.remote();
    fs.mkdir(DfsPath.of("/bench/small"), true);
    DfsPath path = DfsPath.of("/bench/warm-up.bin");
    write(fs, path, Math.min(o.bytes(), WARM_UP_BYTES), buf);
    readAll(fs, path, buf);
    readAll(s.local(), path, buf);
    fs.delete(path, false);
    creates(fs, o, "warm-up");
  }

  private static void measure(
      SecuredSetup s, Options o, int round, boolean cold, byte[] buf, Samples into)
      throws Exception {
    s.select();
    GodfsClient fs = s.remote();
    DfsPath path = DfsPath.of("/bench/file-" + round + ".bin");
    double gib = o.bytes() / (double) (1L << 30);
    long cpu = cpuNanos();
    long t0 = System.nanoTime();
    write(fs, path, o.bytes(), buf);
    into.write()[round] = mibPerSec(o.bytes(), System.nanoTime() - t0);
    into.writeCpu()[round] = (cpuNanos() - cpu) / 1e9 / gib;
    cpu = cpuNanos();
    t0 = System.nanoTime();
    long read = readAll(fs, path, buf);
    into.remoteRead()[round] = mibPerSec(read, System.nanoTime() - t0);
    into.remoteReadCpu()[round] = (cpuNanos() - cpu) / 1e9 / gib;
    check(read, o.bytes());
    t0 = System.nanoTime();
    read = readAll(s.local(), path, buf);
    into.localRead()[round] = mibPerSec(read, System.nanoTime() - t0);
    check(read, o.bytes());
    if (cold) {
      PageCache.drop();
      t0 = System.nanoTime();
      read = readAll(fs, path, buf);
      into.coldRead()[round] = mibPerSec(read, System.nanoTime() - t0);
      check(read, o.bytes());
    }
    fs.delete(path, false);
    cpu = cpuNanos();
    t0 = System.nanoTime();
    double perSecond = creates(fs, o, "r" + round);
    into.creates()[round] = perSecond;
    double created = perSecond * (System.nanoTime() - t0) / 1e9;
    into.createCpu()[round] = (cpuNanos() - cpu) / 1e3 / created;
  }

  /** 1 KiB files, each new, from {@code clients} threads for one round; returns how many per s. */
  private static double creates(GodfsClient fs, Options o, String prefix) throws Exception {
    byte[] body = new byte[1024];
    long t0 = System.nanoTime();
    long done =
        ConcurrentLoad.run(
            o.clients(),
            o.createRound(),
            (client, i) -> {
              try (OutputStream file =
                  fs.create(DfsPath.of("/bench/small/" + prefix + "-" + client + "-" + i), false)) {
                file.write(body);
              }
            });
    return done / ((System.nanoTime() - t0) / 1e9);
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

  private static void check(long read, long expected) throws IOException {
    if (read != expected) {
      throw new IOException("read back " + read + " bytes, expected " + expected);
    }
  }

  private static byte[] pattern() {
    byte[] b = new byte[BUFFER];
    new SplittableRandom(1).nextBytes(b);
    return b;
  }

  private static double mibPerSec(long bytes, long nanos) {
    return (bytes / 1048576.0) / (nanos / 1e9);
  }

  /** CPU time this process has used: every node's and the client's. */
  private static long cpuNanos() {
    return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
