package io.godfs.benchmarks;

import io.godfs.adapters.grpc.ChannelPool;
import io.godfs.adapters.grpc.GrpcAdminClient;
import io.godfs.application.master.HealingSettings;
import io.godfs.application.port.in.ChunkReport;
import io.godfs.application.port.in.FsckReport;
import io.godfs.application.port.in.RepairEvent;
import io.godfs.bootstrap.config.ChunkserverConfig;
import io.godfs.bootstrap.config.MasterConfig;
import io.godfs.bootstrap.wiring.ChunkserverNode;
import io.godfs.bootstrap.wiring.MasterNode;
import io.godfs.client.GodfsClient;
import io.godfs.domain.chunk.StoredChunk;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.node.NodeId;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * {@code godfs bench-repair}: how long the cluster takes to restore three copies after losing a
 * chunkserver, and the repair throughput next to this disk's own copy bandwidth (read a file, write
 * it again with fsync) measured in the same run. One JVM, 4 chunkservers, R=3, dead after 3 s.
 */
public final class RepairBench {
  private static final int BUFFER = 1 << 20;
  private static final Duration DEAD_AFTER = Duration.ofSeconds(3);
  private static final Duration LIMIT = Duration.ofMinutes(30);

  private RepairBench() {}

  public static void run(Path workDir, long bytes, long chunkSize, PrintWriter out)
      throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory(workDir.toAbsolutePath(), "godfs-repair-bench-");
    MasterNode master = null;
    List<ChunkserverNode> nodes = new ArrayList<>();
    try {
      double rawCopy = rawCopy(dir.resolve("raw"), bytes);
      master =
          MasterNode.start(
              new MasterConfig(
                  "127.0.0.1",
                  0,
                  chunkSize,
                  3,
                  DEAD_AFTER,
                  Duration.ofMillis(500),
                  MasterConfig.DEFAULT_LEASE_TIMEOUT,
                  HealingSettings.DEFAULTS.withSafeMode(1, Duration.ZERO)));
      String address = "127.0.0.1:" + master.port();
      for (int i = 1; i <= 4; i++) {
        nodes.add(
            ChunkserverNode.start(
                ChunkserverConfig.of(
                        address,
                        "127.0.0.1",
                        0,
                        dir.resolve("chunk-" + i),
                        "chunk-" + i,
                        null,
                        0,
                        Duration.ofMillis(500))
                    .withScrubRate(0)));
      }
      try (GodfsClient fs = GodfsClient.connect(address);
          ChannelPool channels = new ChannelPool()) {
        awaitRegistered(nodes);
        byte[] buf = new byte[BUFFER];
        new Random(1).nextBytes(buf);
        try (OutputStream o = fs.create(DfsPath.of("/repair.bin"), true)) {
          for (long done = 0; done < bytes; done += BUFFER) {
            o.write(buf, 0, (int) Math.min(BUFFER, bytes - done));
          }
        }
        ChunkserverNode victim =
            nodes.stream()
                .max(
                    Comparator.comparingLong(
                        n -> n.store().list().stream().mapToLong(StoredChunk::length).sum()))
                .orElseThrow();
        long lost = victim.store().list().stream().mapToLong(StoredChunk::length).sum();
        NodeId victimId = victim.location().id();
        GrpcAdminClient admin = new GrpcAdminClient(address, channels, Duration.ofSeconds(30));

        Instant killedAt = Instant.now();
        long t0 = System.nanoTime();
        victim.close();
        nodes.remove(victim);
        long deadline = t0 + LIMIT.toNanos();
        while (!repaired(admin.fsck(DfsPath.ROOT).orThrow(), victimId)) {
          if (System.nanoTime() > deadline) {
            throw new IOException("not repaired within " + LIMIT);
          }
          Thread.sleep(50); // polling the cluster's state with a deadline
        }
        long total = System.nanoTime() - t0;
        Instant prunedAt =
            master.maintenance().recentRepairs().stream()
                .filter(e -> e.kind() == RepairEvent.Kind.NODE_PRUNED && victimId.equals(e.node()))
                .map(RepairEvent::at)
                .findFirst()
                .orElse(killedAt);
        long detection = Math.max(0, Duration.between(killedAt, prunedAt).toNanos());
        double repairRate = mibPerSec(lost, total - detection);
        out.printf(
            "lost a chunkserver holding %d MiB (of a %d MiB file, R=3, 4 chunkservers)%n",
            lost >> 20, bytes >> 20);
        out.printf(
            "%-44s %10.1f s%n",
            "dead detected (" + DEAD_AFTER.toSeconds() + " s timeout)", detection / 1e9);
        out.printf("%-44s %10.1f s%n", "fully replicated again after the kill", total / 1e9);
        out.printf("%-44s %10s %10s%n", "", "goDFS", "machine");
        out.printf(
            "%-44s %10.0f %10.0f  MiB/s (%.0f %%)%n",
            "repair copy rate vs read+write+fsync",
            repairRate,
            rawCopy,
            100 * repairRate / rawCopy);
        out.flush();
      }
    } finally {
      nodes.forEach(ChunkserverNode::close);
      if (master != null) {
        master.close();
      }
      deleteTree(dir);
    }
  }

  private static boolean repaired(FsckReport report, NodeId gone) {
    return report.files().stream()
        .flatMap(f -> f.chunks().stream())
        .allMatch(c -> c.status() == ChunkReport.Status.HEALTHY && !c.good().contains(gone));
  }

  private static void awaitRegistered(List<ChunkserverNode> nodes)
      throws InterruptedException, IOException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!nodes.stream().allMatch(ChunkserverNode::isRegistered)) {
      if (System.nanoTime() > deadline) {
        throw new IOException("chunkservers did not register within 30 s");
      }
      Thread.sleep(20);
    }
  }

  /** The disk's limit for a copy: write a file, then read it and write it again with fsync. */
  private static double rawCopy(Path dir, long bytes) throws IOException {
    Files.createDirectories(dir);
    Path source = dir.resolve("source");
    ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER);
    try (FileChannel c =
        FileChannel.open(source, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      for (long done = 0; done < bytes; done += BUFFER) {
        buf.clear().limit((int) Math.min(BUFFER, bytes - done));
        while (buf.hasRemaining()) {
          c.write(buf);
        }
      }
      c.force(true);
    }
    long t0 = System.nanoTime();
    try (FileChannel in = FileChannel.open(source);
        FileChannel out =
            FileChannel.open(
                dir.resolve("copy"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      long position = 0;
      while (position < bytes) {
        buf.clear();
        int n = in.read(buf, position);
        if (n < 0) {
          break;
        }
        buf.flip();
        while (buf.hasRemaining()) {
          out.write(buf);
        }
        position += n;
      }
      out.force(true);
    }
    double rate = mibPerSec(bytes, System.nanoTime() - t0);
    deleteTree(dir);
    return rate;
  }

  private static double mibPerSec(long bytes, long nanos) {
    return bytes / (1024.0 * 1024.0) / (nanos / 1e9);
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
