package io.godfs.benchmarks;

import io.godfs.adapters.backup.DirectoryBackupArchive;
import io.godfs.application.client.ClientSettings;
import io.godfs.application.client.ClusterBackup;
import io.godfs.application.client.ClusterRestore;
import io.godfs.application.port.in.BackupReport;
import io.godfs.application.port.in.ReservedPaths;
import io.godfs.application.port.in.RestoreReport;
import io.godfs.bootstrap.config.DevConfig;
import io.godfs.bootstrap.wiring.DevCluster;
import io.godfs.client.CredentialsFile;
import io.godfs.client.GodfsClient;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.SnapshotInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * {@code godfs bench-backup}: the rate of {@code godfs admin backup} (ADR 0027) next to this disk's
 * own copy rate, measured in the same run. An in-process dev cluster (a master and 3 chunkservers,
 * R=3, secured as {@code godfs dev} runs it unless told otherwise) holds files written through the
 * SDK; each round then takes a full backup into a fresh directory, an incremental one into the same
 * directory with nothing changed, and restores the backup into a second, empty, cluster. Beside it,
 * in the same round and on the same disk: {@code cp -r} of one chunkserver's chunk files (the same
 * bytes the backup copies) followed by {@code sync}, fio's sequential write with {@code end_fsync}
 * and its O_DIRECT read, and the same bytes written three times with an fsync (what a restore with
 * R=3 writes). A warm-up round runs first and is not counted; the medians of the rounds are shown.
 */
public final class BackupBench {
  private static final int BUFFER = 1 << 20;
  private static final DfsPath DATA = DfsPath.of("/bench");
  private static final long PROCESS_LIMIT_SECONDS = 30 * 60;

  /**
   * What to run: the bytes the cluster holds, in how many files, its chunk size, the measured
   * rounds, chunks (or files) copied at once, and whether the clusters are secured.
   */
  public record Options(
      long bytes, int files, long chunkSize, int rounds, int parallel, boolean secured) {}

  /** One round's figures; NaN where a figure was not measured (fio missing). */
  private record Round(
      double backupRate,
      double incrementalSeconds,
      long incrementalCopied,
      long incrementalSkipped,
      double restoreRate,
      double cpRate,
      double fioWrite,
      double fioRead,
      double threeCopies) {}

  /** A cluster of the bench and its administrator's client. */
  private record Cluster(DevCluster dev, GodfsClient admin) implements AutoCloseable {
    @Override
    public void close() {
      try {
        admin.close();
      } finally {
        dev.close();
      }
    }
  }

  private BackupBench() {}

  public static void run(Path workDir, Path logFile, Options o, PrintWriter out)
      throws IOException {
    Path dir =
        Files.createTempDirectory(workDir.toAbsolutePath().normalize(), "godfs-bench-backup-");
    try (LogFile logs = LogFile.redirect(logFile)) {
      measure(dir, logFile, o, out);
    } finally {
      ThroughputBench.deleteTree(dir);
    }
  }

