package io.godfs.benchmarks;

import io.godfs.adapters.metadataratis.LoopbackPorts;
import io.godfs.adapters.metadataratis.RatisCommitLimit;
import io.godfs.application.client.ClientSettings;
import io.godfs.application.master.HealingSettings;
import io.godfs.bootstrap.config.MasterConfig;
import io.godfs.bootstrap.config.RaftConfig;
import io.godfs.bootstrap.wiring.MasterNode;
import io.godfs.client.GodfsClient;
import io.godfs.domain.file.DfsPath;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Metadata throughput through gRPC: creates per second with many concurrent clients, stats per
 * second from one client thread and from as many clients as create, against one in-memory master
 * and against three Ratis masters, next to this disk's fsync rate measured in the same run (a
 * create on Ratis is durable: it is fsynced in the log of a majority; group commit lets many share
 * one fsync). Then the stall a client sees when the Ratis leader is killed. In-process, over
 * 127.0.0.1; an empty gRPC call on the same transport gives the ceiling of any metadata call here,
 * and three Raft servers that replicate create-sized entries through the same group commit but
 * apply nothing give the ceiling of a replicated create.
 */
public final class MetadataBench {
  private static final int CREATORS = 32;

  /** Stats one thread keeps in flight with statAsync. */
  private static final int PIPELINED_STATS = 8;

  /**
   * Leader kills for the failover stall: an election that splits starts over, so one kill is luck.
   */
  private static final int FAILOVERS = 10;

  private MetadataBench() {}

  public static void run(Path dir, PrintWriter out) throws Exception {
    Path work = Files.createTempDirectory(dir, "godfs-bench-metadata-");
    double fsyncs = fsyncRate(work.resolve("fsync-probe"));
    out.printf(
        "Every rate is steady: %d s rounds until the last three agree within %.0f %% and the JIT compiled"
            + " for under %.0f %% of the last (their mean is shown).%n",
        SteadyRate.ROUND.toSeconds(), SteadyRate.TOLERANCE * 100, SteadyRate.QUIET_JIT * 100);
    SteadyRate.Result tcp = TcpPingLimit.roundTripsPerSecond();
    out.printf(
        "%-52s %10.0f %10s  round trips/s (1 thread; %s)%n",
        "machine: loopback TCP ping-pong", tcp.perSecond(), "-", tcp.describe());
    try (GrpcPingLimit ping = new GrpcPingLimit()) {
      SteadyRate.Result one = ping.callsPerSecond(1);
      out.printf(
          "%-52s %10.0f %10s  calls/s (1 thread; %s)%n",
          "machine: empty gRPC call", one.perSecond(), "-", one.describe());
      SteadyRate.Result many = ping.callsPerSecond(CREATORS);
      out.printf(
          "%-52s %10.0f %10s  calls/s (%d threads; %s)%n",
          "machine: empty gRPC call", many.perSecond(), "-", CREATORS, many.describe());
    }
    try (RatisCommitLimit commits =
        RatisCommitLimit.start(
            work.resolve("commit-limit"),
            List.of(freeLoopback(), freeLoopback(), freeLoopback()))) {
      SteadyRate.Result limit =
          SteadyRate.measure(
              (round, length) ->
                  ConcurrentLoad.run(CREATORS, length, (client, i) -> commits.commitOne()));
      out.printf(
          "%-52s %10.0f %10.0f  commits/s (%d threads; %s)%n",
          "machine: 3 Ratis servers, group commit, no-op",
          limit.perSecond(),
          fsyncs,
          CREATORS,
          limit.describe());
    }
    out.flush();
    out.printf("%-52s %10s %10s%n", "", "goDFS", "fsync/s");
    try (MasterNode memory = MasterNode.start(masterConfig(0))) {
      report(out, "in-memory master", "127.0.0.1:" + memory.port(), fsyncs);
    }
    List<MasterConfig> configs = groupConfigs(work, 3);
    List<MasterNode> group = new ArrayList<>();
    try {
      configs.forEach(c -> group.add(MasterNode.start(c)));
      String addresses = addresses(group);
      FailoverStall.awaitLeader(group, -1);
      report(out, "3 Ratis masters", addresses, fsyncs);
      reportFailovers(out, new FailoverStall(configs, group).measure(addresses, FAILOVERS));
    } finally {
      group.forEach(
          m -> {
            if (m != null) {
              m.close();
            }
          });
    }
    out.flush();
  }

