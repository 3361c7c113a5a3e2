package io.godfs.bootstrap.wiring;

import io.godfs.adapters.metadataratis.LoopbackPorts;
import io.godfs.bootstrap.config.DevConfig;
import io.godfs.bootstrap.config.MasterConfig;
import io.godfs.bootstrap.config.MasterSecurity;
import io.godfs.bootstrap.config.RaftConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The dev cluster's masters: one with its namespace in memory, or a Ratis group of 3 or 5 on
 * consecutive ports, Raft 100 ports above, each logging under {@code <data>/master-<n>}. The Raft
 * addresses are stored in the group's log, so fixed ports let a dev group restart on its data; with
 * port 0 (any free port) a group is for one run only.
 */
final class DevMasters {
  private static final int RAFT_PORT_OFFSET = 100;

  private DevMasters() {}

  /** Starts the masters into {@code out} and returns their client addresses, comma-separated. */
  static String start(
      DevConfig config,
      Duration deadAfter,
      Duration heartbeat,
      MasterSecurity security,
      List<MasterNode> out) {
    MasterConfig base =
        new MasterConfig(
            config.listenHost(),
            config.masterPort(),
            config.chunkSize(),
            config.replication(),
            deadAfter,
            heartbeat);
    if (config.masters() == 1) {
      out.add(MasterNode.start(base, security));
      return "127.0.0.1:" + out.getFirst().port();
    }
    int n = config.masters();
    int[] clientPorts = new int[n];
    int[] raftPorts = new int[n];
    List<String> peers = new ArrayList<>();
    List<String> addresses = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      clientPorts[i] = config.masterPort() == 0 ? LoopbackPorts.free() : config.masterPort() + i;
      raftPorts[i] =
          config.masterPort() == 0
              ? LoopbackPorts.free()
              : config.masterPort() + RAFT_PORT_OFFSET + i;
      peers.add("m" + (i + 1) + "@127.0.0.1:" + raftPorts[i] + "@127.0.0.1:" + clientPorts[i]);
      addresses.add("127.0.0.1:" + clientPorts[i]);
    }
    for (int i = 0; i < n; i++) {
      RaftConfig raft =
          new RaftConfig(
              "m" + (i + 1),
              "127.0.0.1:" + raftPorts[i],
              config.dataDir().resolve("master-" + (i + 1)),
              peers,
              true,
              addresses.get(i));
      out.add(MasterNode.start(base.withPort(clientPorts[i]).withRaft(raft), security));
    }
    return String.join(",", addresses);
  }
}
