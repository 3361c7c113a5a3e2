package io.godfs.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import io.godfs.adapters.grpc.tls.TlsProvider;
import io.godfs.adapters.telemetry.TraceExport;
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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * {@code godfs bench-observability}: what metrics and tracing cost (ADR 0023, "The cost
 * benchmark"). Three secured clusters in this JVM, alike but for how they are watched: not at all,
 * every node's registry fed and scraped every 15 s, or that and every node tracing at 1 % sampling
 * to an in-process OTLP/HTTP receiver. In interleaved rounds each writes a file with R=3 (durable
 * at close) and creates 1 KiB files from concurrent clients; the medians are printed side by side
 * with the cost in % of the unwatched figure (target: 3 %), the spread of the rounds, this
 * machine's limits, and a second estimate from the interceptors' cost per call measured in memory
 * times the calls the run made.
 */
public final class ObservabilityBench {
  static final double TARGET = 3;
  private static final int BUFFER = 1 << 20;
  private static final long WARM_UP_BYTES = 256L << 20;

  /** What to run: file size, chunk size, rounds, creating clients, create phase, TLS provider. */
  public record Options(
      long bytes,
      long chunkSize,
      int rounds,
      int clients,
      Duration createRound,
      TlsProvider provider) {}

  /**
   * One cluster's samples, one per round: rates, this process's CPU per unit of work (s per GiB, us
   * per create), and the gRPC traffic the registries counted per GiB and per create.
   */
  private record Samples(
      double[] write,
      double[] creates,
      double[] writeCpu,
      double[] createCpu,
      ObservedSetup.Traffic[] writeTraffic,
      ObservedSetup.Traffic[] createTraffic) {
    Samples(int rounds) {
      this(
          new double[rounds],
          new double[rounds],
          new double[rounds],
          new double[rounds],
          new ObservedSetup.Traffic[rounds],
          new ObservedSetup.Traffic[rounds]);
    }
  }

  private ObservabilityBench() {}

  public static void run(Path workDir, Path logFile, Options o, PrintWriter out) throws Exception {
    try (LogFile logs = LogFile.redirect(logFile)) {
      measureAll(Files.createTempDirectory(workDir, "godfs-bench-observability-"), logFile, o, out);
    }
  }

  private static void measureAll(Path dir, Path logFile, Options o, PrintWriter out)
      throws Exception {
    List<ObservedSetup> setups = new ArrayList<>();
    try (TraceReceiver receiver = new TraceReceiver()) {
      out.printf(
          Locale.ROOT,
          "goDFS observability bench: %d MiB file, R=3, chunk %d MiB; 1 KiB creates from %d clients"
              + " for %d s; medians of %d interleaved rounds; %d cores, load average %.1f%n",
          o.bytes() >> 20,
          o.chunkSize() >> 20,
          o.clients(),
          o.createRound().toSeconds(),
          o.rounds(),
          Runtime.getRuntime().availableProcessors(),
          loadAverage());
      out.println("nodes' log: " + logFile);
      out.println(
          "every cluster secured as godfs dev runs it (TLS 1.3, mTLS, API key, tokens, audit), TLS"
              + " provider "
              + o.provider()
              + "; metrics = every node's and the client's registry fed, scraped every "
              + ObservedSetup.SCRAPE_INTERVAL.toSeconds()
              + " s over HTTPS with the token while measured; +trace = also spans of every node"
              + " and the client, parentbased_traceidratio 0.01, OTLP/HTTP to "
              + receiver.endpoint());
      out.flush();
      double rawWrite = ThroughputBench.rawWriteThreeCopies(dir.resolve("raw"), o.bytes());
      ThroughputBench.deleteTree(dir.resolve("raw"));
      List<InterceptorCost.Figures> perCall = InterceptorCost.measure(export(receiver));
      long microExports = receiver.exports();

      for (ObservedSetup.Mode mode : ObservedSetup.Mode.values()) {
        setups.add(
            ObservedSetup.start(
                mode,
                dir.resolve(mode.name().toLowerCase(Locale.ROOT)),
                o.chunkSize(),
                o.provider(),
                receiver.endpoint()));
      }
      byte[] buf = pattern();
      for (ObservedSetup s : setups) {
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
            measure(setups.get(i), o, r, buf, samples.get(i));
          }
          long t0 = System.nanoTime();
          long calls = ping.callsIn(o.clients(), o.createRound());
          pings[r] = calls / ((System.nanoTime() - t0) / 1e9);
        }
      }
      ObservabilityReport report = new ObservabilityReport(out, o);
      report.table(
          setups.stream().map(s -> s.mode().column()).toList(),
          rows(o, samples, rawWrite, CostTable.median(pings)));
      report.spread(
          setups.stream().map(s -> s.mode().column()).toList(),
          samples.stream().map(Samples::write).toList(),
          samples.stream().map(Samples::creates).toList());
      report.perCall(
          perCall,
          median(samples.get(2).writeTraffic()),
          median(samples.get(2).createTraffic()),
          CostTable.median(samples.get(0).writeCpu()),
          CostTable.median(samples.get(0).createCpu()),
          CostTable.median(samples.get(0).creates()),
          o.bytes());
      for (ObservedSetup s : setups.subList(1, setups.size())) {
        out.println("scrapes (" + s.mode().column() + "): " + s.scrapeSummary());
      }
      out.printf(
          Locale.ROOT,
          "trace receiver: %d OTLP exports (%d from the in-memory estimate), %d KiB; load average"
              + " now %.1f%n",
          receiver.exports(),
          microExports,
          receiver.bytes() >> 10,
          loadAverage());
      out.flush();
    } finally {
      for (ObservedSetup s : setups) {
        s.close();
      }
      ThroughputBench.deleteTree(dir);
    }
  }

  private static TraceExport export(TraceReceiver receiver) {
    return new TraceExport(
        receiver.endpoint(),
        "godfs",
        Map.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        "parentbased_traceidratio",
        0.01,
        Map.of(),
        Duration.ofSeconds(5));
  }

  private static List<CostTable.Row> rows(
      Options o, List<Samples> samples, double rawWrite, double pings) {
    String size = (o.bytes() >> 20) + " MiB";
    return List.of(
        row("write " + size + ", R=3, durable", "MiB/s", samples, Samples::write, rawWrite, false),
        row(
            "create 1 KiB files, " + o.clients() + " clients",
            "creates/s",
            samples,
            Samples::creates,
            pings,
            false),
        row("CPU per GiB written", "CPU s/GiB", samples, Samples::writeCpu, Double.NaN, true),
        row("CPU per create", "CPU us", samples, Samples::createCpu, Double.NaN, true));
  }

  private static CostTable.Row row(
      String label,
      String unit,
      List<Samples> samples,
      Function<Samples, double[]> measure,
      double machine,
      boolean spent) {
    List<double[]> on = samples.subList(1, samples.size()).stream().map(measure).toList();
    return new CostTable.Row(
        label, unit, measure.apply(samples.getFirst()), on, TARGET, machine, spent);
  }

  private static ObservedSetup.Traffic median(ObservedSetup.Traffic[] rounds) {
    return new ObservedSetup.Traffic(
        CostTable.median(Arrays.stream(rounds).mapToDouble(t -> t.clientCalls()).toArray()),
        CostTable.median(Arrays.stream(rounds).mapToDouble(t -> t.serverCalls()).toArray()),
        CostTable.median(Arrays.stream(rounds).mapToDouble(t -> t.messages()).toArray()));
  }

  /** Each measured path once, on a smaller file, so the JIT has compiled them. */
  private static void warmUp(ObservedSetup s, Options o, byte[] buf) throws Exception {
    try (AutoCloseable scraping = s.scraping()) {
      GodfsClient fs = s.client();
      fs.mkdir(DfsPath.of("/bench/small"), true);
      DfsPath path = DfsPath.of("/bench/warm-up.bin");
      write(fs, path, Math.min(o.bytes(), WARM_UP_BYTES), buf);
      fs.delete(path, false);
      creates(fs, o, "warm-up");
      s.traffic();
    }
  }

  private static void measure(ObservedSetup s, Options o, int round, byte[] buf, Samples into)
      throws Exception {
    GodfsClient fs = s.client();
    DfsPath path = DfsPath.of("/bench/file-" + round + ".bin");
    double gib = o.bytes() / (double) (1L << 30);
    try (AutoCloseable scraping = s.scraping()) {
      ObservedSetup.Traffic before = s.traffic();
      long cpu = cpuNanos();
      long t0 = System.nanoTime();
      write(fs, path, o.bytes(), buf);
      into.write()[round] = mibPerSec(o.bytes(), System.nanoTime() - t0);
      into.writeCpu()[round] = (cpuNanos() - cpu) / 1e9 / gib;
      ObservedSetup.Traffic written = s.traffic();
      into.writeTraffic()[round] = scaled(written.minus(before), 1 / gib);
      fs.delete(path, false);
      before = s.traffic();
      cpu = cpuNanos();
      t0 = System.nanoTime();
      double perSecond = creates(fs, o, "r" + round);
      into.creates()[round] = perSecond;
      double created = perSecond * (System.nanoTime() - t0) / 1e9;
      into.createCpu()[round] = (cpuNanos() - cpu) / 1e3 / created;
      into.createTraffic()[round] = scaled(s.traffic().minus(before), 1 / created);
    }
  }

  private static ObservedSetup.Traffic scaled(ObservedSetup.Traffic t, double factor) {
    return new ObservedSetup.Traffic(
        t.clientCalls() * factor, t.serverCalls() * factor, t.messages() * factor);
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

  static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