  private static void measure(Path dir, Path logFile, Options o, PrintWriter out)
      throws IOException {
    boolean cold = PageCache.canDrop();
    Optional<String> fio = fioVersion();
    out.printf(
        Locale.ROOT,
        "goDFS backup bench: %d MiB in %d files, R=3, chunk %d MiB, 3 chunkservers, %s;"
            + " backup and restore --parallel %d; medians of %d rounds after a warm-up round;"
            + " %d cores, load average %.1f%n",
        o.bytes() >> 20,
        o.files(),
        o.chunkSize() >> 20,
        o.secured() ? "secured as godfs dev runs it" : "security off",
        o.parallel(),
        o.rounds(),
        Runtime.getRuntime().availableProcessors(),
        loadAverage());
    out.println("cluster data, backups, cp and fio files all in " + dir);
    out.println(
        cold
            ? "page cache emptied before each copy: every copy reads from the disk"
            : "page cache kept (emptying it needs root): copies read what is cached");
    out.println("nodes' log: " + logFile);
    out.println(fio.map(v -> "fio: " + v).orElse(FIO_MISSING));
    out.flush();

    try (Cluster source = start(dir.resolve("source"), o);
        Cluster target = start(dir.resolve("target"), o)) {
      writeData(source.admin(), o);
      Path chunkFiles = dir.resolve("source").resolve("chunk-1").resolve("chunks");
      long cpBytes = bytesUnder(chunkFiles);
      if (cpBytes != o.bytes()) {
        throw new IOException(
            "chunk-1 holds " + cpBytes + " bytes of chunks, expected " + o.bytes() + " (R=3)");
      }
      // The warm-up: every measured path of this JVM once, on the same data.
      roundOfGodfs(dir, source, target, o, false, 0);
      List<Round> rounds = new ArrayList<>();
      long chunks = 0;
      for (int r = 1; r <= o.rounds(); r++) {
        double cp = cpAndSync(chunkFiles, dir.resolve("cp-" + r), cpBytes, cold);
        double fioWrite = Double.NaN;
        double fioRead = Double.NaN;
        if (fio.isPresent()) {
          Path file = dir.resolve("fio-" + r + ".bin");
          fioWrite = fio(file, o.bytes(), false);
          fioRead = fio(file, o.bytes(), true);
          Files.deleteIfExists(file);
        }
        double threeCopies = ThroughputBench.rawWriteThreeCopies(dir.resolve("raw"), o.bytes());
        ThroughputBench.deleteTree(dir.resolve("raw"));
        GodfsRound g = roundOfGodfs(dir, source, target, o, cold, r);
        chunks = g.chunks();
        rounds.add(
            new Round(
                g.backupRate(),
                g.incrementalSeconds(),
                g.incrementalCopied(),
                g.incrementalSkipped(),
                g.restoreRate(),
                cp,
                fioWrite,
                fioRead,
                threeCopies));
      }
      print(rounds, o, chunks, fio.isPresent(), out);
    }
  }

  /** The figures of one round of backups and a restore. */
  private record GodfsRound(
      double backupRate,
      long chunks,
      double incrementalSeconds,
      long incrementalCopied,
      long incrementalSkipped,
      double restoreRate) {}

  /**
   * A full backup of {@code source} into a fresh directory, an incremental one into it with nothing
   * changed, then a restore of it into {@code target} (emptied first); the backups' snapshots and
   * the directory are removed after.
   */
  private static GodfsRound roundOfGodfs(
      Path dir, Cluster source, Cluster target, Options o, boolean cold, int round)
      throws IOException {
    Path dest = dir.resolve("backup-" + round);
    try {
      settle(cold);
      long t0 = System.nanoTime();
      BackupReport full =
          new ClusterBackup(source.admin(), Clock.systemUTC(), o.parallel())
              .backup(DirectoryBackupArchive.at(dest));
      double backupRate = mibPerSec(full.bytesCopied(), System.nanoTime() - t0);
      if (full.bytesCopied() != o.bytes() || full.chunksSkipped() != 0) {
        throw new IOException(
            "the full backup copied "
                + full.bytesCopied()
                + " bytes and skipped "
                + full.chunksSkipped()
                + " chunks; expected "
                + o.bytes()
                + " bytes, none skipped");
      }

      settle(cold);
      t0 = System.nanoTime();
      BackupReport again =
          new ClusterBackup(source.admin(), Clock.systemUTC(), o.parallel())
              .backup(DirectoryBackupArchive.at(dest));
      double incremental = (System.nanoTime() - t0) / 1e9;

      empty(target.admin());
      settle(cold);
      t0 = System.nanoTime();
      RestoreReport restored =
          new ClusterRestore(target.admin(), Clock.systemUTC(), o.parallel())
              .restore(DirectoryBackupArchive.existing(dest), null);
      double restoreRate = mibPerSec(restored.bytes(), System.nanoTime() - t0);
      if (restored.bytes() != o.bytes() || restored.files() != o.files()) {
        throw new IOException(
            "restored " + restored.files() + " files, " + restored.bytes() + " bytes");
      }
      return new GodfsRound(
          backupRate,
          full.chunksCopied(),
          incremental,
          again.chunksCopied(),
          again.chunksSkipped(),
          restoreRate);
    } finally {
      for (SnapshotInfo s : source.admin().snapshots().list(DfsPath.ROOT)) {
        source.admin().snapshots().delete(DfsPath.ROOT, s.name());
      }
      ThroughputBench.deleteTree(dest);
    }
  }