  private static void report(PrintWriter out, String what, String addresses, double fsyncs)
      throws Exception {
    SteadyRate.Result creates = createsPerSecond(addresses, "/" + what.replace(' ', '-'));
    out.printf(
        "%-52s %10.0f %10.0f  creates/s (%d clients; %s)%n",
        what + ": create", creates.perSecond(), fsyncs, CREATORS, creates.describe());
    SteadyRate.Result stats = statsPerSecond(addresses);
    out.printf(
        "%-52s %10.0f %10s  stats/s (1 client thread; %s)%n",
        what + ": stat", stats.perSecond(), "-", stats.describe());
    SteadyRate.Result pipelined = pipelinedStatsPerSecond(addresses);
    out.printf(
        "%-52s %10.0f %10s  stats/s (1 client thread, %d in flight with statAsync; %s)%n",
        what + ": stat", pipelined.perSecond(), "-", PIPELINED_STATS, pipelined.describe());
    SteadyRate.Result concurrentStats = concurrentStatsPerSecond(addresses);
    out.printf(
        "%-52s %10.0f %10s  stats/s (%d clients; %s)%n",
        what + ": stat", concurrentStats.perSecond(), "-", CREATORS, concurrentStats.describe());
    out.flush();
  }

  private static void reportFailovers(PrintWriter out, List<FailoverStall.Kill> kills) {
    List<Long> stalls = kills.stream().map(FailoverStall.Kill::stallMs).sorted().toList();
    List<Long> elections = kills.stream().map(FailoverStall.Kill::electedMs).sorted().toList();
    out.printf(
        "%-52s %10d ms  (worst of %d kills; median %d ms; all: %s)%n",
        "Ratis leader killed: longest create seen by a client",
        stalls.getLast(),
        stalls.size(),
        stalls.get(stalls.size() / 2),
        kills.stream().map(k -> String.valueOf(k.stallMs())).toList());
    out.printf(
        "%-52s %10d ms  (median %d ms)%n",
        "  of which: from the leader's end to a new leader",
        elections.getLast(),
        elections.get(elections.size() / 2));
    out.flush();
  }

  private static SteadyRate.Result createsPerSecond(String addresses, String dirName)
      throws Exception {
    return withClients(
        addresses,
        clients -> {
          clients.getFirst().mkdir(DfsPath.of(dirName), false);
          return SteadyRate.measure(
              (round, length) ->
                  ConcurrentLoad.run(
                      CREATORS,
                      length,
                      (client, i) ->
                          clients
                              .get(client)
                              .createEmpty(
                                  DfsPath.of(dirName + "/r" + round + "-" + client + "-" + i),
                                  false)));
        });
  }

  /**
   * Runs {@code load} with {@link #CREATORS} clients, each with its own connection; closes them
   * after.
   */
  private static SteadyRate.Result withClients(String addresses, ClientsLoad load)
      throws Exception {
    List<GodfsClient> clients = new ArrayList<>();
    try {
      for (int i = 0; i < CREATORS; i++) {
        clients.add(GodfsClient.connect(addresses, ClientSettings.DEFAULTS));
      }
      return load.run(clients);
    } finally {
      clients.forEach(GodfsClient::close);
    }
  }

  @FunctionalInterface
  private interface ClientsLoad {
    SteadyRate.Result run(List<GodfsClient> clients) throws Exception;
  }

