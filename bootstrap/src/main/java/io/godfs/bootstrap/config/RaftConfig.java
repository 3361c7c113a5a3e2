package io.godfs.bootstrap.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A master of a replicated metadata group (the seed's Raft variables).
 *
 * @param nodeId this master's id in the group
 * @param raftAddress host:port this master's Raft listens on and its peers reach it at
 * @param dir where the Raft log and snapshots live
 * @param peers every master, {@code id@raftHost:port[@clientHost:port]}, this one included
 * @param bootstrap form a new group when {@code dir} is empty (one time, on every first master)
 * @param clientAddress host:port clients reach this master at, named by followers' redirects
 */
public record RaftConfig(String nodeId, String raftAddress, Path dir, List<String> peers, boolean bootstrap,
    String clientAddress) {
  public RaftConfig {
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(raftAddress, "raftAddress");
    Objects.requireNonNull(dir, "dir");
    peers = List.copyOf(peers);
    Objects.requireNonNull(clientAddress, "clientAddress");
  }
}
