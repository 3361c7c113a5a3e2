package io.godfs.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.adapters.grpc.ChannelPool;
import io.godfs.adapters.grpc.GrpcMasterClient;
import io.godfs.application.master.HealingSettings;
import io.godfs.application.port.in.SeekableInput;
import io.godfs.bootstrap.config.MasterConfig;
import io.godfs.client.GodfsClient;
import io.godfs.domain.chunk.LocatedChunk;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.file.DfsPath;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Randomized, seeded and bounded in time: clients write, read and delete files while chunkservers
 * are killed and restarted at random. Every acknowledged write must read back identical, and no
 * read may ever return wrong bytes. A read may fail only while too many replicas are away: a read
 * of an acknowledged file that fails although, for every chunk, a node the master named for it held
 * it whole and ran throughout the read (as {@link RunningChunkservers} knows) fails the test.
 */
class ChaosIT {
  static final int CHUNK = 256 << 10;
  static final int NODES = 5;
  static final Duration RUN = Duration.ofSeconds(25);
  @TempDir Path dir;

  /** An acknowledged file: its content is payload {@code seed} of {@code length} bytes. */
  record Written(long seed, long length) {}

  @Test
  void acknowledgedWritesSurviveRandomChunkserverKillsAndRestarts() throws Exception {
    long seed = Long.getLong("godfs.chaos.seed", 20261126L);
    System.out.println("ChaosIT seed: " + seed + " (replay with -Dgodfs.chaos.seed=" + seed + ")");
    MasterConfig config =
        new MasterConfig(
            "127.0.0.1",
            0,
            CHUNK,
            3,
            Duration.ofSeconds(2),
            Duration.ofMillis(200),
            MasterConfig.DEFAULT_LEASE_TIMEOUT,
            HealingSettings.DEFAULTS.withSafeMode(1, Duration.ZERO));
    Map<DfsPath, Written> acknowledged = new ConcurrentHashMap<>();
    AtomicInteger writes = new AtomicInteger();
    AtomicInteger failedWrites = new AtomicInteger();
    AtomicInteger reads = new AtomicInteger();
    AtomicInteger failedReads = new AtomicInteger();
    AtomicInteger unreachableReads = new AtomicInteger();
    AtomicInteger kills = new AtomicInteger();
    long deadline = System.nanoTime() + RUN.toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (TestCluster cluster = new TestCluster(dir, NODES, config);
        ChannelPool channels = cluster.channels()) {
      cluster.client().mkdir(DfsPath.of("/chaos"), true);
      RunningChunkservers running = new RunningChunkservers(cluster);
      GrpcMasterClient master =
          new GrpcMasterClient(cluster.masterAddress(), channels, Duration.ofSeconds(5));
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < 3; w++) {
        Random random = new Random(seed * 31 + w);
        GodfsClient client = cluster.client();
        int worker = w;
        workers.add(
            pool.submit(
                () -> {
                  int n = 0;
                  while (System.nanoTime() < deadline) {
                    int op = random.nextInt(10);
                    if (op < 5 || acknowledged.isEmpty()) {
                      DfsPath path = DfsPath.of("/chaos/w" + worker + "-" + n++);
                      long fileSeed = random.nextLong();
                      long length = random.nextInt(3 * CHUNK);
                      writes.incrementAndGet();
                      try (OutputStream out = client.create(path, false)) {
                        Payload.write(out, fileSeed, length, 100_000);
                      } catch (IOException | DfsException e) {
                        failedWrites.incrementAndGet();
                        continue; // not acknowledged: no promise about its content
                      }
                      acknowledged.put(path, new Written(fileSeed, length));
                    } else if (op < 9) {
                      List<DfsPath> known = new ArrayList<>(acknowledged.keySet());
                      DfsPath path = known.get(random.nextInt(known.size()));
                      Written expected = acknowledged.get(path);
                      if (expected == null) {
                        continue;
                      }
                      reads.incrementAndGet();
                      List<LocatedChunk> chunks = List.of();
                      RunningChunkservers.Observation before = null;
                      try {
                        chunks = master.locate(path, 0, 0).chunks();
                        before = running.observe(chunks);
                        try (SeekableInput in = client.open(path)) {
                          long mismatch =
                              Payload.firstMismatch(in, expected.seed(), 0, expected.length());
                          assertThat(mismatch)
                              .as("read of acknowledged %s returned wrong bytes", path)
                              .isEqualTo(-1);
                        }
                      } catch (IOException | DfsException e) {
                        failedReads.incrementAndGet();
                        if (!acknowledged.containsKey(path)) {
                          continue; // deleted by another worker meanwhile: no longer promised
                        }
                        assertThat(before)
                            .as("locating acknowledged %s failed: %s", path, e)
                            .isNotNull();
                        assertThat(
                                running.servableThroughout(chunks, before, running.observe(chunks)))
                            .as(
                                "read of acknowledged %s failed (%s) although every chunk had a replica that ran throughout "
                                    + "the read",
                                path, e)
                            .isNull();
                        unreachableReads.incrementAndGet();
                      }
                    } else {
                      List<DfsPath> known = new ArrayList<>(acknowledged.keySet());
                      DfsPath path = known.get(random.nextInt(known.size()));
                      if (acknowledged.remove(path) != null) {
                        try {
                          client.delete(path, false);
                        } catch (DfsException e) {
                          // Unknown outcome: the file is no longer promised either way.
                        }
                      }
                    }
                  }
                  return null;
                }));
      }
      // The chaos monkey: at most two chunkservers down at a time (so R=3 leaves one copy up,
      // healing aside).
      Random monkey = new Random(seed);
      List<Integer> down = new ArrayList<>();
      while (System.nanoTime() < deadline) {
        LockSupport.parkNanos(
            Duration.ofMillis(500 + monkey.nextInt(1500)).toNanos()); // pacing, not synchronisation
        if (down.size() < 2 && monkey.nextBoolean()) {
          int victim = monkey.nextInt(NODES);
          if (!down.contains(victim)) {
            running.kill(victim);
            down.add(victim);
            kills.incrementAndGet();
          }
        } else if (!down.isEmpty()) {
          running.restart(down.remove(monkey.nextInt(down.size())));
        }
      }
      for (Future<?> worker : workers) {
        worker.get(3, TimeUnit.MINUTES);
      }
      for (int index : down) {
        running.restart(index);
      }
      cluster.awaitLiveNodes(NODES);

      // Afterwards every acknowledged file is whole, and the cluster heals back to 3 copies of each
      // chunk.
      Waits.until(
          Duration.ofSeconds(90),
          "every chunk to have 3 live copies",
          () ->
              acknowledged.keySet().stream()
                  .allMatch(
                      p ->
                          cluster.locate(p).stream()
                              .allMatch(c -> c.length() == 0 || c.replicas().size() == 3)));
      GodfsClient verifier = cluster.networkClient();
      for (var e : acknowledged.entrySet()) {
        try (SeekableInput in = verifier.open(e.getKey())) {
          assertThat(Payload.firstMismatch(in, e.getValue().seed(), 0, e.getValue().length()))
              .as("acknowledged %s after the chaos", e.getKey())
              .isEqualTo(-1);
        }
      }
      System.out.printf(
          "chaos seed %d: %d writes (%d failed), %d reads (%d failed: %d with a chunk on no running "
              + "node, the rest of deleted files), %d kills, %d files kept%n",
          seed,
          writes.get(),
          failedWrites.get(),
          reads.get(),
          failedReads.get(),
          unreachableReads.get(),
          kills.get(),
          acknowledged.size());
      assertThat(kills.get()).isPositive();
      assertThat(writes.get() - failedWrites.get()).isGreaterThan(10);
    } finally {
      pool.shutdownNow();
    }
  }
}
