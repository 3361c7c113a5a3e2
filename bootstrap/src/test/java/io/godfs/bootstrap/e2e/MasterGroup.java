package io.godfs.bootstrap.e2e;

import io.godfs.adapters.metadataratis.LoopbackPorts;
import io.godfs.application.client.ClientSettings;
import io.godfs.application.master.HealingSettings;
import io.godfs.bootstrap.config.ChunkserverConfig;
import io.godfs.bootstrap.config.MasterConfig;
import io.godfs.bootstrap.config.RaftConfig;
import io.godfs.bootstrap.wiring.ChunkserverNode;
import io.godfs.bootstrap.wiring.MasterMeters;
import io.godfs.bootstrap.wiring.MasterNode;
import io.godfs.client.GodfsClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * A cluster whose metadata is replicated by three (or N) real Ratis masters, each with its own gRPC
 * and Raft port on 127.0.0.1 and its own Raft directory, plus chunkservers and clients that know
 * every master. Masters can be stopped and started again on the same ports and directories.
 */
final class MasterGroup implements AutoCloseable {
  private final Path dir;
  private final long chunkSize;
  private final int[] clientPorts;
  private final int[] raftPorts;
  private final MasterNode[] masters;
  private final List<ChunkserverNode> chunkservers = new ArrayList<>();
  private final List<GodfsClient> clients = new ArrayList<>();
  private final ClusterCredentials credentials;
  private final IntFunction<MasterMeters> meters;
  private final HealingSettings healing;

  MasterGroup(Path dir, int masterCount, int chunkserverCount, long chunkSize) {
    this(dir, masterCount, chunkserverCount, chunkSize, i -> MasterMeters.NONE);
  }

  /** Masters whose healing loop runs with {@code healing} (a short orphan grace, say). */
  MasterGroup(
      Path dir, int masterCount, int chunkserverCount, long chunkSize, HealingSettings healing) {
    this(dir, masterCount, chunkserverCount, chunkSize, i -> MasterMeters.NONE, healing);
  }

  /** Master {@code i} records into {@code meters.apply(i)} (metrics tests). */
  MasterGroup(
      Path dir,
      int masterCount,
      int chunkserverCount,
      long chunkSize,
      IntFunction<MasterMeters> meters) {
    this(
        dir,
        masterCount,
        chunkserverCount,
        chunkSize,
        meters,
        HealingSettings.DEFAULTS.withSafeMode(1, Duration.ZERO));
  }

  private MasterGroup(
      Path dir,
      int masterCount,
      int chunkserverCount,
      long chunkSize,
      IntFunction<MasterMeters> meters,
      HealingSettings healing) {
    this.meters = meters;
    this.healing = healing;
    this.dir = dir;
    this.chunkSize = chunkSize;
    this.credentials = ClusterCredentials.in(dir);
    clientPorts = new int[masterCount];
    raftPorts = new int[masterCount];
    masters = new MasterNode[masterCount];
    for (int i = 0; i < masterCount; i++) {
      clientPorts[i] = LoopbackPorts.free();
      raftPorts[i] = LoopbackPorts.free();
    }
    try {
      for (int i = 0; i < masterCount; i++) {
        startMaster(i);
      }
      for (int i = 0; i < chunkserverCount; i++) {
        String id = "chunk-" + (i + 1);
        chunkservers.add(
            ChunkserverNode.start(
                ChunkserverConfig.of(
                    addresses(),
                    "127.0.0.1",
                    0,
                    dir.resolve(id),
                    id,
                    null,
                    0,
                    Duration.ofMillis(200)),
                Optional.empty(),
                credentials.chunkserver(id)));
      }
      Waits.until(
          Duration.ofSeconds(30),
          chunkserverCount + " chunkservers to register with the leader",
          () -> chunkservers.stream().allMatch(ChunkserverNode::isRegistered));
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private String peers() {
    List<String> peers = new ArrayList<>();
    for (int i = 0; i < masters.length; i++) {
      peers.add("m" + i + "@127.0.0.1:" + raftPorts[i] + "@127.0.0.1:" + clientPorts[i]);
    }
    return String.join(",", peers);
  }

  /** Every master's client address, comma-separated: what chunkservers and clients are given. */
  String addresses() {
    List<String> out = new ArrayList<>();
    for (int port : clientPorts) {
      out.add("127.0.0.1:" + port);
    }
    return out.stream().collect(Collectors.joining(","));
  }

  void startMaster(int i) {
    RaftConfig raft =
        new RaftConfig(
            "m" + i,
            "127.0.0.1:" + raftPorts[i],
            dir.resolve("raft-m" + i),
            List.of(peers().split(",")),
            true,
            "127.0.0.1:" + clientPorts[i]);
    masters[i] =
        MasterNode.start(
            new MasterConfig(
                    "127.0.0.1",
                    clientPorts[i],
                    chunkSize,
                    3,
                    Duration.ofSeconds(10),
                    Duration.ofMillis(200),
                    MasterConfig.DEFAULT_LEASE_TIMEOUT,
                    healing)
                .withRaft(raft),
            credentials.master("m" + i),
            meters.apply(i));
  }

  void stopMaster(int i) {
    masters[i].close();
    masters[i] = null;
  }

  /** Asks master {@code i} to hand its leadership over; it keeps running. */
  boolean handOverLeadership(int i) {
    return masters[i].handOverLeadership();
  }

  /** The running master other than {@code not} that leads right now, or -1: no waiting. */
  int leaderNow(int not) {
    for (int i = 0; i < masters.length; i++) {
      if (i != not && masters[i] != null && masters[i].isLeader()) {
        return i;
      }
    }
    return -1;
  }

  /** The running master that leads now, waiting (bounded) for an election. */
  int awaitLeader() {
    int[] found = {-1};
    Waits.until(
        Duration.ofSeconds(30),
        "a leading master",
        () -> {
          for (int i = 0; i < masters.length; i++) {
            if (masters[i] != null && masters[i].isLeader()) {
              found[0] = i;
              return true;
            }
          }
          return false;
        });
    return found[0];
  }

  /**
   * Each master's view of the group, with its client address ("stopped" for one that is not
   * running): what a test prints when a failover does not happen in time.
   */
  String leadershipViews() {
    List<String> views = new ArrayList<>();
    for (int i = 0; i < masters.length; i++) {
      views.add(
          "m"
              + i
              + " (127.0.0.1:"
              + clientPorts[i]
              + "): "
              + (masters[i] == null ? "stopped" : masters[i].leadershipView()));
    }
    return String.join("; ", views);
  }

  /** Master {@code i}, or null while it is stopped. */
  MasterNode master(int i) {
    return masters[i];
  }

  int masterCount() {
    return masters.length;
  }

  /** A client of the group as its admin, over TLS. */
  GodfsClient client() {
    GodfsClient c =
        GodfsClient.connect(
            addresses(),
            ClientSettings.DEFAULTS.withLocalReads(false),
            credentials.adminKey(),
            credentials.client());
    clients.add(c);
    return c;
  }

  /** The running chunkservers. */
  List<ChunkserverNode> chunkservers() {
    return chunkservers;
  }

  /** What the group is secured with. */
  ClusterCredentials credentials() {
    return credentials;
  }

  @Override
  public void close() {
    clients.forEach(GodfsClient::close);
    chunkservers.forEach(ChunkserverNode::close);
    for (int i = 0; i < masters.length; i++) {
      if (masters[i] != null) {
        masters[i].close();
        masters[i] = null;
      }
    }
  }
}