  private static Cluster start(Path data, Options o) {
    DevConfig config =
        new DevConfig(
            data,
            "127.0.0.1",
            0,
            0,
            3,
            o.chunkSize(),
            3,
            DevConfig.NO_GATEWAY,
            1,
            DevConfig.Security.OFF);
    if (!o.secured()) {
      DevCluster dev = DevCluster.start(config);
      return connected(
          dev, () -> GodfsClient.connect(dev.masterAddresses(), ClientSettings.DEFAULTS));
    }
    Path credentials = data.resolve("home").resolve("credentials");
    DevCluster dev =
        DevCluster.start(config.withSecurity(new DevConfig.Security(true, credentials)));
    return connected(
        dev,
        () ->
            GodfsClient.connect(
                dev.masterAddresses(),
                ClientSettings.DEFAULTS,
                Optional.of(
                    CredentialsFile.find(credentials, dev.masterAddresses())
                        .orElseThrow()
                        .credential()),
                Optional.of(CredentialsFile.trusting(dev.authorityFile().orElseThrow()))));
  }

  /** The cluster with its admin's client; the cluster is closed when the client cannot be made. */
  private static Cluster connected(DevCluster dev, Supplier<GodfsClient> admin) {
    try {
      return new Cluster(dev, admin.get());
    } catch (RuntimeException e) {
      dev.close();
      throw e;
    }
  }

  /** {@code o.bytes()} in {@code o.files()} files under {@link #DATA}, each of its own bytes. */
  private static void writeData(GodfsClient fs, Options o) throws IOException {
    fs.mkdir(DATA, true);
    byte[] buf = new byte[BUFFER];
    long perFile = o.bytes() / o.files();
    for (int f = 0; f < o.files(); f++) {
      long size = f == o.files() - 1 ? o.bytes() - perFile * (o.files() - 1) : perFile;
      SplittableRandom random = new SplittableRandom(f + 1);
      try (OutputStream out = fs.create(DATA.child("file-" + f + ".bin"), true)) {
        for (long done = 0; done < size; done += BUFFER) {
          random.nextBytes(buf);
          out.write(buf, 0, (int) Math.min(BUFFER, size - done));
        }
      }
    }
  }

  /** Deletes everything a restore put into {@code fs} (an empty trash is allowed to stay). */
  private static void empty(GodfsClient fs) {
    for (FileStatus entry : fs.list(DfsPath.ROOT, "", 1000).entries()) {
      if (!entry.path().equals(ReservedPaths.TRASH)) {
        fs.delete(entry.path(), true);
      }
    }
  }

  /** Before a timed copy: what is dirty written out, and the page cache emptied where allowed. */
  private static void settle(boolean cold) throws IOException {
    if (cold) {
      PageCache.drop();
    } else {
      exec(List.of("sync"));
    }
  }

  /** {@code cp -r from to; sync}, as a user copies the chunk files: MiB/s. */
  private static double cpAndSync(Path from, Path to, long bytes, boolean cold) throws IOException {
    settle(cold);
    long t0 = System.nanoTime();
    exec(List.of("cp", "-r", from.toString(), to.toString()));
    exec(List.of("sync"));
    long took = System.nanoTime() - t0;
    long copied = bytesUnder(to);
    ThroughputBench.deleteTree(to);
    if (copied != bytes) {
      throw new IOException("cp copied " + copied + " bytes, expected " + bytes);
    }
    return mibPerSec(bytes, took);
  }

  static final String FIO_MISSING =
      "fio: not found on the PATH (or it does not run), so its rows are left out (install it:"
          + " apt-get install fio, dnf install fio or brew install fio)";

  private static Optional<String> fioVersion() {
    try {
      return Optional.of(exec(List.of("fio", "--version")).strip());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * fio on {@code file}: a sequential write of {@code bytes} in 1 MiB blocks with an fsync at the
   * end (counted in its time), or a sequential O_DIRECT read of it: MiB/s.
   */
  private static double fio(Path file, long bytes, boolean read) throws IOException {
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            "fio",
            "--name=" + (read ? "copy-read" : "copy-write"),
            "--filename=" + file,
            "--rw=" + (read ? "read" : "write"),
            "--bs=1M",
            "--size=" + bytes,
            "--ioengine=psync",
            "--output-format=terse",
            "--terse-version=3"));
    command.add(read ? "--direct=1" : "--end_fsync=1");
    String[] fields = exec(command).strip().split(";");
    // terse v3: read bandwidth (KiB/s) is field 7, write bandwidth field 48 (1-based).
    int field = read ? 6 : 47;
    if (fields.length <= field || !fields[0].equals("3")) {
      throw new IOException("fio answered no terse v3 line: " + String.join(";", fields));
    }
    return Long.parseLong(fields[field]) / 1024.0;
  }