  private static SteadyRate.Result statsPerSecond(String addresses) throws Exception {
    try (GodfsClient c = GodfsClient.connect(addresses, ClientSettings.DEFAULTS)) {
      DfsPath root = DfsPath.ROOT;
      return SteadyRate.measure(
          (round, length) -> {
            long n = 0;
            long end = System.nanoTime() + length.toNanos();
            while (System.nanoTime() < end) {
              c.stat(root);
              n++;
            }
            return n;
          });
    }
  }

  /**
   * Stats from one application thread that keeps {@link #PIPELINED_STATS} in flight through the
   * SDK's statAsync (one client, one connection). A failed stat fails the round.
   */
  private static SteadyRate.Result pipelinedStatsPerSecond(String addresses) throws Exception {
    try (GodfsClient c = GodfsClient.connect(addresses, ClientSettings.DEFAULTS)) {
      Semaphore inFlight = new Semaphore(PIPELINED_STATS);
      AtomicReference<Throwable> failure = new AtomicReference<>();
      return SteadyRate.measure(
          (round, length) -> {
            long n = 0;
            long end = System.nanoTime() + length.toNanos();
            while (System.nanoTime() < end) {
              inFlight.acquire();
              c.statAsync(DfsPath.ROOT)
                  .whenComplete(
                      (status, error) -> {
                        if (error != null) {
                          failure.compareAndSet(null, error);
                        }
                        inFlight.release();
                      });
              n++;
            }
            inFlight.acquire(PIPELINED_STATS); // the round ends when its last stat answered
            inFlight.release(PIPELINED_STATS);
            if (failure.get() != null) {
              throw new IllegalStateException(
                  "a pipelined stat failed: " + failure.get(), failure.get());
            }
            return n;
          });
    }
  }

  /** Linearizable stats from {@link #CREATORS} clients at once (each its own connection). */
  private static SteadyRate.Result concurrentStatsPerSecond(String addresses) throws Exception {
    return withClients(
        addresses,
        clients ->
            SteadyRate.measure(
                (round, length) ->
                    ConcurrentLoad.run(
                        CREATORS, length, (client, i) -> clients.get(client).stat(DfsPath.ROOT))));
  }

  private static double fsyncRate(Path file) throws IOException {
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      ByteBuffer block = ByteBuffer.allocate(4096);
      long n = 0;
      long start = System.nanoTime();
      long end = start + Duration.ofSeconds(2).toNanos();
      while (System.nanoTime() < end) {
        block.clear();
        ch.write(block, (n % 256) * 4096);
        ch.force(false);
        n++;
      }
      return n / ((System.nanoTime() - start) / 1e9);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static MasterConfig masterConfig(int port) {
    // No chunkservers here: safe mode off, so a new leader answers at once.
    return new MasterConfig(
        "127.0.0.1",
        port,
        64L << 20,
        3,
        Duration.ofSeconds(30),
        Duration.ofSeconds(2),
        MasterConfig.DEFAULT_LEASE_TIMEOUT,
        HealingSettings.DEFAULTS.withSafeMode(0, Duration.ZERO));
  }

  private static List<MasterConfig> groupConfigs(Path work, int n) {
    int[] clientPorts = new int[n];
    int[] raftPorts = new int[n];
    List<String> peers = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      clientPorts[i] = LoopbackPorts.free();
      raftPorts[i] = LoopbackPorts.free();
      peers.add("m" + i + "@127.0.0.1:" + raftPorts[i] + "@127.0.0.1:" + clientPorts[i]);
    }
    List<MasterConfig> masters = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      masters.add(
          masterConfig(clientPorts[i])
              .withRaft(
                  new RaftConfig(
                      "m" + i,
                      "127.0.0.1:" + raftPorts[i],
                      work.resolve("raft-m" + i),
                      peers,
                      true,
                      "127.0.0.1:" + clientPorts[i])));
    }
    return masters;
  }

  private static String freeLoopback() {
    return "127.0.0.1:" + LoopbackPorts.free();
  }

  private static String addresses(List<MasterNode> masters) {
    return String.join(",", masters.stream().map(m -> "127.0.0.1:" + m.port()).toList());
  }
}