  /** Runs {@code command}, answering its output; a failure is an IOException with the output. */
  private static String exec(List<String> command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output;
    try (InputStream in = p.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try {
      if (!p.waitFor(PROCESS_LIMIT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", command) + " did not finish in 30 minutes");
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while running " + command.getFirst());
    }
    if (p.exitValue() != 0) {
      throw new IOException(
          String.join(" ", command) + " failed (exit " + p.exitValue() + "): " + output.strip());
    }
    return output;
  }

  private static long bytesUnder(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      long total = 0;
      for (Path p : paths.filter(Files::isRegularFile).toList()) {
        total += Files.size(p);
      }
      return total;
    }
  }

  private static void print(
      List<Round> rounds, Options o, long chunks, boolean fio, PrintWriter out) {
    out.printf(Locale.ROOT, "%n%-64s %10s  %s%n", "", "median", "rounds (low-high)");
    row(
        out,
        "backup, full: " + chunks + " chunks, " + (o.bytes() >> 20) + " MiB",
        rounds,
        Round::backupRate,
        "MiB/s");
    row(
        out,
        "backup, incremental, nothing changed: "
            + rounds.stream().mapToLong(Round::incrementalCopied).max().orElse(0)
            + " copied, "
            + rounds.getLast().incrementalSkipped()
            + " skipped",
        rounds,
        Round::incrementalSeconds,
        "s");
    row(out, "machine: cp -r of the same chunk files + sync", rounds, Round::cpRate, "MiB/s");
    if (fio) {
      row(out, "machine: fio sequential write, 1 MiB, end_fsync", rounds, Round::fioWrite, "MiB/s");
      row(out, "machine: fio sequential read, 1 MiB, O_DIRECT", rounds, Round::fioRead, "MiB/s");
    }
    row(out, "restore into an empty cluster (R=3, durable)", rounds, Round::restoreRate, "MiB/s");
    row(out, "machine: the same bytes written 3x + fsync", rounds, Round::threeCopies, "MiB/s");
    out.printf(
        Locale.ROOT,
        "%nbackup / cp: %.0f %% (median of the rounds' ratios)%n",
        100 * median(rounds, r -> r.backupRate() / r.cpRate()));
    if (fio) {
      out.printf(
          Locale.ROOT,
          "backup / fio copy (its read then its write, one after the other): %.0f %%%n",
          100 * median(rounds, r -> r.backupRate() / serial(r.fioRead(), r.fioWrite())));
    } else {
      out.println(FIO_MISSING);
    }
    out.printf(
        Locale.ROOT,
        "restore / 3 copies + fsync: %.0f %%%n",
        100 * median(rounds, r -> r.restoreRate() / r.threeCopies()));
    out.flush();
  }

  private static void row(
      PrintWriter out, String label, List<Round> rounds, ToDoubleFunction<Round> f, String unit) {
    double[] v = rounds.stream().mapToDouble(f).sorted().toArray();
    String format = unit.equals("s") ? "%.2f" : "%.0f";
    out.printf(
        Locale.ROOT,
        "%-64s %10s  %-19s %s%n",
        label,
        String.format(Locale.ROOT, format, median(v)),
        String.format(Locale.ROOT, format + "-" + format, v[0], v[v.length - 1]),
        unit);
  }

  /** The rate of reading, then writing, the same bytes at {@code read} and {@code write} MiB/s. */
  private static double serial(double read, double write) {
    return 1 / (1 / read + 1 / write);
  }

  private static double median(List<Round> rounds, ToDoubleFunction<Round> f) {
    return median(rounds.stream().mapToDouble(f).sorted().toArray());
  }

  private static double median(double[] sorted) {
    double[] v = Arrays.copyOf(sorted, sorted.length);
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  private static double mibPerSec(long bytes, long nanos) {
    return (bytes / 1048576.0) / (nanos / 1e9);
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
